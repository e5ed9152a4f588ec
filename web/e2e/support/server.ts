/**
 * Starts the real product for browser tests: `bin/returnflow.mjs start` as a child
 * process on a fresh SQLite file and a free port, with or without the demo shop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunningServer = { url: string; process: ChildProcess; output: () => string; stop: () => Promise<void> };

export const adminEmail = 'admin@e2e.returnflow.test';
export const adminPassword = 'e2e-admin-password';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type StartServerOptions = { demo?: boolean; env?: Record<string, string> };

/** Starts a server and waits until /healthz answers. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rf-e2e-'));
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['bin/returnflow.mjs', 'start'], {
    cwd: join(import.meta.dirname, '../../..'),
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${join(dir, 'rf.sqlite')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      RETURNFLOW_DEMO: options.demo ? '1' : '0',
      RETURNFLOW_ADMIN_EMAIL: adminEmail,
      RETURNFLOW_ADMIN_PASSWORD: adminPassword,
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
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls the API of a running server as a user (returns a small fetch helper). */
export async function apiAs(url: string, email: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login ${email}: ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  return async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}
