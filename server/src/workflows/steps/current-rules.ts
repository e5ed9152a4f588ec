/**
 * The policy and the process in force, for a workflow that needs both: their newest
 * versions' numbers are read in one statement (a round trip fewer on PostgreSQL), the
 * documents come from the version caches.
 */
import type { Db } from '../../db/connect.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { VersionHead } from '../../db/version-cache.ts';
import { getCurrentPolicy } from '../../modules/policy/policy.repository.ts';
import type { PolicyDocument } from '../../modules/policy/policy.schema.ts';
import { getCurrentProcess, type ProcessDocument } from '../../modules/process/process.repository.ts';

type Heads = { policyVersion: number | null; policyCreatedAt: string | null; processVersion: number | null; processCreatedAt: string | null };

const selectHeads = precompiled<Record<string, never>, Heads>(
  (db) =>
    db.selectNoFrom((eb) => [
      eb.selectFrom('policyVersions').select('version').orderBy('version', 'desc').limit(1).as('policyVersion'),
      eb.selectFrom('policyVersions').select('createdAt').orderBy('version', 'desc').limit(1).as('policyCreatedAt'),
      eb.selectFrom('processVersions').select('version').orderBy('version', 'desc').limit(1).as('processVersion'),
      eb.selectFrom('processVersions').select('createdAt').orderBy('version', 'desc').limit(1).as('processCreatedAt'),
    ]) as never,
);

const head = (version: number | null, createdAt: string | null): VersionHead | undefined =>
  version === null || createdAt === null ? undefined : { version: Number(version), createdAt };

/** The policy and process in force, read together. */
export async function currentPolicyAndProcess(db: Db): Promise<{ policy: PolicyDocument; process: ProcessDocument }> {
  const row = (await selectHeads(db, {})).rows[0];
  const policy = await getCurrentPolicy(db, { head: row ? head(row.policyVersion, row.policyCreatedAt) : undefined });
  const process = await getCurrentProcess(db, { head: row ? head(row.processVersion, row.processCreatedAt) : undefined });
  return { policy, process };
}
