/**
 * Graceful shutdown of the real server: on SIGTERM it stops accepting connections at
 * once, finishes the request it is in the middle of, stops its outbox worker and exits 0.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScratchDatabase, type ServerProcess, scratchDatabase, signInAdmin, startServerProcess } from './support/spawned-server.ts';

describe('graceful shutdown', () => {
  let database: ScratchDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    database = await scratchDatabase('sqlite');
  });
  afterAll(async () => {
    await server?.kill();
    await database?.drop();
  });

  it('finishes a request in flight at SIGTERM, refuses new connections, and exits 0', async () => {
    server = await startServerProcess({ databaseUrl: database.url, env: { LOG_LEVEL: 'info' } });
    const { token } = await signInAdmin(server.url);
    const body = Buffer.from(JSON.stringify({ name: '停机测试顾客', email: 'shutdown@example.com' }));
    const { port } = new URL(server.url);

    // A request whose body is still arriving when the signal comes.
    let answered: (value: { status: number; body: string }) => void = () => undefined;
    const answer = new Promise<{ status: number; body: string }>((resolve) => {
      answered = resolve;
    });
    const inFlight = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/customers',
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => answered({ status: response.statusCode ?? 0, body: text }));
      },
    );
    inFlight.write(body.subarray(0, 10));
    await new Promise((r) => setTimeout(r, 300));

    const exit = server.stop(30_000);
    // Once the listener is closed, a new connection is refused.
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) {
      await new Promise((r) => setTimeout(r, 100));
      refused = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
        () => false,
        () => true,
      );
    }
    expect(refused, 'new connections are refused after SIGTERM').toBe(true);
    expect(server.child.exitCode, 'the server waits for the request in flight').toBeNull();

    inFlight.end(body.subarray(10));
    const result = await answer;
    expect(result.status, result.body).toBe(201);
    expect(JSON.parse(result.body).name).toBe('停机测试顾客');
    expect(await exit).toBe(0);
    const log = server.output();
    expect(log).toContain('shutting down');
    expect(log).toContain('"msg":"stopped"');
    expect(log).not.toMatch(/"level":(50|60)/);
  }, 120_000);
});
