/**
 * `returnflow backup` / `returnflow restore` on SQLite: a backup taken while the server
 * writes is a sound copy, and a restored database serves everything the original held.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { bootstrapDatabase } from '../src/bootstrap.ts';
import { readConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { connectDatabase, type Db } from '../src/db/connect.ts';
import { BackupError, backupSqlite, inspectDatabase, restoreSqlite } from '../src/db/sqlite-backup.ts';
import { systemClock } from '../src/lib/clock.ts';
import { manualReferenceProvider, singleProvider } from '../src/modules/refunds/payment-provider.ts';
import { buildCustomer, buildOrderScenario, buildReturn } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, signIn } from './support/test-app.ts';

type FileApp = { app: FastifyInstance; db: Db; close: () => Promise<void> };

/** The app on a SQLite file, as `returnflow start` runs it. */
async function appOnFile(path: string): Promise<FileApp> {
  const url = `sqlite:${path}`;
  const db = connectDatabase({ url });
  const config = { ...readConfig({}), databaseUrl: url, adminEmail, adminPassword, demo: false, worker: false };
  await bootstrapDatabase(db, config, systemClock);
  const ctx: AppContext = { db, clock: systemClock, config, payments: singleProvider(manualReferenceProvider), notifyOutbox: () => undefined };
  const app = await buildApp({ ctx, webRoot: '/nonexistent' });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

describe('backup and restore (SQLite)', () => {
  let dir: string;
  let source: FileApp;
  let admin: Client;
  let returnId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rf-backup-'));
    source = await appOnFile(join(dir, 'live.sqlite'));
    admin = await signIn(source.app, adminEmail, adminPassword);
    for (let i = 0; i < 3; i++) {
      const { order } = await buildOrderScenario(admin);
      returnId = (await buildReturn(admin, order)).id;
    }
  });
  afterAll(async () => {
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a backup into a new file that serves everything the original held', async () => {
    const backup = join(dir, 'backup.sqlite');
    const taken = await backupSqlite(join(dir, 'live.sqlite'), backup);
    expect(existsSync(`${backup}-wal`), 'a backup is one self-contained file').toBe(false);
    const original = inspectDatabase(join(dir, 'live.sqlite'));
    expect(taken.rows).toEqual(original.rows);
    expect(taken.rows.returns).toBe(3);

    const target = join(dir, 'restored.sqlite');
    const restored = await restoreSqlite(backup, target);
    expect(restored.rows).toEqual(original.rows);

    const copy = await appOnFile(target);
    try {
      const asAdmin = await signIn(copy.app, adminEmail, adminPassword);
      const ret = await asAdmin.get(`/api/v1/returns/${returnId}`);
      expect(ret.status).toBe(200);
      expect(ret.body).toEqual((await admin.get(`/api/v1/returns/${returnId}`)).body);
      expect((await asAdmin.get('/api/v1/returns?limit=200')).body.data).toHaveLength(3);
      expect((await copy.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await copy.close();
    }
  });

  it('takes a sound backup while the server keeps writing', async () => {
    const before = inspectDatabase(join(dir, 'live.sqlite')).rows.customers ?? 0;
    let writing = true;
    const writes = (async () => {
      let n = 0;
      while (writing) {
        await buildCustomer(admin);
        n += 1;
      }
      return n;
    })();
    const backups = [];
    try {
      await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < 3; i++) backups.push(await backupSqlite(join(dir, 'live.sqlite'), join(dir, `during-${i}.sqlite`)));
    } finally {
      writing = false;
    }
    const written = await writes;
    expect(written).toBeGreaterThan(0);
    const after = inspectDatabase(join(dir, 'live.sqlite')).rows.customers ?? 0;
    expect(after).toBe(before + written);
    for (const b of backups) {
      // inspectDatabase ran SQLite's own check on each copy.
      expect(b.rows.customers).toBeGreaterThanOrEqual(before);
      expect(b.rows.customers).toBeLessThanOrEqual(after);
    }
  });

  it('refuses to overwrite a file unless told to, and refuses a file that is not a ReturnFlow database', async () => {
    const backup = join(dir, 'again.sqlite');
    await backupSqlite(join(dir, 'live.sqlite'), backup);
    await expect(backupSqlite(join(dir, 'live.sqlite'), backup)).rejects.toThrow(BackupError);
    await expect(restoreSqlite(backup, join(dir, 'live.sqlite'))).rejects.toThrow(/--force/);
    const empty = connectDatabase({ url: `sqlite:${join(dir, 'empty.sqlite')}` });
    await empty.destroy();
    await expect(restoreSqlite(join(dir, 'empty.sqlite'), join(dir, 'nowhere.sqlite'))).rejects.toThrow(/not a ReturnFlow database/);
    await expect(restoreSqlite(join(dir, 'missing.sqlite'), join(dir, 'nowhere.sqlite'))).rejects.toThrow(/does not exist/);
  });

  it('runs as `returnflow backup <file>` and `returnflow restore <file>`', () => {
    const cli = (args: string[], database: string) =>
      spawnSync(process.execPath, ['bin/returnflow.mjs', ...args], {
        cwd: join(import.meta.dirname, '../..'),
        env: { ...process.env, DATABASE_URL: `sqlite:${database}` },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const file = join(dir, 'cli-backup.sqlite');
    const backup = cli(['backup', file], join(dir, 'live.sqlite'));
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/returns 3/);
    const restore = cli(['restore', file], join(dir, 'cli-restored.sqlite'));
    expect(restore.status, restore.stderr).toBe(0);
    expect(inspectDatabase(join(dir, 'cli-restored.sqlite')).rows.returns).toBe(3);
    const refused = cli(['restore', file], join(dir, 'cli-restored.sqlite'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--force/);
    const postgres = spawnSync(process.execPath, ['bin/returnflow.mjs', 'backup', file], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, DATABASE_URL: 'postgres://127.0.0.1/x' },
      encoding: 'utf8',
    });
    expect(postgres.status).toBe(2);
    expect(postgres.stderr).toMatch(/pg_dump/);
  }, 120_000);
});
