/**
 * The benchmark's ceiling: the rows a return creation writes (return with its decision,
 * line, the two stages — "apply" closed and the next one open —, timeline entry, outbox
 * event with the presented return, number sequence), written with plain SQL in one
 * transaction and nothing else — no validation, authorization or policy. `npm run bench`
 * compares the real endpoint with this to see what the product's own work costs. The
 * decision and the payload are texts the bench took from a real creation and gave the
 * server once before the run, so both sides write rows of the same size (until 2026-11-28
 * the ceiling wrote `{}` for both and one stage: ~200 bytes against ~3.5 KB;
 * docs/performance.md).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import { newId } from '../../lib/ids.ts';

export type CeilingInput = { orderId: string; customerId: string; orderLineId: string; productId: string; sku: string };

/** The decision and outbox payload of a real creation, as stored (JSON texts). */
export type CeilingRows = { decision: string; payload: string };

/** Writes one bare return; answers its id. */
export async function writeBareReturn(db: Db, input: CeilingInput, rows: CeilingRows): Promise<string> {
  const id = newId('ret');
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    // Numbered where a creation numbers: first on SQLite (one writer at a time anyway), last
    // on PostgreSQL, where the counter row stays locked to COMMIT (returns.repository.ts).
    const postgres = isPostgres(trx);
    const number = postgres ? id : await nextBenchNumber(trx);
    await sql`insert into returns (id, number, order_id, customer_id, type, resolution, channel, currency, status, stage, policy_version, decision,
      returnless, refund_on_receipt, shipping_refund_amount, refundable_amount, refunded_amount, created_by_kind, created_at, updated_at)
      values (${id}, ${number}, ${input.orderId}, ${input.customerId}, 'return', 'refund', 'bench', 'CNY', 'requested', 'review', 1, ${rows.decision},
      0, 0, 0, 0, 0, 'system', ${now}, ${now})`.execute(trx);
    await sql`insert into return_lines (id, return_id, line_no, order_line_id, product_id, sku, quantity, reason_code)
      values (${newId('rl')}, ${id}, 1, ${input.orderLineId}, ${input.productId}, ${input.sku}, 1, 'no_reason')`.execute(trx);
    await sql`insert into return_events (id, return_id, action, status, data, actor_kind, created_at)
      values (${newId('rev')}, ${id}, 'create', 'requested', '{"outcome":"pending_review"}', 'system', ${now})`.execute(trx);
    await sql`insert into return_stages (id, return_id, stage, owner_role, entered_at, exited_at)
      values (${newId('rst')}, ${id}, 'apply', 'customer', ${now}, ${now}), (${newId('rst')}, ${id}, 'review', 'service', ${now}, null)`.execute(trx);
    if (postgres) {
      await sql`with next as (insert into sequences (name, value) values ('BENCH', 1)
          on conflict (name) do update set value = sequences.value + 1 returning value)
        update returns set number = 'BN-' || lpad(next.value::text, 8, '0') from next where returns.id = ${id}`.execute(trx);
    }
    await sql`insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, created_at, dispatched_at)
      values (${newId('evt')}, 'bench.created', 'bench', ${id}, ${rows.payload}, ${now}, ${now})`.execute(trx);
  });
  return id;
}

async function nextBenchNumber(db: Db): Promise<string> {
  const seq = await sql<{ value: number }>`insert into sequences (name, value) values ('BENCH', 1)
    on conflict (name) do update set value = sequences.value + 1 returning value`.execute(db);
  return `BN-${String(seq.rows[0]?.value ?? 0).padStart(8, '0')}`;
}
