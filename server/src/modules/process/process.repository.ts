/** Process definition versions; the newest is in force. */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { defaultProcess } from './default-process.ts';
import { ProcessDefinition } from './process.schema.ts';

export type ProcessDocument = ProcessDefinition & { version: number };

// Versions never change once written, so a stored text parses to the same definition
// every time: parsed definitions are kept by their text (a few, most recent first).
const parsedByText = new Map<string, ProcessDefinition>();

function toDocument(row: { version: number; definition: string }): ProcessDocument {
  let parsed = parsedByText.get(row.definition);
  if (!parsed) {
    const definition = ProcessDefinition.parse(JSON.parse(row.definition));
    parsed = { ...definition, automations: definition.automations ?? [] };
    parsedByText.set(row.definition, parsed);
    if (parsedByText.size > 32) parsedByText.delete(parsedByText.keys().next().value as string);
  }
  return { ...structuredClone(parsed), version: row.version };
}

// Within one transaction the process in force cannot change under it: read it once.
const currentInTransaction = new WeakMap<object, Promise<ProcessDocument>>();

async function readCurrentProcess(db: Db): Promise<ProcessDocument> {
  const row = await db.selectFrom('processVersions').select(['version', 'definition']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return { ...structuredClone(defaultProcess), version: 0 };
  return toDocument(row);
}

/** The process in force, with its version. */
export async function getCurrentProcess(db: Db): Promise<ProcessDocument> {
  if (!db.isTransaction) return readCurrentProcess(db);
  let current = currentInTransaction.get(db);
  if (!current) {
    current = readCurrentProcess(db);
    currentInTransaction.set(db, current);
  }
  return structuredClone(await current);
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
  currentInTransaction.delete(db);
  await db
    .insertInto('processVersions')
    .values({ version, definition: JSON.stringify(definition), createdByKind: actor.kind, createdById: actor.id, createdAt: now.toISOString() })
    .execute();
  return version;
}
