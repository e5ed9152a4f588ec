/** Policy versions: immutable rows; the newest is the policy in force. */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { defaultPolicy } from './default-policy.ts';
import { Policy, type PolicyDocument } from './policy.schema.ts';

// Versions never change once written, so a stored text parses to the same policy every
// time: parsed policies are kept by their text (a few, most recent first).
const parsedByText = new Map<string, Policy>();

function toDocument(row: { version: number; policy: string; createdAt: string }): PolicyDocument {
  let parsed = parsedByText.get(row.policy);
  if (!parsed) {
    // Parse through the schema with the defaults underneath, so versions stored before a
    // field existed still read as a complete policy.
    const stored = JSON.parse(row.policy) as Partial<Policy>;
    parsed = Policy.parse({ ...defaultPolicy, ...stored });
    parsedByText.set(row.policy, parsed);
    if (parsedByText.size > 32) parsedByText.delete(parsedByText.keys().next().value as string);
  }
  return { ...structuredClone(parsed), version: row.version, createdAt: row.createdAt };
}

/** The policy in force. */
export async function getCurrentPolicy(db: Db): Promise<PolicyDocument> {
  const row = await db.selectFrom('policyVersions').select(['version', 'policy', 'createdAt']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return { ...defaultPolicy, version: 0, createdAt: new Date(0).toISOString() };
  return toDocument(row);
}

/** One version of the policy, as returns decided under it saw it. */
export async function getPolicyVersion(db: Db, version: number): Promise<PolicyDocument | undefined> {
  const row = await db.selectFrom('policyVersions').select(['version', 'policy', 'createdAt']).where('version', '=', version).executeTakeFirst();
  return row ? toDocument(row) : undefined;
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
