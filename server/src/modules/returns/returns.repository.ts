/** Returns, their lines, timeline, stages and inspections: the only SQL of the returns module. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import type { Scope } from '../../lib/scope.ts';
import type { Decision } from '../policy/policy.schema.ts';
import type { ReturnStatus } from './return-status.ts';

export type ReturnRow = {
  id: string;
  number: string;
  orderId: string;
  customerId: string;
  type: string;
  resolution: string;
  channel: string;
  currency: string;
  status: ReturnStatus;
  stage: string;
  policyVersion: number;
  decision: Decision;
  returnless: boolean;
  refundOnReceipt: boolean;
  approvedAt: string | null;
  rejectedAt: string | null;
  rejectReason: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  shippedAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  replacementShippedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  shippingRefundAmount: number;
  refundableAmount: number;
  refundedAmount: number;
  createdByKind: string;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ReturnLineRow = {
  id: string;
  returnId: string;
  lineNo: number;
  orderLineId: string;
  productId: string;
  sku: string;
  quantity: number;
  reasonCode: string;
  note: string | null;
  receivedQuantity: number;
  inspectedQuantity: number;
  acceptedQuantity: number;
  refusedQuantity: number;
  valuedQuantity: number;
  valueAmount: number;
  feeAmount: number;
};

type StoredReturnRow = Omit<ReturnRow, 'decision' | 'returnless' | 'refundOnReceipt' | 'status'> & {
  decision: string;
  returnless: number;
  refundOnReceipt: number;
  status: string;
};

function toReturnRow(row: StoredReturnRow): ReturnRow {
  return {
    ...row,
    status: row.status as ReturnStatus,
    decision: JSON.parse(row.decision) as Decision,
    returnless: row.returnless === 1,
    refundOnReceipt: row.refundOnReceipt === 1,
    shippingRefundAmount: Number(row.shippingRefundAmount),
    refundableAmount: Number(row.refundableAmount),
    refundedAmount: Number(row.refundedAmount),
  };
}

function toLineRow(row: ReturnLineRow): ReturnLineRow {
  return { ...row, valueAmount: Number(row.valueAmount), feeAmount: Number(row.feeAmount) };
}

/** Restricts a returns query to what a scope may see. */
function visible(db: Db, scope: Scope) {
  let query = db.selectFrom('returns').selectAll('returns');
  if (scope.kind === 'customer') query = query.where('returns.customerId', '=', scope.customerId);
  if (scope.kind === 'sales') {
    query = query.where('returns.customerId', 'in', db.selectFrom('customers').select('customers.id').where('customers.salesUserId', '=', scope.userId));
  }
  return query;
}

/** A return visible in the scope. */
export async function findReturnRow(db: Db, id: string, scope: Scope): Promise<ReturnRow | undefined> {
  const row = await visible(db, scope).where('returns.id', '=', id).executeTakeFirst();
  return row ? toReturnRow(row as StoredReturnRow) : undefined;
}

/**
 * Reads a return visible in the scope and locks it for the rest of the transaction
 * (FOR UPDATE on PostgreSQL; on SQLite the transaction already holds the writer lock).
 */
export async function lockReturnRow(db: Db, id: string, scope: Scope, postgres: boolean): Promise<ReturnRow | undefined> {
  let query = visible(db, scope).where('returns.id', '=', id);
  if (postgres) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toReturnRow(row as StoredReturnRow) : undefined;
}

/** The lines of a return, in order. */
export async function findReturnLines(db: Db, returnId: string): Promise<ReturnLineRow[]> {
  const rows = await db.selectFrom('returnLines').selectAll().where('returnId', '=', returnId).orderBy('lineNo').execute();
  return rows.map(toLineRow);
}

export type NewReturn = Omit<ReturnRow, 'decision' | 'returnless' | 'refundOnReceipt'> & {
  decision: Decision;
  returnless: boolean;
  refundOnReceipt: boolean;
};

type StoredNewReturn = Omit<NewReturn, 'decision' | 'returnless' | 'refundOnReceipt'> & { decision: string; returnless: number; refundOnReceipt: number };

