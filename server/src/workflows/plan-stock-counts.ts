/**
 * Count plans and the count sheets they make. A sheet snapshots the expected quantities
 * when it is made; nothing runs on a timer in memory: each plan stores its next run date,
 * and `runDueCountPlans` (called by the worker or POST /stock-count-plans/run-due) makes
 * the sheets of the plans that are due, claiming each run so that one server makes it.
 */
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import { localDate } from '../lib/local-date.ts';
import { nextDocumentNumber } from '../modules/numbering/document-numbers.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { claimPlanRun, findDuePlans, findPlan, insertPlan, type PlanRow, recordPlanCount, updatePlan } from '../modules/stocktaking/count-plans.repository.ts';
import { firstRunOnOrAfter, nextRunAfter } from '../modules/stocktaking/count-schedule.ts';
import { findCountView, findOpenCounts, insertCountWithSnapshot } from '../modules/stocktaking/stock-counts.repository.ts';
import type { CountPlanCreateBody, CountPlanUpdateBody, CountPlanView, RunDueResult, StockCountView } from '../modules/stocktaking/stocktaking.schema.ts';
import { findWarehouse, findWarehouseLocations } from '../modules/warehouses/warehouses.repository.ts';

async function today(db: Db, now: Date): Promise<string> {
  return localDate(now, (await getCurrentPolicy(db)).timeZone);
}

/** Location ids of a warehouse from codes (400 for a code not in it); none given: none stored (all, decided at each run). */
async function resolveLocationIds(db: Db, warehouseId: string, codes: readonly string[] | undefined, field: string): Promise<string[]> {
  if (!codes || codes.length === 0) return [];
  const locations = await findWarehouseLocations(db, warehouseId);
  return [...new Set(codes)].map((code, i) => {
    const location = locations.find((l) => l.code === code);
    if (!location) throw invalidField(`${field}.${i}`, `The warehouse has no location ${code}`);
    return location.id;
  });
}

async function presentPlan(db: Db, plan: PlanRow): Promise<CountPlanView> {
  const locations = plan.locationIds.length > 0 ? await findWarehouseLocations(db, plan.warehouseId) : [];
  const { locationIds, ...rest } = plan;
  return { ...rest, locations: locationIds.map((id) => locations.find((l) => l.id === id)?.code ?? id).sort() };
}

/** A plan as the API shows it; 404 when unknown. */
export async function loadCountPlan(ctx: AppContext, id: string): Promise<CountPlanView> {
  const plan = await findPlan(ctx.db, id);
  if (!plan) throw notFound('Count plan');
  return presentPlan(ctx.db, plan);
}

/** Creates a plan; its first run is its start date (default today). */
export async function createCountPlan(ctx: AppContext, o: { body: CountPlanCreateBody; actor: Actor }): Promise<CountPlanView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const warehouse = await findWarehouse(trx, o.body.warehouse);
    if (!warehouse) throw invalidField('warehouse', `Unknown warehouse ${o.body.warehouse}`);
    const locationIds = await resolveLocationIds(trx, warehouse.id, o.body.locations, 'locations');
    const date = await today(trx, now);
    const anchorDate = o.body.startsOn ?? date;
    if (anchorDate < date) throw invalidField('startsOn', 'The first run is today or later');
    return insertPlan(trx, {
      name: o.body.name,
      warehouseId: warehouse.id,
      locationIds,
      categories: [...new Set(o.body.categories ?? [])],
      schedule: o.body.schedule,
      anchorDate,
      nextRunOn: firstRunOnOrAfter(anchorDate, o.body.schedule, date),
      actorId: o.actor.id,
      now,
    });
  });
  return loadCountPlan(ctx, id);
}

/** Changes a plan; a new schedule or start date recomputes the next run. */
export async function updateCountPlan(ctx: AppContext, o: { planId: string; body: CountPlanUpdateBody }): Promise<CountPlanView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, o.planId);
    if (!plan) throw notFound('Count plan');
    const date = await today(trx, now);
    const schedule = o.body.schedule ?? plan.schedule;
    const anchorDate = o.body.startsOn ?? plan.startsOn;
    if (o.body.startsOn && o.body.startsOn < date && o.body.startsOn !== plan.startsOn) throw invalidField('startsOn', 'The first run is today or later');
    const rescheduled = o.body.schedule !== undefined || o.body.startsOn !== undefined || (o.body.active === true && !plan.active);
    await updatePlan(
      trx,
      plan.id,
      {
        ...(o.body.name === undefined ? {} : { name: o.body.name }),
        ...(o.body.locations === undefined ? {} : { locationIds: await resolveLocationIds(trx, plan.warehouseId, o.body.locations, 'locations') }),
        ...(o.body.categories === undefined ? {} : { categories: [...new Set(o.body.categories)] }),
        ...(o.body.active === undefined ? {} : { active: o.body.active }),
        ...(rescheduled ? { schedule, anchorDate, nextRunOn: firstRunOnOrAfter(anchorDate, schedule, date) } : {}),
      },
      now,
    );
  });
  return loadCountPlan(ctx, o.planId);
}

export type CreateCountSheetOptions = {
  warehouseId: string;
  /** Location ids; empty: every location of the warehouse. */
  locationIds: string[];
  categories: string[];
  planId: string | null;
  note: string | null;
  actor: Actor;
  now: Date;
};

