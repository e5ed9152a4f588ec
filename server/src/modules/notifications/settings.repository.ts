/**
 * Stored settings of notices, automation and logistics, read over the environment's:
 * an admin's value in the database wins, the environment fills the rest. Also holds
 * small shared values (the WeChat access token) so every app server uses the same one.
 */
import type { Db } from '../../db/connect.ts';
import { type NotificationSettings, type SettingKey, settingKeys, settingSchemas, settingsFromEnv } from './notification-settings.schema.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function deepMerge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    // Event code maps are replaced whole, so removing a code removes it.
    merged[key] = key === 'templateCodes' || key === 'templateIds' || key === 'fields' ? value : deepMerge((base as Record<string, unknown>)[key], value);
  }
  return merged as T;
}

export type SettingsSource = Record<SettingKey, 'database' | 'environment'>;

/** Every setting: the database's over the environment's over the defaults. */
export async function loadSettings(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<NotificationSettings & { source: SettingsSource }> {
  const base = settingsFromEnv(env);
  const rows = await db
    .selectFrom('notificationSettings')
    .select(['key', 'value'])
    .where('key', 'in', [...settingKeys])
    .execute();
  const stored = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const source = {} as SettingsSource;
  const result = { ...base } as NotificationSettings;
  for (const key of settingKeys) {
    const value = stored.get(key);
    source[key] = value === undefined ? 'environment' : 'database';
    if (value !== undefined) {
      const parsed = settingSchemas[key].safeParse(deepMerge(base[key], value));
      if (parsed.success) (result as Record<SettingKey, unknown>)[key] = parsed.data;
    }
  }
  return { ...result, source };
}

/** Stores one setting (validated by the caller). */
export async function saveSetting(db: Db, key: SettingKey, value: unknown, userId: string | null, now: Date): Promise<void> {
  await saveValue(db, key, value, userId, now);
}

/** Reads a small shared value by key. */
export async function readValue<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('notificationSettings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

/** Writes a small shared value by key. */
export async function saveValue(db: Db, key: string, value: unknown, userId: string | null, now: Date): Promise<void> {
  const row = { key, value: JSON.stringify(value), updatedById: userId, updatedAt: now.toISOString() };
  await db
    .insertInto('notificationSettings')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updatedById: row.updatedById, updatedAt: row.updatedAt }))
    .execute();
}
