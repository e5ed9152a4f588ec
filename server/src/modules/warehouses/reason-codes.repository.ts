/** The managed list of adjustment reasons (期初库存, 盘盈, 丢失 …): added, renamed and retired, never deleted. */
import type { Db } from '../../db/connect.ts';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import type { ReasonCodeCreateBody, ReasonCodeUpdateBody, ReasonCodeView } from './warehouses.schema.ts';

type ReasonRow = { code: string; name: string; nameEn: string | null; direction: string; active: number };

function toView(row: ReasonRow): ReasonCodeView {
  return { ...row, direction: row.direction as ReasonCodeView['direction'], active: Number(row.active) === 1 };
}

const columns = ['code', 'name', 'nameEn', 'direction', 'active'] as const;

/** The reason codes, active ones only unless asked. */
export async function listReasonCodes(db: Db, o: { includeRetired?: boolean } = {}): Promise<ReasonCodeView[]> {
  let query = db.selectFrom('stockReasonCodes').select(columns).orderBy('code');
  if (!o.includeRetired) query = query.where('active', '=', 1);
  return (await query.execute()).map(toView);
}

/** A reason code, or undefined. */
export async function findReasonCode(db: Db, code: string): Promise<ReasonCodeView | undefined> {
  const row = await db.selectFrom('stockReasonCodes').select(columns).where('code', '=', code).executeTakeFirst();
  return row ? toView(row) : undefined;
}

/**
 * An active reason code fit for moving stock one way; 400 naming the field otherwise.
 * `direction` is 'in' when stock goes up, 'out' when it goes down.
 */
export async function requireReasonCode(db: Db, code: string, direction: 'in' | 'out', field: string): Promise<ReasonCodeView> {
  const reason = await findReasonCode(db, code);
  if (!reason?.active) throw invalidField(field, `Unknown or retired reason code ${code}`);
  if (reason.direction !== 'both' && reason.direction !== direction) {
    throw invalidField(field, `Reason ${code} (${reason.name}) is for stock going ${reason.direction}, not ${direction}`);
  }
  return reason;
}

/** Adds a reason code; 409 when the code exists. */
export async function createReasonCode(db: Db, body: ReasonCodeCreateBody, now: Date): Promise<ReasonCodeView> {
  if (await findReasonCode(db, body.code)) throw new AppError('conflict', `Reason code ${body.code} exists`, { code: body.code });
  await db
    .insertInto('stockReasonCodes')
    .values({ code: body.code, name: body.name, nameEn: body.nameEn ?? null, direction: body.direction, active: 1, createdAt: now.toISOString() })
    .execute();
  return (await findReasonCode(db, body.code)) as ReasonCodeView;
}

/** Renames, redirects, retires or revives a reason code. */
export async function updateReasonCode(db: Db, code: string, body: ReasonCodeUpdateBody): Promise<ReasonCodeView> {
  if (!(await findReasonCode(db, code))) throw notFound('Reason code');
  const patch = {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.nameEn === undefined ? {} : { nameEn: body.nameEn }),
    ...(body.direction === undefined ? {} : { direction: body.direction }),
    ...(body.active === undefined ? {} : { active: body.active ? 1 : 0 }),
  };
  if (Object.keys(patch).length > 0) await db.updateTable('stockReasonCodes').set(patch).where('code', '=', code).execute();
  return (await findReasonCode(db, code)) as ReasonCodeView;
}
