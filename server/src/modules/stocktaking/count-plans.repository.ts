/** Count plans: what to count (a warehouse, some locations or categories) and when; the next run lives in the row. */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';
import type { CountSchedule } from './count-schedule.ts';
import type { CountPlanView } from './stocktaking.schema.ts';

export type InsertPlanOptions = {
  name: string;
  warehouseId: string;
  locationIds: string[];
  categories: string[];
  schedule: CountSchedule;
  anchorDate: string;
  nextRunOn: string | null;
  actorId: string | null;
  now: Date;
};

/** Writes a plan. */
export async function insertPlan(db: Db, o: InsertPlanOptions): Promise<string> {
  const id = newId('cplan');
  const at = o.now.toISOString();
  await db
    .insertInto('stockCountPlans')
    .values({
      id,
      name: o.name,
      warehouseId: o.warehouseId,
      locationIds: JSON.stringify(o.locationIds),
      categories: JSON.stringify(o.categories),
      schedule: o.schedule,
      anchorDate: o.anchorDate,
      nextRunOn: o.nextRunOn,
      lastRunAt: null,
      lastCountId: null,
      active: 1,
      createdById: o.actorId,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  return id;
}

export type PlanPatch = Partial<{
  name: string;
  locationIds: string[];
  categories: string[];
  schedule: CountSchedule;
  anchorDate: string;
  nextRunOn: string | null;
  active: boolean;
}>;

/** Changes a plan. */
export async function updatePlan(db: Db, id: string, patch: PlanPatch, now: Date): Promise<void> {
  const { locationIds, categories, active, ...rest } = patch;
  await db
    .updateTable('stockCountPlans')
    .set({
      ...rest,
      ...(locationIds ? { locationIds: JSON.stringify(locationIds) } : {}),
      ...(categories ? { categories: JSON.stringify(categories) } : {}),
      ...(active === undefined ? {} : { active: active ? 1 : 0 }),
      updatedAt: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Claims a plan's run: moves its next run from the date it had to the next one, only if
 * nobody did so first. Several servers may look at a due plan; one claim wins.
 */
export async function claimPlanRun(db: Db, o: { planId: string; expectedNextRunOn: string; nextRunOn: string | null; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('stockCountPlans')
    .set({ nextRunOn: o.nextRunOn, lastRunAt: o.now.toISOString(), updatedAt: o.now.toISOString() })
    .where('id', '=', o.planId)
    .where('nextRunOn', '=', o.expectedNextRunOn)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the count a run made. */
export async function recordPlanCount(db: Db, planId: string, countId: string, now: Date): Promise<void> {
  await db.updateTable('stockCountPlans').set({ lastCountId: countId, lastRunAt: now.toISOString() }).where('id', '=', planId).execute();
}

function planQuery(db: Db) {
  return db
    .selectFrom('stockCountPlans as p')
    .innerJoin('warehouses as w', 'w.id', 'p.warehouseId')
    .select([
      'p.id',
      'p.name',
      'p.warehouseId',
      'w.code as warehouseCode',
      'p.locationIds',
      'p.categories',
      'p.schedule',
      'p.anchorDate',
      'p.nextRunOn',
      'p.lastRunAt',
      'p.lastCountId',
      'p.active',
      'p.createdAt',
      'p.updatedAt',
    ]);
}

export type PlanRow = Omit<CountPlanView, 'locations'> & { locationIds: string[] };

type Selected = Awaited<ReturnType<ReturnType<typeof planQuery>['executeTakeFirstOrThrow']>>;

function toPlanRow({ anchorDate, ...r }: Selected): PlanRow {
  return {
    ...r,
    startsOn: anchorDate,
    locationIds: JSON.parse(r.locationIds) as string[],
    categories: JSON.parse(r.categories) as string[],
    schedule: r.schedule as CountSchedule,
    active: Number(r.active) === 1,
  };
}

/** A plan by id. */
export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  const row = await planQuery(db).where('p.id', '=', id).executeTakeFirst();
  return row ? toPlanRow(row) : undefined;
}

/** Plans by id with cursor paging. */
export async function listPlans(db: Db, o: { cursor?: string; limit: number }): Promise<PlanRow[]> {
  let query = planQuery(db).orderBy('p.id').limit(o.limit);
  if (o.cursor) query = query.where('p.id', '>', o.cursor);
  return (await query.execute()).map(toPlanRow);
}

/** Active plans whose next run is on or before a date. */
export async function findDuePlans(db: Db, today: string): Promise<PlanRow[]> {
  return (
    await planQuery(db).where('p.active', '=', 1).where('p.nextRunOn', 'is not', null).where('p.nextRunOn', '<=', today).orderBy('p.nextRunOn').execute()
  ).map(toPlanRow);
}

/** Location codes by id, to show plans and counts. */
export async function locationCodes(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'code'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}
