/**
 * The facts queue keeps one entry per change's transaction on PostgreSQL (issue 10).
 *
 * An entry was one row per key, queued with `on conflict do nothing`: a transaction that
 * changed a return (or an hour of orders) already queued added nothing, and if the facts
 * job took that row while the transaction was still in flight, it moved the facts without
 * the change and nothing was left queued once it committed. Recomputing whole days used to
 * hide this at the next change of the day; moving by parts (migration 0011) would keep the
 * facts off until the key changed again. Now each transaction queues its own row (its
 * transaction id in the key), which the job sees only once the transaction has committed,
 * and takes nothing but the rows it read. No row is shared, so no change waits for another.
 * SQLite has one writer at a time: its rows keep 0 and the key they had.
 */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

const hour = (ref: string) => `to_char(${ref}.placed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`;

/** The three trigger functions of migration 0009, queuing with the transaction id when `txid` is given. */
async function replaceFunctions(db: Kysely<unknown>, txid: string): Promise<void> {
  const columns = txid ? '(kind, key, txid)' : '(kind, key)';
  const also = txid ? `, ${txid}` : '';
  const queue = (kind: string, key: string) => `insert into analytics_queue ${columns} values ('${kind}', ${key}${also}) on conflict do nothing;`;
  const bodies: Record<string, string> = {
    analytics_queue_order: `if tg_op = 'UPDATE' then
           ${queue('sales', hour('old'))}
           insert into analytics_queue ${columns} select 'return', id${also} from returns where order_id = new.id on conflict do nothing;
         end if;
         ${queue('sales', hour('new'))}`,
    analytics_queue_return: queue('return', 'new.id'),
    analytics_queue_return_child: queue('return', 'new.return_id'),
  };
  for (const [name, body] of Object.entries(bodies)) {
    await sql
      .raw(
        `create or replace function ${name}() returns trigger language plpgsql as $$
       begin
         ${body}
         return null;
       end $$`,
      )
      .execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table analytics_queue add column txid bigint not null default 0`.execute(db);
  if (!isPostgres(db)) return;
  await sql`alter table analytics_queue drop constraint analytics_queue_pk`.execute(db);
  await sql`alter table analytics_queue add constraint analytics_queue_pk primary key (kind, key, txid)`.execute(db);
  await replaceFunctions(db, 'txid_current()');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await replaceFunctions(db, '');
    await sql`delete from analytics_queue a using analytics_queue b where a.kind = b.kind and a.key = b.key and a.txid > b.txid`.execute(db);
    await sql`alter table analytics_queue drop constraint analytics_queue_pk`.execute(db);
    await sql`alter table analytics_queue add constraint analytics_queue_pk primary key (kind, key)`.execute(db);
  }
  await sql`alter table analytics_queue drop column txid`.execute(db);
}
