/** A ReturnFlow app on a fresh database of either kind, driven through app.inject. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { type BuildAppOptions, buildApp } from '../../src/app.ts';
import { bootstrapDatabase } from '../../src/bootstrap.ts';
import { readConfig } from '../../src/config.ts';
import type { AppContext } from '../../src/context.ts';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { type Clock, systemClock } from '../../src/lib/clock.ts';
import { manualReferenceProvider, type PaymentProviders, singleProvider } from '../../src/modules/refunds/payment-provider.ts';
import { createScratchDatabase } from './postgres.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The databases this run tests on (decided by the global setup). */
export const testDatabases: DatabaseKind[] = (process.env.RETURNFLOW_TEST_DATABASES ?? 'sqlite').split(',') as DatabaseKind[];

export const adminEmail = 'admin@returnflow.test';
export const adminPassword = 'admin-password-1';

export type TestApp = {
  kind: DatabaseKind;
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  close: () => Promise<void>;
};

export type TestAppOptions = {
  clock?: Clock;
  payments?: PaymentProviders;
  poolSize?: number;
  onRoute?: BuildAppOptions['onRoute'];
  logger?: BuildAppOptions['logger'];
};

/** Builds an app on a brand-new database with the first admin. */
export async function createTestApp(kind: DatabaseKind, options: TestAppOptions = {}): Promise<TestApp> {
  const scratch = kind === 'postgres' ? await createScratchDatabase() : undefined;
  const url = scratch ? scratch.url : 'sqlite::memory:';
  const db = connectDatabase({ url, poolSize: options.poolSize ?? 4 });
  const config = { ...readConfig({}), databaseUrl: url, adminEmail, adminPassword, demo: false, worker: false };
  const clock = options.clock ?? systemClock;
  await bootstrapDatabase(db, config, clock);
  const ctx: AppContext = { db, clock, config, payments: options.payments ?? singleProvider(manualReferenceProvider), notifyOutbox: () => undefined };
  const app = await buildApp({
    ctx,
    webRoot: '/nonexistent',
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  await app.ready();
  return {
    kind,
    app,
    ctx,
    db,
    close: async () => {
      await app.close();
      await db.destroy();
      await scratch?.drop();
    },
  };
}

export type ApiResponse<T = any> = { status: number; body: T; headers: Record<string, unknown> };

/** A small HTTP client bound to a token. */
export function client(app: FastifyInstance, token?: string) {
  const call = async <T = any>(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const response = await app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    const text = response.body;
    return { status: response.statusCode, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
  return {
    get: <T = any>(url: string, headers?: Record<string, string>) => call<T>('GET', url, undefined, headers),
    post: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', url, body ?? {}, headers),
    put: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', url, body, headers),
    patch: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', url, body, headers),
    delete: <T = any>(url: string, headers?: Record<string, string>) => call<T>('DELETE', url, undefined, headers),
  };
}

export type Client = ReturnType<typeof client>;

/** Signs in and returns a client with the token. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<Client> {
  const response = await client(app).post('/api/v1/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`login failed for ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return client(app, response.body.token);
}
