/**
 * The real product as a child process (`bin/returnflow.mjs start`), for the tests that
 * kill, restart, double or stop it: fresh databases of either kind, a free port, a
 * fetch-based API client, and a local webhook receiver that checks signatures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from './postgres.ts';
import type { DatabaseKind } from './test-app.ts';

const root = join(import.meta.dirname, '../../..');

export const serverAdminEmail = 'admin@spawned.returnflow.test';
export const serverAdminPassword = 'spawned-admin-password';

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type ScratchDatabase = { kind: DatabaseKind; url: string; drop: () => Promise<void> };

/** A brand-new empty database of the kind. */
export async function scratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  if (kind === 'postgres') return { kind, ...(await createScratchDatabase()) };
  const dir = mkdtempSync(join(tmpdir(), 'rf-spawned-'));
  return { kind, url: `sqlite:${join(dir, 'returnflow.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGKILL, at once. */
  kill: () => Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<number | string>;
};

export type StartOptions = { databaseUrl: string; env?: Record<string, string>; port?: number };

/** Starts `returnflow start` on the database and waits until /healthz answers. */
export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, ['bin/returnflow.mjs', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      RETURNFLOW_DEMO: '0',
      RETURNFLOW_SKIP_WEB_BUILD: '1',
      RETURNFLOW_ADMIN_EMAIL: serverAdminEmail,
      RETURNFLOW_ADMIN_PASSWORD: serverAdminPassword,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    child,
    output: () => output,
    exited,
    kill: async () => {
      if (running()) child.kill('SIGKILL');
      return exited;
    },
    stop: async (graceMs = 15_000) => {
      if (running()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => running() && child.kill('SIGKILL'), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

export type ApiAnswer<T = any> = { status: number; body: T; headers: Headers };

/** A small JSON client for a running server; a dropped connection rejects. */
export function httpClient(baseUrl: string, token?: string) {
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (metrics, pages)
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body ?? {}, headers),
    put: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;

/** Signs in as the first admin of a spawned server. */
export async function signInAdmin(baseUrl: string): Promise<{ client: HttpClient; token: string }> {
  const login = await httpClient(baseUrl).post('/api/v1/auth/login', { email: serverAdminEmail, password: serverAdminPassword });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);
  return { client: httpClient(baseUrl, login.body.token), token: login.body.token };
}

export type ReceivedDelivery = { eventId: string; type: string; deliveryId: string; signatureValid: boolean };

export type WebhookReceiver = { url: string; secret: string; received: ReceivedDelivery[]; close: () => Promise<void> };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/** An HTTP endpoint that records every webhook delivery (answering 200) and checks its signature. */
export async function startWebhookReceiver(secret = 'receiver-secret-1'): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const server = createHttpServer(async (request, response) => {
    const body = await readBody(request);
    const signature = String(request.headers['returnflow-signature'] ?? '');
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(signature) ?? [];
    const expected = t ? createHmac('sha256', secret).update(`${t}.${body}`).digest('hex') : '';
    try {
      const event = JSON.parse(body) as { id: string; type: string };
      received.push({ eventId: event.id, type: event.type, deliveryId: String(request.headers['returnflow-delivery'] ?? ''), signatureValid: v1 === expected });
    } catch {
      // not a delivery
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    secret,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs tasks with at most `concurrency` at a time; settles every one. */
export async function runPool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await tasks[index]!() };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

/** Polls until `check` answers true, or fails with `message` after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, message: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 200));
  }
}
