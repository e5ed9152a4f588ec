/**
 * The pre-aggregated facts, kept up by the incremental job after random work through the
 * workflows (create, approve, receive, inspect, refund, reject, cancel, at times around
 * midnight in Shanghai), equal the facts rebuilt from scratch — on both databases.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { refreshFacts } from '../src/modules/analytics/refresh-facts.ts';
import { buildCustomer, buildProduct, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const factTables = [
  'analytics_sales_daily',
  'analytics_sales_monthly',
  'analytics_sales_totals',
  'analytics_return_daily',
  'analytics_customer_daily',
  'analytics_stage_daily',
];

type Op = {
  kind: 'create' | 'approve' | 'reject' | 'cancel' | 'receive' | 'inspect' | 'refund' | 'refresh';
  pick: number;
  quantity: number;
  hours: number;
  reason: number;
  disposition: number;
};

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('create', 'create', 'approve', 'reject', 'cancel', 'receive', 'inspect', 'refund', 'refresh'),
  pick: fc.nat(20),
  quantity: fc.integer({ min: 1, max: 3 }),
  hours: fc.integer({ min: 1, max: 40 }),
  reason: fc.nat(4),
  disposition: fc.nat(4),
});

const reasons = ['no_reason', 'quality', 'wrong_item', 'damaged_in_transit', 'not_as_described'];
const dispositions = ['restock', 'damaged', 'scrap', 'vendor', 'reject'];

describe.each(testDatabases)('analytics facts on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance', Client>;
  const skus: string[] = [];
  const customers: string[] = [];
  let orderNo = 0;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance'])) as typeof staff;
    for (const [category, price] of [
      ['服装', 9900],
      ['鞋', 25_900],
      ['服装', 4900],
    ] as const) {
      skus.push((await buildProduct(admin, { category, price })).sku);
    }
    customers.push((await buildCustomer(admin)).id, (await buildCustomer(admin)).id);
  });
  afterAll(() => t.close());

  async function snapshot(): Promise<Record<string, string[]>> {
    const result: Record<string, string[]> = {};
    for (const table of factTables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db);
      // Every row as a computation from scratch has it, no more and no fewer.
      result[table] = rows.rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))).sort();
    }
    return result;
  }

  it('equal a rebuild from scratch after random work', async () => {
    const base = Date.parse('2026-03-10T14:00:00Z');
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), fc.integer({ min: 0, max: 6 }), async (ops, dayShift) => {
        let now = base + dayShift * 86_400_000;
        const orders: { id: string; lines: { id: string }[] }[] = [];
        for (let i = 0; i < 2; i += 1) {
          orderNo += 1;
          const lines = skus.map((sku, j) => ({ sku, quantity: 2 + j, unitPrice: 1000 * (j + 1) }));
          const response = await admin.post('/api/v1/orders', {
            number: `SO-PF-${process.pid}-${orderNo}`,
            customerId: customers[i % customers.length],
            channel: i === 0 ? 'tmall' : 'jd',
            currency: 'CNY',
            placedAt: new Date(now + i * 3 * 3_600_000).toISOString(),
            deliveredAt: new Date(now + 20 * 3_600_000).toISOString(),
            lines,
            payments: [{ method: 'alipay', amount: lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0) }],
          });
          expect(response.status, JSON.stringify(response.body)).toBe(201);
          orders.push(response.body);
        }
        const returns: { id: string; lines: { id: string; quantity: number }[] }[] = [];
        for (const op of ops) {
          now += op.hours * 3_600_000;
          clock.set(new Date(now));
          const ret = returns[op.pick % Math.max(1, returns.length)];
          const line = ret?.lines[0];
          switch (op.kind) {
            case 'create': {
              const order = orders[op.pick % orders.length];
              const orderLine = order?.lines[op.pick % (order?.lines.length ?? 1)];
              const response = await staff.service.post('/api/v1/returns', {
                orderId: order?.id,
                resolution: 'refund',
                lines: [{ orderLineId: orderLine?.id, quantity: op.quantity, reasonCode: reasons[op.reason] }],
              });
              if (response.status === 201) returns.push(response.body);
              break;
            }
            case 'approve':
            case 'reject':
            case 'cancel':
              if (ret) await staff.service.post(`/api/v1/returns/${ret.id}/${op.kind}`, op.kind === 'reject' ? { reason: '不符合' } : {});
              break;
            case 'receive':
              if (ret && line)
                await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, {
                  lines: [{ lineId: line.id, quantity: Math.min(op.quantity, line.quantity) }],
                });
              break;
            case 'inspect':
              if (ret && line) {
                await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
                  lines: [{ lineId: line.id, quantity: 1, grade: 'B', disposition: dispositions[op.disposition] }],
                });
              }
              break;
            case 'refund':
              if (ret) await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: op.disposition % 2 === 0 ? 'original' : 'store_credit' });
              break;
            case 'refresh':
              await refreshFacts(t.db);
              break;
          }
        }
        await refreshFacts(t.db);
        const incremental = await snapshot();
        await t.db.updateTable('analyticsState').set({ status: 'empty' }).execute();
        const rebuilt = await refreshFacts(t.db);
        expect(rebuilt.rebuilt).toBe(true);
        expect(incremental).toEqual(await snapshot());
      }),
      { numRuns: kind === 'postgres' ? 8 : 12 },
    );
  });

  async function expectRebuildAgrees(): Promise<void> {
    await refreshFacts(t.db);
    const incremental = await snapshot();
    await t.db.updateTable('analyticsState').set({ status: 'empty' }).execute();
    expect((await refreshFacts(t.db)).rebuilt).toBe(true);
    expect(incremental).toEqual(await snapshot());
  }

  /** Places an order of one customer on a channel, its lines at the given prices, paid in full. */
  async function placeOrder(o: {
    tag: string;
    customer: string | undefined;
    channel: string;
    placedAt: string;
    deliveredAt?: string;
    lines: { sku: string | undefined; quantity: number; unitPrice: number }[];
  }): Promise<{ id: string; lines: { id: string }[] }> {
    orderNo += 1;
    const response = await admin.post('/api/v1/orders', {
      number: `SO-${o.tag}-${process.pid}-${orderNo}`,
      customerId: o.customer,
      channel: o.channel,
      currency: 'CNY',
      placedAt: o.placedAt,
      ...(o.deliveredAt ? { deliveredAt: o.deliveredAt } : {}),
      lines: o.lines,
      payments: [{ method: 'alipay', amount: o.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0) }],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  /** Files a return of the order's first line for a refund, as service; answers its id and line id. */
  async function fileReturn(order: { id: string; lines: { id: string }[] }, quantity: number, reasonCode: string) {
    const created = await staff.service.post('/api/v1/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: order.lines[0]?.id, quantity, reasonCode }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { id: created.body.id as string, lineId: created.body.lines[0].id as string, status: created.body.status as string };
  }

  it('move with a return whose keys change: the warehouse on receipt, the day its money came back', async () => {
    let now = Date.parse('2026-05-20T02:00:00Z');
    clock.set(new Date(now));
    const order = await placeOrder({
      tag: 'KEYS',
      customer: customers[0],
      channel: 'douyin',
      placedAt: new Date(now - 3 * 86_400_000).toISOString(),
      deliveredAt: new Date(now - 86_400_000).toISOString(),
      lines: [{ sku: skus[1], quantity: 2, unitPrice: 10_000 }],
    });
    const { id, lineId, status } = await fileReturn(order, 2, 'quality');
    if (status === 'requested') expect((await staff.service.post(`/api/v1/returns/${id}/approve`, {})).status).toBe(200);
    await expectRebuildAgrees();
    const rowsOf = async () =>
      (await sql<{ warehouseId: string; returns: number }>`select warehouse_id, returns from analytics_return_daily where channel = 'douyin'`.execute(t.db))
        .rows;
    const before = await rowsOf();
    // The first parcel: the return's warehouse is now the one that received it.
    now += 3_600_000;
    clock.set(new Date(now));
    expect((await staff.warehouse.post(`/api/v1/returns/${id}/receive`, { lines: [{ lineId, quantity: 1 }] })).status).toBe(200);
    expect((await staff.warehouse.post(`/api/v1/returns/${id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] })).status).toBe(
      200,
    );
    const first = await staff.finance.post(`/api/v1/returns/${id}/refund`, { method: 'original' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await expectRebuildAgrees();
    const after = await rowsOf();
    expect(after).toHaveLength(1);
    expect(after[0]?.warehouseId).not.toBe(before[0]?.warehouseId);
    // The second parcel two days later: the money came back in full on another day.
    now += 2 * 86_400_000;
    clock.set(new Date(now));
    expect((await staff.warehouse.post(`/api/v1/returns/${id}/receive`, { lines: [{ lineId, quantity: 1 }] })).status).toBe(200);
    expect((await staff.warehouse.post(`/api/v1/returns/${id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] })).status).toBe(
      200,
    );
    expect((await staff.finance.post(`/api/v1/returns/${id}/refund`, { method: 'original' })).status).toBe(200);
    await expectRebuildAgrees();
    const empty = await sql`select * from analytics_stage_daily where count = 0`.execute(t.db);
    expect(empty.rows).toEqual([]);
  });

  it('move with an order whose hour, day and channel change, whatever code changed it', async () => {
    const placedAt = Date.parse('2026-06-10T15:30:00Z'); // 23:30 in Shanghai
    const order = await placeOrder({
      tag: 'MOVE',
      customer: customers[1],
      channel: 'pdd',
      placedAt: new Date(placedAt).toISOString(),
      lines: [
        { sku: skus[0], quantity: 2, unitPrice: 5_000 },
        { sku: skus[2], quantity: 1, unitPrice: 3_000 },
      ],
    });
    await expectRebuildAgrees();
    // An hour later it is the next local day; the channel and the customer change too.
    await sql`update orders set placed_at = ${new Date(placedAt + 3_600_000).toISOString()}, channel = 'wechat_shop', customer_id = ${customers[0]} where id = ${order.id}`.execute(
      t.db,
    );
    await expectRebuildAgrees();
    const pdd = await sql`select * from analytics_sales_daily where channel = 'pdd'`.execute(t.db);
    expect(pdd.rows).toEqual([]);
  });

  it('cut an hour of orders that straddles two local days (Kathmandu, +5:45) alike, moved or rebuilt', async () => {
    expect((await admin.put('/api/v1/policy', { timeZone: 'Asia/Kathmandu' })).status).toBe(200);
    try {
      expect((await refreshFacts(t.db)).rebuilt).toBe(true);
      // 18:05 and 18:40 UTC: 23:50 on 1 July and 00:25 on 2 July in Kathmandu, one hour of orders.
      for (const at of ['2026-07-01T18:05:00Z', '2026-07-01T18:40:00Z']) {
        await placeOrder({ tag: 'KTM', customer: customers[0], channel: 'kuaishou', placedAt: at, lines: [{ sku: skus[0], quantity: 1, unitPrice: 4_000 }] });
      }
      await expectRebuildAgrees();
      const days = await sql<{ day: string; units: number }>`select day, units from analytics_sales_daily where channel = 'kuaishou' order by day`.execute(
        t.db,
      );
      expect(days.rows.map((r) => [r.day, Number(r.units)])).toEqual([
        ['2026-07-01', 1],
        ['2026-07-02', 1],
      ]);
    } finally {
      expect((await admin.put('/api/v1/policy', { timeZone: 'Asia/Shanghai' })).status).toBe(200);
      await refreshFacts(t.db);
    }
  });

  // PostgreSQL runs changes side by side with the job; SQLite has one writer at a time.
  it.runIf(kind === 'postgres')('never loses a change whose transaction was in flight while the job took its return', async () => {
    const order = await placeOrder({
      tag: 'RACE',
      customer: customers[0],
      channel: 'xiaohongshu',
      placedAt: '2026-08-01T02:00:00.000Z',
      deliveredAt: '2026-08-02T02:00:00.000Z',
      lines: [{ sku: skus[1], quantity: 1, unitPrice: 8_000 }],
    });
    clock.set(new Date('2026-08-03T02:00:00Z'));
    const { id } = await fileReturn(order, 1, 'no_reason');
    await refreshFacts(t.db);
    // An earlier change to the return still waits in the queue …
    await t.db.insertInto('analyticsQueue').values({ kind: 'return', key: id }).execute();
    // … when another transaction changes it and has not committed yet, while the job runs.
    let inside!: () => void;
    let release!: () => void;
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const change = t.db.transaction().execute(async (trx) => {
      await sql`update return_lines set reason_code = 'wrong_item' where return_id = ${id}`.execute(trx);
      inside();
      await held;
    });
    await entered;
    await refreshFacts(t.db);
    release();
    await change;
    await expectRebuildAgrees();
    const reasons = await sql<{ reasonCode: string }>`select reason_code from analytics_return_daily where channel = 'xiaohongshu'`.execute(t.db);
    expect(reasons.rows.map((r) => r.reasonCode)).toEqual(['wrong_item']);
  });

  it('lets one runner at a time work on the facts', async () => {
    const [a, b] = await Promise.all([refreshFacts(t.db, { runner: 'one' }), refreshFacts(t.db, { runner: 'two' })]);
    expect([a.ran, b.ran].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    const state = await t.db.selectFrom('analyticsState').select(['lockedBy', 'status']).executeTakeFirstOrThrow();
    expect(state).toEqual({ lockedBy: null, status: 'ready' });
  });
});
