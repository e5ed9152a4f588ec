/**
 * The benchmark's ceiling: the rows a return creation writes (return, line, timeline,
 * stage, outbox event, number sequence), written with plain SQL in one transaction and
 * nothing else — no validation, authorization or policy. `npm run bench` compares the
 * real endpoint with this to see what the product's own work costs.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';

export type CeilingInput = { orderId: string; customerId: string; orderLineId: string; productId: string; sku: string };

/** Writes one bare return; answers its id. */
export async function writeBareReturn(db: Db, input: CeilingInput): Promise<string> {
  const id = newId('ret');
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const seq = await sql<{ value: number }>`insert into sequences (name, value) values ('BENCH', 1)
      on conflict (name) do update set value = sequences.value + 1 returning value`.execute(trx);
    const number = `BN-${String(seq.rows[0]?.value ?? 0).padStart(8, '0')}`;
    await sql`insert into returns (id, number, order_id, customer_id, type, resolution, channel, currency, status, stage, policy_version, decision,
      returnless, refund_on_receipt, shipping_refund_amount, refundable_amount, refunded_amount, created_by_kind, created_at, updated_at)
      values (${id}, ${number}, ${input.orderId}, ${input.customerId}, 'return', 'refund', 'bench', 'CNY', 'requested', 'review', 1, '{}',
      0, 0, 0, 0, 0, 'system', ${now}, ${now})`.execute(trx);
    await sql`insert into return_lines (id, return_id, line_no, order_line_id, product_id, sku, quantity, reason_code)
      values (${newId('rl')}, ${id}, 1, ${input.orderLineId}, ${input.productId}, ${input.sku}, 1, 'no_reason')`.execute(trx);
    await sql`insert into return_events (id, return_id, action, status, actor_kind, created_at)
      values (${newId('rev')}, ${id}, 'create', 'requested', 'system', ${now})`.execute(trx);
    await sql`insert into return_stages (id, return_id, stage, owner_role, entered_at)
      values (${newId('rst')}, ${id}, 'review', 'service', ${now})`.execute(trx);
    await sql`insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, created_at, dispatched_at)
      values (${newId('evt')}, 'bench.created', 'bench', ${id}, '{}', ${now}, ${now})`.execute(trx);
  });
  return id;
}