const returnColumns = [
  'id',
  'number',
  'orderId',
  'customerId',
  'type',
  'resolution',
  'channel',
  'currency',
  'status',
  'stage',
  'policyVersion',
  'decision',
  'returnless',
  'refundOnReceipt',
  'approvedAt',
  'rejectedAt',
  'rejectReason',
  'cancelledAt',
  'cancelReason',
  'shippedAt',
  'carrier',
  'trackingNumber',
  'replacementShippedAt',
  'resolvedAt',
  'closedAt',
  'shippingRefundAmount',
  'refundableAmount',
  'refundedAmount',
  'createdByKind',
  'createdById',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof StoredNewReturn)[];

const lineColumns = [
  'id',
  'returnId',
  'lineNo',
  'orderLineId',
  'productId',
  'sku',
  'quantity',
  'reasonCode',
  'note',
  'receivedQuantity',
  'inspectedQuantity',
  'acceptedQuantity',
  'refusedQuantity',
  'valuedQuantity',
  'valueAmount',
  'feeAmount',
] as const satisfies readonly (keyof ReturnLineRow)[];

const insertReturnRow = precompiled<StoredNewReturn, never>((db, param) =>
  db.insertInto('returns').values(Object.fromEntries(returnColumns.map((c) => [c, param(c)])) as unknown as StoredNewReturn),
);

// One variant per number of lines.
const insertLineRows = precompiled<{ lines: ReturnLineRow[] }, never>((db, _param, shape, row) =>
  db
    .insertInto('returnLines')
    .values(Array.from({ length: Number(shape) }, (_, i) => Object.fromEntries(lineColumns.map((c) => [c, row('lines', i, c)])) as unknown as ReturnLineRow)),
);

// PostgreSQL: the return and its lines in one statement (a data-modifying CTE), a round
// trip fewer; the foreign key from the lines is checked at the statement's end.
const insertReturnWithLines = precompiled<StoredNewReturn & { lines: ReturnLineRow[] }, never>((db, param, shape, row) =>
  db
    .with('inserted', (w) =>
      w
        .insertInto('returns')
        .values(Object.fromEntries(returnColumns.map((c) => [c, param(c)])) as unknown as StoredNewReturn)
        .returning('id'),
    )
    .insertInto('returnLines')
    .values(Array.from({ length: Number(shape) }, (_, i) => Object.fromEntries(lineColumns.map((c) => [c, row('lines', i, c)])) as unknown as ReturnLineRow)),
);

/** Writes a new return and its lines; run inside a transaction. */
export async function insertReturn(db: Db, ret: NewReturn, lines: Omit<ReturnLineRow, 'returnId'>[]): Promise<void> {
  const stored = {
    ...ret,
    decision: JSON.stringify(ret.decision),
    returnless: ret.returnless ? 1 : 0,
    refundOnReceipt: ret.refundOnReceipt ? 1 : 0,
  };
  const rows: ReturnLineRow[] = lines.map((l) => ({ ...l, returnId: ret.id }));
  if (isPostgres(db) && lines.length > 0) {
    await insertReturnWithLines(db, { ...stored, lines: rows }, String(lines.length));
    return;
  }
  await insertReturnRow(db, stored);
  if (lines.length > 0) await insertLineRows(db, { lines: rows }, String(lines.length));
}

export type ReturnPatch = Partial<
  Pick<
    ReturnRow,
    | 'status'
    | 'stage'
    | 'approvedAt'
    | 'rejectedAt'
    | 'rejectReason'
    | 'cancelledAt'
    | 'cancelReason'
    | 'shippedAt'
    | 'carrier'
    | 'trackingNumber'
    | 'replacementShippedAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'shippingRefundAmount'
    | 'refundableAmount'
    | 'refundedAmount'
    | 'updatedAt'
  >
>;

// One variant per set of patched fields (the shape is their names, in order).
const updateReturnRow = precompiled<Record<string, unknown>, never>((db, param, shape) =>
  db
    .updateTable('returns')
    .set(Object.fromEntries(shape.split(',').map((k) => [k, param(k)])) as ReturnPatch)
    .where('id', '=', param('$id') as string),
);

