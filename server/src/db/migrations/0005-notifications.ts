/**
 * Notices to customers and staff (issue 8): channel settings, editable templates, group
 * robots, the notice rows fanned out from the outbox with one record per delivery
 * attempt, in-app reads; webhook auto-disabling; API keys; scheduled jobs kept in the
 * database; carrier tracking pushed by 快递100.
 */
import { type ColumnDataType, type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

function timestampType(db: Kysely<unknown>): ColumnDataType {
  return isPostgres(db) ? 'timestamptz' : 'text';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db);

  // What a customer allows and where they can be reached besides phone and email.
  await db.schema.alterTable('customers').addColumn('wechat_openid', 'text').execute();
  await db.schema
    .alterTable('customers')
    .addColumn('notices_opt_out', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('customers').addColumn('notice_locale', 'text').execute();

  // A second consumer of the outbox: notices are fanned out once per event, apart from webhooks.
  await db.schema.alterTable('outbox_events').addColumn('noticed_at', ts).execute();
  // Events from before notices existed are history, not news.
  await sql`update outbox_events set noticed_at = created_at`.execute(db);
  await db.schema.createIndex('outbox_unnoticed_idx').on('outbox_events').columns(['noticed_at', 'id']).execute();

  await db.schema.alterTable('webhooks').addColumn('failing_since', ts).execute();
  await db.schema.alterTable('webhooks').addColumn('disabled_at', ts).execute();
  await db.schema.alterTable('webhooks').addColumn('disabled_reason', 'text').execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_by_id', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_templates')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('short', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('essential', 'integer', (c) => c.notNull())
    .addColumn('updated_by_id', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_templates_pk', ['audience', 'event', 'locale'])
    .execute();

  await db.schema
    .createTable('notification_robots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('webhook_url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('digest_seconds', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('short', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('data', 'text')
    .addColumn('essential', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .addColumn('last_error', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('resend_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('notices_once', ['event_key', 'channel', 'recipient'])
    .execute();
  await db.schema.createIndex('notices_due_idx').on('notices').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notices_return_idx').on('notices').columns(['return_id', 'id']).execute();
  await db.schema.createIndex('notices_customer_idx').on('notices').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('notices_inbox_idx').on('notices').columns(['channel', 'recipient', 'id']).execute();

  await db.schema
    .createTable('notice_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('attempt_no', 'integer', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  await db.schema.createIndex('notice_attempts_notice_idx').on('notice_attempts').columns(['notice_id', 'attempt_no']).execute();

  await db.schema
    .createTable('notice_reads')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('read_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_reads_pk', ['notice_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .execute();

  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .addColumn('last_started_at', ts)
    .addColumn('last_finished_at', ts)
    .addColumn('last_result', 'text')
    .addColumn('last_error', 'text')
    .execute();

  await db.schema
    .createTable('return_tracking')
    .addColumn('return_id', 'text', (c) => c.primaryKey().references('returns.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('carrier_code', 'text')
    .addColumn('tracking_number', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('last_context', 'text')
    .addColumn('last_event_at', ts)
    .addColumn('picked_up_at', ts)
    .addColumn('arrived_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('return_tracking_number_idx').on('return_tracking').column('tracking_number').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'return_tracking',
    'scheduled_jobs',
    'api_keys',
    'notice_reads',
    'notice_attempts',
    'notices',
    'notification_robots',
    'notification_templates',
    'notification_settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.dropIndex('outbox_unnoticed_idx').ifExists().execute();
  for (const [table, column] of [
    ['webhooks', 'disabled_reason'],
    ['webhooks', 'disabled_at'],
    ['webhooks', 'failing_since'],
    ['outbox_events', 'noticed_at'],
    ['customers', 'notice_locale'],
    ['customers', 'notices_opt_out'],
    ['customers', 'wechat_openid'],
  ] as const) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
