/** Process definition versions; the newest is in force. */
import type { Db } from '../../db/connect.ts';
import { type VersionHead, versionCache } from '../../db/version-cache.ts';
import type { Actor } from '../../lib/actor.ts';
import { defaultProcess } from './default-process.ts';
import { ProcessDefinition } from './process.schema.ts';

export type ProcessDocument = ProcessDefinition & { version: number };

// Versions never change once written: each is parsed once per database and kept by its
// number; a read fetches only the number and date of the version it wants.
const parsed = versionCache<ProcessDefinition>();

/** A version's definition: frozen (copy what you change), with its version. */
async function readVersion(db: Db, head: { version: number; createdAt: string } | undefined): Promise<ProcessDocument | undefined> {
  if (!head) return undefined;
  let definition = parsed.get(db, head.version, head.createdAt);
  if (!definition) {
    const row = await db.selectFrom('processVersions').select('definition').where('version', '=', head.version).executeTakeFirstOrThrow();
    const stored = ProcessDefinition.parse(JSON.parse(row.definition));
    definition = parsed.set(db, head.version, head.createdAt, { ...stored, automations: stored.automations ?? [] });
  }
  return { ...definition, version: head.version };
}

// Within one transaction the process in force cannot change under it: read it once.
const currentInTransaction = new WeakMap<object, Promise<ProcessDocument>>();

async function readCurrentProcess(db: Db, known?: { head: VersionHead | undefined }): Promise<ProcessDocument> {
  const head = known
    ? known.head
    : await db.selectFrom('processVersions').select(['version', 'createdAt']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return (await readVersion(db, head)) ?? { ...structuredClone(defaultProcess), version: 0 };
}

/**
 * The process in force, with its version. Its parts are frozen: copy what you change.
 * `head` is its newest version's number and date when the caller has read them already.
 */
export async function getCurrentProcess(db: Db, known?: { head: VersionHead | undefined }): Promise<ProcessDocument> {
  if (!db.isTransaction) return readCurrentProcess(db, known);
  let current = currentInTransaction.get(db);
  if (!current) {
    current = readCurrentProcess(db, known);
    currentInTransaction.set(db, current);
  }
  return { ...(await current) };
}

/** One version of the process (frozen, like the current one). */
export async function getProcessVersion(db: Db, version: number): Promise<ProcessDocument | undefined> {
  const head = await db.selectFrom('processVersions').select(['version', 'createdAt']).where('version', '=', version).executeTakeFirst();
  return readVersion(db, head);
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
