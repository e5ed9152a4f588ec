/** Starts ReturnFlow: database, defaults, demo data on a fresh database, HTTP server, outbox worker. */
import { buildApp } from './app.ts';
import { bootstrapDatabase } from './bootstrap.ts';
import { readConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { connectDatabase, databaseKind } from './db/connect.ts';
import { systemClock } from './lib/clock.ts';
import { createLogger } from './logger.ts';
import { type FactsWorker, startFactsWorker } from './modules/analytics/facts-worker.ts';
import { throttledWake } from './modules/outbox/wake.ts';
import { manualReferenceProvider, singleProvider } from './modules/refunds/payment-provider.ts';
import { withStartupLock } from './startup-lock.ts';
import { startNoticeWorker } from './worker/notice-worker.ts';
import { startOutboxWorker } from './worker/outbox-worker.ts';

const config = readConfig();
const log = createLogger({ level: config.logLevel });

async function main(): Promise<void> {
  const db = connectDatabase({ url: config.databaseUrl });
  const clock = systemClock;
  // Servers starting together on one PostgreSQL take turns to migrate and seed.
  const { fresh } = await withStartupLock(db, () => bootstrapDatabase(db, config, clock, log));
  let worker: ReturnType<typeof startOutboxWorker> | undefined;
  let notices: ReturnType<typeof startNoticeWorker> | undefined;
  let facts: FactsWorker | undefined;
  const notifyOutbox = throttledWake(() => {
    worker?.notify();
    notices?.notify();
    facts?.notify();
  });
  const ctx: AppContext = { db, clock, config, payments: singleProvider(manualReferenceProvider), notifyOutbox };

  if (fresh && config.demo) {
    const { seedDemoData } = await import('./demo/seed.ts');
    const logins = await seedDemoData(ctx, log);
    log.info('demo data loaded');
    printLogins(logins);
  } else if (config.demo) {
    log.info('demo data was loaded when this database was created; demo logins use the password "demo1234"');
  }

  const app = await buildApp({ ctx, logger: log });
  if (config.worker) {
    // Two consumers of the outbox: webhooks, and notices with the scheduled jobs.
    worker = startOutboxWorker({ db, clock, log });
    notices = startNoticeWorker({ ctx, log });
    facts = startFactsWorker({ db, log });
  }
  await app.listen({ port: config.port, host: config.host });
  log.info(
    `ReturnFlow is running on ${databaseKind(config.databaseUrl)}: console ${config.publicUrl}/console · portal ${config.publicUrl}/portal · API docs ${config.publicUrl}/api/docs`,
  );

  let stopping = false;
  /**
   * Graceful shutdown: stop listening (new connections are refused; a new request on a
   * kept-alive connection gets 503, so a load balancer moves on), let the requests in
   * flight finish, let the workers finish their pass and what they are sending, then
   * close the database. Whatever the workers have not sent stays in the outbox for the
   * next server. Requests still running after the grace period lose their connection.
   */
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: finishing requests in flight');
    const overdue = setTimeout(() => {
      log.warn('requests still running after the grace period; closing their connections');
      app.server.closeAllConnections();
    }, config.shutdownGraceMs);
    overdue.unref();
    let exitCode = 0;
    try {
      await Promise.all([app.close(), worker?.stop(), notices?.stop(), facts?.stop()]);
      await db.destroy();
      log.info('stopped');
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      exitCode = 1;
    }
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function printLogins(logins: { role: string; email: string; password: string }[]): void {
  const lines = ['', 'Demo logins (演示账号):', ...logins.map((l) => `  ${l.role.padEnd(10)} ${l.email.padEnd(28)} ${l.password}`), ''];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'ReturnFlow failed to start');
  process.exit(1);
});