/**
 * Makes a count sheet with its snapshot, inside a transaction. Counts of one warehouse are
 * made one at a time (the warehouse row is locked), and no two open counts share a
 * location: 409 conflict naming the open one.
 */
export async function createCountSheet(trx: Db, o: CreateCountSheetOptions): Promise<{ id: string; number: string }> {
  let lock = trx.selectFrom('warehouses').select('id').where('id', '=', o.warehouseId);
  if (isPostgres(trx)) lock = lock.forUpdate();
  await lock.execute();
  const locationIds = o.locationIds.length > 0 ? o.locationIds : (await findWarehouseLocations(trx, o.warehouseId)).map((l) => l.id);
  if (locationIds.length === 0) throw new AppError('conflict', 'The warehouse has no locations to count');
  const busy = (await findOpenCounts(trx, o.warehouseId)).find((c) => c.locationIds.some((id) => locationIds.includes(id)));
  if (busy)
    throw new AppError('conflict', `Count ${busy.number} is still open on some of these locations; finish or cancel it first`, {
      countId: busy.id,
      number: busy.number,
    });
  const policy = await getCurrentPolicy(trx);
  const number = await nextDocumentNumber(trx, 'PD', o.now, policy.timeZone);
  const id = await insertCountWithSnapshot(trx, {
    number,
    planId: o.planId,
    warehouseId: o.warehouseId,
    locationIds,
    categories: o.categories,
    note: o.note,
    actor: o.actor,
    now: o.now,
  });
  return { id, number };
}

async function loadCount(db: Db, id: string): Promise<StockCountView> {
  const count = await findCountView(db, id);
  if (!count) throw notFound('Stock count');
  return count;
}

/** Starts a count now, outside any plan. */
export async function startStockCount(
  ctx: AppContext,
  o: { warehouse: string; locations?: string[] | undefined; categories?: string[] | undefined; note?: string | undefined; actor: Actor },
): Promise<StockCountView> {
  const now = ctx.clock.now();
  const { id } = await ctx.db.transaction().execute(async (trx) => {
    const warehouse = await findWarehouse(trx, o.warehouse);
    if (!warehouse) throw invalidField('warehouse', `Unknown warehouse ${o.warehouse}`);
    const locationIds = await resolveLocationIds(trx, warehouse.id, o.locations, 'locations');
    return createCountSheet(trx, {
      warehouseId: warehouse.id,
      locationIds,
      categories: [...new Set(o.categories ?? [])],
      planId: null,
      note: o.note ?? null,
      actor: o.actor,
      now,
    });
  });
  return loadCount(ctx.db, id);
}

/** Runs a plan now: makes its sheet; a due run counts as done, and the next is stored. */
export async function runCountPlan(ctx: AppContext, o: { planId: string; actor: Actor }): Promise<StockCountView> {
  const now = ctx.clock.now();
  const { id } = await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, o.planId);
    if (!plan) throw notFound('Count plan');
    if (!plan.active) throw new AppError('conflict', `Plan ${plan.name} is inactive`);
    const date = await today(trx, now);
    if (plan.nextRunOn && plan.nextRunOn <= date) {
      await claimPlanRun(trx, { planId: plan.id, expectedNextRunOn: plan.nextRunOn, nextRunOn: nextRunAfter(plan.startsOn, plan.schedule, date), now });
    }
    const sheet = await createCountSheet(trx, { ...planSheet(plan), actor: o.actor, now });
    await recordPlanCount(trx, plan.id, sheet.id, now);
    return sheet;
  });
  return loadCount(ctx.db, id);
}

function planSheet(plan: PlanRow) {
  return { warehouseId: plan.warehouseId, locationIds: plan.locationIds, categories: plan.categories, planId: plan.id, note: plan.name };
}

/** The worker's scheduled turn that makes the sheets of due plans (a scheduled_jobs row; one server takes each turn). */
export const countPlanJob = { name: 'stock-count-plans', intervalSeconds: 600 } as const;

/**
 * Makes the sheets of every plan due today (shop time) or earlier; a plan late by several
 * runs makes one sheet and moves on to its next future date. A plan whose locations are
 * still being counted is skipped and stays due.
 */
export async function runDueCountPlans(ctx: AppContext, actor: Actor): Promise<RunDueResult> {
  const now = ctx.clock.now();
  const date = await today(ctx.db, now);
  const result: RunDueResult = { created: [], skipped: [] };
  for (const plan of await findDuePlans(ctx.db, date)) {
    try {
      const sheet = await ctx.db.transaction().execute(async (trx) => {
        const claimed = await claimPlanRun(trx, {
          planId: plan.id,
          expectedNextRunOn: plan.nextRunOn as string,
          nextRunOn: nextRunAfter(plan.startsOn, plan.schedule, date),
          now,
        });
        if (!claimed) return null;
        const made = await createCountSheet(trx, { ...planSheet(plan), actor, now });
        await recordPlanCount(trx, plan.id, made.id, now);
        return made;
      });
      if (sheet) result.created.push({ planId: plan.id, countId: sheet.id, number: sheet.number });
      else result.skipped.push({ planId: plan.id, reason: 'already run by another server' });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.skipped.push({ planId: plan.id, reason: error.message });
    }
  }
  return result;
}