/**
 * PostgreSQL: takes the next value of the counter `name` (e.g. RT-20261127) and writes
 * `<name>-<value, 4 digits or more>` on the return, in one statement. The counter row is
 * locked until COMMIT, so every round trip saved after it is time other creations no
 * longer queue behind it.
 */
export async function numberReturnFromCounter(db: Db, id: string, name: string): Promise<string> {
  const { rows } = await sql<{ number: string }>`
    with next as (
      insert into sequences (name, value) values (${name}, 1)
      on conflict (name) do update set value = sequences.value + 1
      returning value
    )
    update returns set number = ${`${name}-`} || lpad(next.value::text, greatest(4, length(next.value::text)), '0')
    from next where returns.id = ${id}
    returning returns.number`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`return ${id} was not numbered`);
  return row.number;
}

/** Updates fields of a return. */
export async function updateReturn(db: Db, id: string, patch: ReturnPatch): Promise<void> {
  // Like Kysely's own `set`, a field given as undefined is left alone.
  const keys = Object.keys(patch).filter((k) => patch[k as keyof ReturnPatch] !== undefined);
  if (keys.length === 0) return;
  await updateReturnRow(db, { ...patch, $id: id }, keys.join(','));
}

export type LinePatch = Partial<
  Pick<ReturnLineRow, 'receivedQuantity' | 'inspectedQuantity' | 'acceptedQuantity' | 'refusedQuantity' | 'valuedQuantity' | 'valueAmount' | 'feeAmount'>
>;

/** Updates the counters of a return line. */
export async function updateReturnLine(db: Db, id: string, patch: LinePatch): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('returnLines').set(patch).where('id', '=', id).execute();
}

export type TimelineEntryOptions = { returnId: string; action: string; status: ReturnStatus; note?: string | null; data?: unknown; actor: Actor; now: Date };

type TimelineRow = {
  id: string;
  returnId: string;
  action: string;
  status: string;
  note: string | null;
  data: string | null;
  actorKind: string;
  actorId: string | null;
  createdAt: string;
};

const insertTimelineRow = precompiled<TimelineRow, never>((db, p) =>
  db.insertInto('returnEvents').values({
    id: p('id'),
    returnId: p('returnId'),
    action: p('action'),
    status: p('status'),
    note: p('note'),
    data: p('data'),
    actorKind: p('actorKind'),
    actorId: p('actorId'),
    createdAt: p('createdAt'),
  }),
);

/** Appends a timeline row (who did what, when, and the status it left). */
export async function insertTimelineEntry(db: Db, o: TimelineEntryOptions): Promise<void> {
  await insertTimelineRow(db, {
    id: newId('rev'),
    returnId: o.returnId,
    action: o.action,
    status: o.status,
    note: o.note ?? null,
    data: o.data === undefined ? null : JSON.stringify(o.data),
    actorKind: o.actor.kind,
    actorId: o.actor.id,
    createdAt: o.now.toISOString(),
  });
}

export type TimelineEntry = {
  action: string;
  status: string;
  note: string | null;
  data: unknown;
  at: string;
  actor: { kind: string; id: string | null; name: string | null };
};

const selectTimeline = precompiled<
  { returnId: string },
  { [K in 'action' | 'status' | 'createdAt' | 'actorKind']: string } & { [K in 'note' | 'data' | 'actorId' | 'userName' | 'customerName']: string | null }
>((db, p) =>
  db
    .selectFrom('returnEvents as e')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'e.actorId').on('e.actorKind', '=', 'user'))
    .leftJoin('customers as c', (join) => join.onRef('c.id', '=', 'e.actorId').on('e.actorKind', '=', 'customer'))
    .select(['e.action', 'e.status', 'e.note', 'e.data', 'e.createdAt', 'e.actorKind', 'e.actorId', 'u.name as userName', 'c.name as customerName'])
    .where('e.returnId', '=', p('returnId'))
    .orderBy('e.id'),
);

