/** Policy versions: immutable rows; the newest is the policy in force. */
import type { Db } from '../../db/connect.ts';
import { type VersionHead, versionCache } from '../../db/version-cache.ts';
import type { Actor } from '../../lib/actor.ts';
import { defaultPolicy } from './default-policy.ts';
import { Policy, type PolicyDocument } from './policy.schema.ts';

// Versions never change once written: each is parsed once per database and kept by its
// number; a read fetches only the number and date of the version it wants.
const parsed = versionCache<Policy>();

/** A version's policy: frozen (copy what you change), with its version and date. */
async function readVersion(db: Db, head: { version: number; createdAt: string } | undefined): Promise<PolicyDocument | undefined> {
  if (!head) return undefined;
  let policy = parsed.get(db, head.version, head.createdAt);
  if (!policy) {
    const row = await db.selectFrom('policyVersions').select('policy').where('version', '=', head.version).executeTakeFirstOrThrow();
    // Parse through the schema with the defaults underneath, so versions stored before a
    // field existed still read as a complete policy.
    const stored = JSON.parse(row.policy) as Partial<Policy>;
    policy = parsed.set(db, head.version, head.createdAt, Policy.parse({ ...structuredClone(defaultPolicy), ...stored }));
  }
  return { ...policy, version: head.version, createdAt: head.createdAt };
}

/**
 * The policy in force. Its parts are frozen: copy what you change. `head` is its newest
 * version's number and date when the caller has read them already (`currentHeads`).
 */
export async function getCurrentPolicy(db: Db, known?: { head: VersionHead | undefined }): Promise<PolicyDocument> {
  const head = known
    ? known.head
    : await db.selectFrom('policyVersions').select(['version', 'createdAt']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return (await readVersion(db, head)) ?? { ...structuredClone(defaultPolicy), version: 0, createdAt: new Date(0).toISOString() };
}

/** One version of the policy, as returns decided under it saw it (frozen, like the current one). */
export async function getPolicyVersion(db: Db, version: number): Promise<PolicyDocument | undefined> {
  const head = await db.selectFrom('policyVersions').select(['version', 'createdAt']).where('version', '=', version).executeTakeFirst();
  return readVersion(db, head);
}

export type PolicyVersionSummary = {
  version: number;
  createdAt: string;
  createdById: string | null;
  createdBy: { kind: string; id: string | null; name: string | null };
};

/** All versions, newest first, with who published each. */
export async function listPolicyVersions(db: Db): Promise<PolicyVersionSummary[]> {
  const rows = await db
    .selectFrom('policyVersions as p')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'p.createdById').on('p.createdByKind', '=', 'user'))
    .select(['p.version', 'p.createdAt', 'p.createdById', 'p.createdByKind', 'u.name'])
    .orderBy('p.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.createdAt,
    createdById: r.createdById,
    createdBy: { kind: r.createdByKind, id: r.createdById, name: r.name ?? null },
  }));
}

/** Stores a policy as the next version; the caller runs this in a transaction. */
export async function insertPolicyVersion(db: Db, policy: Policy, actor: Actor, now: Date): Promise<PolicyDocument> {
  const last = await db
    .selectFrom('policyVersions')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const createdAt = now.toISOString();
  await db
    .insertInto('policyVersions')
    .values({ version, policy: JSON.stringify(policy), createdByKind: actor.kind, createdById: actor.id, createdAt })
    .execute();
  return { ...policy, version, createdAt };
}
