/** Process definition versions; the newest is in force. */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { defaultProcess } from './default-process.ts';
import { ProcessDefinition } from './process.schema.ts';

export type ProcessDocument = ProcessDefinition & { version: number };

function toDocument(row: { version: number; definition: string }): ProcessDocument {
  const parsed = ProcessDefinition.parse(JSON.parse(row.definition));
  return { ...parsed, automations: parsed.automations ?? [], version: row.version };
}

/** The process in force, with its version. */
export async function getCurrentProcess(db: Db): Promise<ProcessDocument> {
  const row = await db.selectFrom('processVersions').select(['version', 'definition']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return { ...defaultProcess, version: 0 };
  return toDocument(row);
}

/** One version of the process. */
export async function getProcessVersion(db: Db, version: number): Promise<ProcessDocument | undefined> {
  const row = await db.selectFrom('processVersions').select(['version', 'definition']).where('version', '=', version).executeTakeFirst();
  return row ? toDocument(row) : undefined;
}

/** Stores a definition as the next version; run inside a transaction. */
export async function insertProcessVersion(db: Db, definition: ProcessDefinition, actor: Actor, now: Date): Promise<number> {
  const last = await db
    .selectFrom('processVersions')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .insertInto('processVersions')
    .values({ version, definition: JSON.stringify(definition), createdByKind: actor.kind, createdById: actor.id, createdAt: now.toISOString() })
    .execute();
  return version;
}