/** The timeline of a return, oldest first, with the names of the people who acted. */
export async function findTimeline(db: Db, returnId: string): Promise<TimelineEntry[]> {
  const { rows } = await selectTimeline(db, { returnId });
  return rows.map((r) => ({
    action: r.action,
    status: r.status,
    note: r.note,
    data: r.data ? JSON.parse(r.data) : null,
    at: r.createdAt,
    actor: { kind: r.actorKind, id: r.actorId, name: r.userName ?? r.customerName ?? null },
  }));
}

const stageColumns = ['id', 'returnId', 'stage', 'ownerRole', 'enteredAt', 'exitedAt', 'dueAt'] as const;

type StageRow = { [K in (typeof stageColumns)[number]]: string | null };

// One variant per number of rows.
const insertStageRows = precompiled<{ rows: StageRow[] }, never>((db, _param, shape, row) =>
  db
    .insertInto('returnStages')
    .values(
      Array.from(
        { length: Number(shape) },
        (_, i) => Object.fromEntries(stageColumns.map((c) => [c, row('rows', i, c)])) as { [K in (typeof stageColumns)[number]]: string },
      ),
    ),
);

/**
 * Moves a return into a stage: closes the open stage row and opens the new one. A new
 * return has no open row: `first` skips the close, and `passedThrough` is a stage it was
 * in only for this transaction, written entered and exited now in the same statement.
 */
export async function enterStage(
  db: Db,
  o: {
    returnId: string;
    stage: string;
    ownerRole: string;
    dueAt: string | null;
    now: Date;
    first?: boolean;
    passedThrough?: { stage: string; ownerRole: string };
  },
): Promise<void> {
  const at = o.now.toISOString();
  if (!o.first) await db.updateTable('returnStages').set({ exitedAt: at }).where('returnId', '=', o.returnId).where('exitedAt', 'is', null).execute();
  // Ids are time-ordered: the stage passed through takes the earlier one, so it lists first.
  const passed = o.passedThrough ? [{ id: newId('rst'), returnId: o.returnId, ...o.passedThrough, enteredAt: at, exitedAt: at, dueAt: null }] : [];
  const entered = {
    id: newId('rst'),
    returnId: o.returnId,
    stage: o.stage,
    ownerRole: o.ownerRole,
    enteredAt: at,
    exitedAt: o.stage === 'done' ? at : null,
    dueAt: o.dueAt,
  };
  await insertStageRows(db, { rows: [...passed, entered] }, String(passed.length + 1));
}

export type StageEntry = { stage: string; ownerRole: string; enteredAt: string; exitedAt: string | null; dueAt: string | null };

/** The stages a return went through, oldest first. */
export async function findStages(db: Db, returnId: string): Promise<StageEntry[]> {
  return db
    .selectFrom('returnStages')
    .select(['stage', 'ownerRole', 'enteredAt', 'exitedAt', 'dueAt'])
    .where('returnId', '=', returnId)
    .orderBy('id')
    .execute();
}

/** Records an inspection of some units of a line. */
export async function insertInspection(
  db: Db,
  o: { returnId: string; returnLineId: string; quantity: number; grade: string; disposition: string; actor: Actor; now: Date },
): Promise<void> {
  await db
    .insertInto('returnInspections')
    .values({
      id: newId('ins'),
      returnId: o.returnId,
      returnLineId: o.returnLineId,
      quantity: o.quantity,
      grade: o.grade,
      disposition: o.disposition,
      actorKind: o.actor.kind,
      actorId: o.actor.id,
      createdAt: o.now.toISOString(),
    })
    .execute();
}

export type InspectionEntry = { returnLineId: string; quantity: number; grade: string; disposition: string; createdAt: string };

/** The inspections of a return. */
export async function findInspections(db: Db, returnId: string): Promise<InspectionEntry[]> {
  return db
    .selectFrom('returnInspections')
    .select(['returnLineId', 'quantity', 'grade', 'disposition', 'createdAt'])
    .where('returnId', '=', returnId)
    .orderBy('id')
    .execute();
}

