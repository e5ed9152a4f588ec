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

async function replaceFunctions(db: Kysely<unknown>, txid: string): Promise<void> {
  const columns = txid ? '(kind, key, txid)' : '(kind, key)';
  const value = (kind: string, key: string) => `values ('${kind}', ${key}${txid ? `, ${txid}` : ''})`;
  await sql
    .raw(
      `create or replace function analytics_queue_order() returns trigger language plpgsql as $$
       begin
         if tg_op = 'UPDATE' then
           insert into analytics_queue ${columns} ${value('sales', hour('old'))} on conflict do nothing;
           insert into analytics_queue ${columns} select 'return', id${txid ? `, ${txid}` : ''} from returns where order_id = new.id on conflict do nothing;
         end if;
         insert into analytics_queue ${columns} ${value('sales', hour('new'))} on conflict do nothing;
         return null;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create or replace function analytics_queue_return() returns trigger language plpgsql as $$
       begin
         insert into analytics_queue ${columns} ${value('return', 'new.id')} on conflict do nothing;
         return null;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create or replace function analytics_queue_return_child() returns trigger language plpgsql as $$
       begin
         insert into analytics_queue ${columns} ${value('return', 'new.return_id')} on conflict do nothing;
         return null;
       end $$`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`alter table analytics_queue add column txid bigint not null default 0`.execute(db);
    return;
  }
  await sql`alter table analytics_queue add column txid bigint not null default 0`.execute(db);
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
