/** Starts ReturnFlow: database, defaults, demo data on a fresh database, HTTP server, outbox worker. */
import pino from 'pino';
import { buildApp } from './app.ts';
import { bootstrapDatabase } from './bootstrap.ts';
import { readConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { connectDatabase, databaseKind } from './db/connect.ts';
import { systemClock } from './lib/clock.ts';
import { manualReferenceProvider, singleProvider } from './modules/refunds/payment-provider.ts';
import { startOutboxWorker } from './worker/outbox-worker.ts';

const config = readConfig();
const log = pino({ level: config.logLevel });

async function main(): Promise<void> {
  const db = connectDatabase({ url: config.databaseUrl });
  const clock = systemClock;
  const { fresh } = await bootstrapDatabase(db, config, clock, log);
  let worker: ReturnType<typeof startOutboxWorker> | undefined;
  const ctx: AppContext = { db, clock, config, payments: singleProvider(manualReferenceProvider), notifyOutbox: () => worker?.notify() };

  if (fresh && config.demo) {
    const { seedDemoData } = await import('./demo/seed.ts');
    const logins = await seedDemoData(ctx, log);
    log.info('demo data loaded');
    printLogins(logins);
  } else if (config.demo) {
    log.info('demo data was loaded when this database was created; demo logins use the password "demo1234"');
  }

  const app = await buildApp({ ctx, logger: log });
  if (config.worker) worker = startOutboxWorker({ db, clock, log });
  await app.listen({ port: config.port, host: config.host });
  log.info(
    `ReturnFlow is running on ${databaseKind(config.databaseUrl)}: console ${config.publicUrl}/console · portal ${config.publicUrl}/portal · API docs ${config.publicUrl}/api/docs`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    await app.close();
    await worker?.stop();
    await db.destroy();
    process.exit(0);
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