/** Product names by id, for presenting lines. */
export async function productNames(db: Db, productIds: readonly string[]): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('products')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(productIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type ReturnFilter = {
  status?: readonly string[];
  customerId?: string;
  orderId?: string;
  stage?: string;
  channel?: string;
  reasonCode?: string;
  q?: string;
  createdFrom?: string;
  createdTo?: string;
  overdueAt?: string;
  cursor?: string;
  order: 'newest' | 'oldest';
  limit: number;
};

/** Returns visible in the scope matching a filter, newest (or oldest) first. */
export async function listReturnRows(db: Db, scope: Scope, f: ReturnFilter): Promise<ReturnRow[]> {
  let query = visible(db, scope).limit(f.limit);
  query = f.order === 'newest' ? query.orderBy('returns.id', 'desc') : query.orderBy('returns.id', 'asc');
  if (f.status && f.status.length > 0) query = query.where('returns.status', 'in', [...f.status]);
  if (f.customerId) query = query.where('returns.customerId', '=', f.customerId);
  if (f.orderId) query = query.where('returns.orderId', '=', f.orderId);
  if (f.stage) query = query.where('returns.stage', '=', f.stage);
  if (f.channel) query = query.where('returns.channel', '=', f.channel);
  if (f.createdFrom) query = query.where('returns.createdAt', '>=', f.createdFrom);
  if (f.createdTo) query = query.where('returns.createdAt', '<', f.createdTo);
  if (f.reasonCode) {
    const reason = f.reasonCode;
    query = query.where('returns.id', 'in', db.selectFrom('returnLines').select('returnLines.returnId').where('returnLines.reasonCode', '=', reason));
  }
  if (f.overdueAt) {
    const at = f.overdueAt;
    query = query.where(
      'returns.id',
      'in',
      db.selectFrom('returnStages').select('returnStages.returnId').where('returnStages.exitedAt', 'is', null).where('returnStages.dueAt', '<', at),
    );
  }
  if (f.q) {
    const q = f.q.trim();
    const digits = q.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb('returns.number', '=', q.toUpperCase()),
        eb('returns.trackingNumber', '=', q),
        eb('returns.orderId', 'in', db.selectFrom('orders').select('orders.id').where('orders.number', '=', q)),
        ...(digits.length >= 7
          ? [
              eb(
                'returns.customerId',
                'in',
                db
                  .selectFrom('customers')
                  .select('customers.id')
                  .where('customers.phone', '=', digits.replace(/^86(?=1\d{10}$)/, '')),
              ),
            ]
          : []),
      ]),
    );
  }
  if (f.cursor) query = query.where('returns.id', f.order === 'newest' ? '<' : '>', f.cursor);
  const rows = await query.execute();
  return rows.map((r) => toReturnRow(r as StoredReturnRow));
}

/** Open stage rows of returns, for due dates and queues. */
export async function openStagesFor(db: Db, returnIds: readonly string[]): Promise<Map<string, StageEntry>> {
  if (returnIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('returnStages')
    .select(['returnId', 'stage', 'ownerRole', 'enteredAt', 'exitedAt', 'dueAt'])
    .where('returnId', 'in', [...returnIds])
    .where('exitedAt', 'is', null)
    .execute();
  return new Map(rows.map(({ returnId, ...s }) => [returnId, s]));
}

/** Accepted units and their reasons across the live returns of an order. */
export async function acceptedUnitsOfOrder(db: Db, orderId: string): Promise<{ units: number; reasonCodes: string[] }> {
  const rows = await db
    .selectFrom('returnLines')
    .innerJoin('returns', 'returns.id', 'returnLines.returnId')
    .select(['returnLines.reasonCode', (eb) => eb.fn.sum<number>('returnLines.acceptedQuantity').as('units')])
    .where('returns.orderId', '=', orderId)
    .where('returns.status', 'not in', ['rejected', 'cancelled'])
    .where('returnLines.acceptedQuantity', '>', 0)
    .groupBy('returnLines.reasonCode')
    .execute();
  return { units: rows.reduce((s, r) => s + Number(r.units), 0), reasonCodes: rows.map((r) => r.reasonCode) };
}
