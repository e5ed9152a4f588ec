/** Configuration from the environment, read once at start. */

export type Config = {
  databaseUrl: string;
  port: number;
  host: string;
  demo: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Public base URL for links in notices (default http://localhost:PORT). */
  publicUrl: string;
  /** Run the outbox worker in this process. */
  worker: boolean;
  /** Allow webhooks to loopback and private addresses (default yes, as the contract says). */
  webhookAllowPrivate: boolean;
  logLevel: string;
  /** When set, GET /metrics asks for `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
  /** How long SIGTERM waits for requests in flight before closing their connections. */
  shutdownGraceMs: number;
};

/** Reads the configuration from an environment. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got ${env.PORT})`);
  return {
    databaseUrl: env.DATABASE_URL ?? 'sqlite:./data/returnflow.sqlite',
    port,
    host: env.HOST ?? '0.0.0.0',
    demo: env.RETURNFLOW_DEMO !== '0' && env.RETURNFLOW_DEMO !== 'false',
    adminEmail: env.RETURNFLOW_ADMIN_EMAIL,
    adminPassword: env.RETURNFLOW_ADMIN_PASSWORD,
    publicUrl: env.RETURNFLOW_PUBLIC_URL ?? `http://localhost:${port}`,
    worker: env.RETURNFLOW_WORKER !== '0',
    webhookAllowPrivate: env.RETURNFLOW_WEBHOOK_ALLOW_PRIVATE !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    metricsToken: env.RETURNFLOW_METRICS_TOKEN || undefined,
    shutdownGraceMs: Number(env.RETURNFLOW_SHUTDOWN_GRACE_MS ?? 25_000),
  };
}
