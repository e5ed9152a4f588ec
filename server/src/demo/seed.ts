/**
 * Loads the demo shop on a brand-new database: staff for every role, a Chinese
 * catalogue with opening stock, customers, two months of orders, and returns in every
 * status — all through the product's own workflows and repositories, so stock, money,
 * timelines and the outbox agree. The history is replayed on a demo clock (see
 * schedule.ts) and a seeded random source, so every fresh start builds the same shop.
 */
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { systemActor } from '../lib/actor.ts';
import { manualClock } from '../lib/clock.ts';
import type { Order } from '../modules/orders/orders.repository.ts';
import { defaultPolicy } from '../modules/policy/default-policy.ts';
import type { ReturnStatus } from '../modules/returns/return-status.ts';
import { createOrder } from '../workflows/create-order.ts';
import { publishPolicy } from '../workflows/publish-policy.ts';
import { backdateShopDefaultsForDemo } from './backdate.ts';
import { canBeReturned, createCatalog, demoProducts, stockOpeningBalances } from './catalog.ts';
import { orderBody, orderRecorder, planOrders, shanghaiMidnight, unitsSoldFromMain } from './orders.ts';
import { createCustomers, createStaff, type DemoLogin, planCustomers } from './people.ts';
import { day, hour, minute, seededRandom } from './random.ts';
import { planReturns } from './return-plans.ts';
import { demoPolicy } from './return-scenarios.ts';
import { type ReturnRun, runReturnStep, type StepEnvironment } from './return-steps.ts';
import { demoSchedule } from './schedule.ts';

export type { DemoLogin } from './people.ts';

const seed = 20_240_601;
const periodDays = 61;
const customerCount = 60;
const orderCount = 300;

/** Loads the demo shop and returns its logins. */
export async function seedDemoData(ctx: AppContext, log: Logger): Promise<DemoLogin[]> {
  const startedAt = performance.now();
  const random = seededRandom(seed);
  const end = ctx.clock.now().getTime();
  const opening = shanghaiMidnight(end) - periodDays * day;
  const clock = manualClock(new Date(opening));
  const demo: AppContext = { ...ctx, clock, notifyOutbox: () => undefined };

  const { users, logins } = await createStaff(ctx.db, new Date(opening - 30 * day));
  await backdateShopDefaultsForDemo(ctx.db, new Date(opening - 30 * day));
  await publishPolicy(demo, demoPolicy, users.manager);
  await createCatalog(ctx.db, new Date(opening - 20 * day));
  const customers = planCustomers(random, customerCount);
  const customerIds = await createCustomers(ctx.db, customers, users.sales.id, new Date(opening));

  const orders = planOrders(random, customers, { start: opening, end, count: orderCount });
  const { plans, unplaced } = planReturns(random, orders, end);
  if (unplaced.length > 0) log.warn({ unplaced }, 'demo data: no order fits these planned returns; they are left out');

  // Opening stock: what sells out of MAIN and what leaves as exchange replacements, plus a margin.
  const needed = unitsSoldFromMain(orders);
  for (const p of plans) {
    if (p.replacement) needed.set(p.replacement.sku, (needed.get(p.replacement.sku) ?? 0) + p.lines.reduce((s, l) => s + l.quantity, 0));
  }
  clock.set(new Date(opening + 9 * hour));
  await stockOpeningBalances(demo, new Map(demoProducts.map((p) => [p.sku, (needed.get(p.sku) ?? 0) + random.int(12, 60)])), users.warehouse);

  const setupMs = Math.round(performance.now() - startedAt);
  const created = new Map<number, Order>();
  const env: StepEnvironment = { ctx: demo, staff: users, orders: created };
  const schedule = demoSchedule();
  for (const o of orders) {
    const customerId = customerIds[o.customerIndex] ?? '';
    schedule.add(o.placedAt + random.int(1, 20) * minute, `order ${o.number}`, async () => {
      created.set(o.index, await createOrder(demo, orderBody(o, customerId), orderRecorder(o, users.service, systemActor)));
    });
  }
  const runs: ReturnRun[] = plans.map((plan) => ({ plan, view: null }));
  const failed = new Set<ReturnRun>();
  for (const run of runs) {
    const steps = [{ kind: 'create' as const, at: run.plan.createdAt }, ...run.plan.steps];
    for (const step of steps) {
      schedule.add(step.at, `${run.plan.key} ${step.kind}`, async () => {
        // A return whose earlier step failed stops there.
        if (!failed.has(run)) await runReturnStep(env, run, step.kind);
      });
    }
  }
  await schedule.run(clock, (task, error) => {
    const run = runs.find((r) => task.label.startsWith(`${r.plan.key} `));
    if (run) failed.add(run);
    log.warn({ err: error, task: task.label }, 'demo data: a step failed; the rest of its return is skipped');
  });
  // The demo's history was decided under its own policy (auto-approval, a second approval
  // for large refunds, a credit bonus); the shop then goes back to the statutory defaults,
  // so a new return on a demo database behaves exactly as on a fresh one.
  await publishPolicy(ctx, defaultPolicy, users.manager);
  ctx.notifyOutbox();

  const statuses: Partial<Record<ReturnStatus, number>> = {};
  for (const run of runs) {
    const status = run.view?.status;
    if (status) statuses[status] = (statuses[status] ?? 0) + 1;
    if (status && status !== run.plan.scenario.target) log.warn({ return: run.plan.key, status }, 'demo data: a return ended in another status than planned');
  }
  // An order a visitor can try the portal with: delivered recently, nothing returned yet.
  const planned = new Set(plans.map((p) => p.order.index));
  const tryable = [...orders]
    .reverse()
    .find(
      (o) =>
        o.deliveredAt !== null &&
        end - o.deliveredAt < 5 * day &&
        !planned.has(o.index) &&
        o.lines.some((l) => canBeReturned(l.product, defaultPolicy.nonReturnableCategories)),
    );
  log.info(
    {
      portalExample: tryable ? { orderNumber: tryable.number, phone: customers[tryable.customerIndex]?.phone } : null,
      products: demoProducts.length,
      customers: customers.length,
      orders: created.size,
      returns: runs.length,
      statuses,
      setupMs,
      ms: Math.round(performance.now() - startedAt),
    },
    'demo data: shop loaded',
  );
  return logins;
}
