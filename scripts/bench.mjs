#!/usr/bin/env node
// `npm run bench`: starts the server on a fresh database (SQLite, then PostgreSQL when it
// answers) and drives it over HTTP with a closed-loop load on kept-alive connections. Prints, for each database:
// return creation req/s and p50/p99 at 50 clients (each request on a different order,
// as a customer with a portal token); the ceiling of the stack in the same run (the same
// rows written with plain SQL, no validation, auth or policy — with the decision and
// outbox payload of a real creation made before the clock starts) and the ratio; whole
// lifecycles (create → approve → receive → inspect → refund) per second; peak RSS; and the
// server's CPU time per creation and per ceiling request (the steadier ratio on a shared machine).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const orders = Number(process.env.BENCH_ORDERS ?? 3000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const lifecycles = Number(process.env.BENCH_LIFECYCLES ?? 300);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const pgAdmin = process.env.RETURNFLOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv[2];

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startServer(databaseUrl) {
  const port = await freePort();
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (see docs/performance.md).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_NODE_FLAGS: V8 flags for the server, e.g. '--max-semi-space-size=4' (Node's defaults
  // otherwise; what they did to peak RSS is in docs/performance.md).
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, ...profile, 'bin/returnflow.mjs', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      RETURNFLOW_DEMO: '0',
      RETURNFLOW_BENCH: '1',
      RETURNFLOW_SKIP_WEB_BUILD: '1',
      RETURNFLOW_ADMIN_EMAIL: 'bench@returnflow.test',
      RETURNFLOW_ADMIN_PASSWORD: 'bench-password',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

/** The server's V8 heap in use and reserved, in MB, from its /metrics. */
async function heapMb(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name) => Math.round(Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0) / 1048576);
  return `${read('nodejs_heap_used_bytes')}/${read('nodejs_heap_total_bytes')}`;
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

// CPU seconds the server process has used, user and system, all its threads (/proc/<pid>/stat
// fields 14 and 15, in clock ticks).
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

// Waits until the workers have written the notices and webhook deliveries of every event
// committed so far (the outbox gauges of /metrics at 0), so that a round's CPU time holds
// the work it set off and the next round starts on an idle server.
async function outboxDrained(url) {
  for (let i = 0; i < 600; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = await (await fetch(`${url}/metrics`)).text();
    const gauge = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    if (gauge('returnflow_outbox_unnoticed_events') === 0 && gauge('returnflow_outbox_undispatched_events') === 0) return;
  }
  throw new Error('the outbox did not drain within 30 s');
}

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function inParallel(count, width, task) {
  let next = 0;
  const results = new Array(count);
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/**
 * A closed-loop load of `amount` requests over `connections` kept-alive connections: each
 * connection sends its next request as soon as its previous answer is in. The connections
 * are opened and used once (GET /healthz) before the clock starts. (autocannon opened
 * its connections as the run started, and the busy server took ~2 s to get round to the
 * last of 50 new connections — on a plain Node http server with a 2.5 ms handler just
 * as on ReturnFlow — so a third of every run's time went by with most clients still
 * waiting for their first answer: that, not the product, set the p99 and held the rates
 * down; docs/performance.md.) `request(i)` gives the i-th request.
 */
async function run({ url, connections, amount, request }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(url);
  const send = (method, path, headers, body) =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.request({ agent, hostname, port, method, path, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      });
      req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
      req.end(body);
    });
  // Open every connection and send one request on each.
  await Promise.all(Array.from({ length: connections }, () => send('GET', '/healthz', {})));
  const latencies = [];
  let non2xx = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < amount) {
        const r = request(next++);
        const answer = await send(r.method, r.path, { ...r.headers, 'content-length': Buffer.byteLength(r.body) }, r.body);
        latencies.push(answer.ms);
        if (answer.status === 0) errors++;
        else if (answer.status < 200 || answer.status >= 300) non2xx++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: { total: latencies.length }, seconds, latencies, non2xx, errors };
}

/** Requests per second over the whole run: every request ÷ the time from the start to the last response. */
const rate = (result) => result.requests.total / result.seconds;

/**
 * The rounds of one kind taken together: requests ÷ the time the rounds took, and the
 * percentiles of every response's latency.
 */
function combine(results) {
  const percentile = (values, q) => {
    const sorted = [...values].sort((x, y) => x - y);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  };
  const all = results.flatMap((r) => r.latencies);
  const requests = results.reduce((sum, r) => sum + r.requests.total, 0);
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  const errors = results.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  return {
    rps: requests / seconds,
    p50: percentile(all, 0.5),
    p99: percentile(all, 0.99),
    errors,
    rounds: results.map(rate),
    cpuMsPerRequest: (1000 * results.reduce((sum, r) => sum + r.cpuSeconds, 0)) / requests,
    p99s: results.map((r) => percentile(r.latencies, 0.99)),
  };
}

async function benchDatabase(name, databaseUrl) {
  const { url, child } = await startServer(databaseUrl);
  try {
    const { token: admin } = await api(url, null, 'POST', '/auth/login', { email: 'bench@returnflow.test', password: 'bench-password' });
    await api(url, admin, 'POST', '/users', { email: 'bench-ops@returnflow.test', name: 'ops', password: 'bench-password', roles: ['service', 'warehouse'] });
    const product = await api(url, admin, 'POST', '/products', { sku: 'BENCH-1', name: '压测商品', category: '服装', price: 9900 });
    process.stdout.write(`[${name}] preparing ${orders * 2 + lifecycles + 1} orders…\n`);
    const delivered = new Date(Date.now() - 86_400_000).toISOString();
    const prepared = await inParallel(orders * 2 + lifecycles + 1, 16, async (i) => {
      const phone = `138${String(i).padStart(8, '0')}`;
      const customer = await api(url, admin, 'POST', '/customers', { name: `客户${i}`, phone });
      const order = await api(url, admin, 'POST', '/orders', {
        number: `BENCH-${i}`,
        customerId: customer.id,
        channel: 'tmall',
        currency: 'CNY',
        placedAt: delivered,
        deliveredAt: delivered,
        lines: [{ sku: product.sku, quantity: 1, unitPrice: 9900 }],
        payments: [{ method: 'alipay', amount: 9900 }],
      });
      return {
        orderId: order.id,
        customerId: customer.id,
        orderLineId: order.lines[0].id,
        productId: product.id,
        sku: product.sku,
        number: order.number,
        phone,
      };
    });
    // The high-water mark after each phase: which phase sets the peak.
    const peaks = { prepared: peakRssMb(child.pid) };
    const heaps = { prepared: await heapMb(url) };
    const creation = prepared.slice(0, orders);
    const ceiling = prepared.slice(orders, orders * 2);
    const life = prepared.slice(orders * 2, orders * 2 + lifecycles);
    // One real creation before the clock starts: the ceiling writes its decision and its
    // outbox payload (the presented return), so both sides write rows of the same size.
    const sample = prepared[orders * 2 + lifecycles];
    const { token: sampleToken } = await api(url, null, 'POST', '/portal/sessions', { orderNumber: sample.number, contact: sample.phone });
    const sampleReturn = await api(url, sampleToken, 'POST', '/returns', {
      orderId: sample.orderId,
      resolution: 'refund',
      lines: [{ orderLineId: sample.orderLineId, quantity: 1, reasonCode: 'no_reason' }],
    });
    await api(url, null, 'PUT', '/bench/ceiling/rows', { decision: JSON.stringify(sampleReturn.decision), payload: JSON.stringify(sampleReturn) });
    const tokens = await inParallel(
      creation.length,
      16,
      async (i) => (await api(url, null, 'POST', '/portal/sessions', { orderNumber: creation[i].number, contact: creation[i].phone })).token,
    );

    // Creation and ceiling run in interleaved rounds (BENCH_ROUNDS, default 3): the load of
    // a shared machine drifts over a minute, and a ratio of two runs taken a minute apart
    // moved by ±15 points; rounds side by side see the same machine.
    // BENCH_CPU_PROF: the phases' bounds on the monotonic clock V8 profiles are stamped with,
    // so the profile can be cut to the creation rounds (microseconds, like the profile).
    const clock = () => Number(process.hrtime.bigint() / 1000n);
    const phases = { create: [], ceiling: [] };
    const createRounds = [];
    const ceilingRounds = [];
    const perRound = Math.ceil(orders / rounds);
    for (let round = 0; round < rounds; round++) {
      const from = round * perRound;
      const to = Math.min(orders, from + perRound);
      if (from >= to) break;
      // One round of one kind: `request(i)` gives the request for the i-th prepared order.
      // A round's CPU time runs from its start until the outbox has drained (read before the
      // /metrics requests that check it, and again if it had not: those cost a few ms each).
      const runRound = async (results, spans, request) => {
        const at = clock();
        const cpuBefore = cpuSeconds(child.pid);
        const result = await run({ url, connections, amount: to - from, request: (n) => request(from + n) });
        spans.push([at, clock()]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const cpuAfter = cpuSeconds(child.pid);
        await outboxDrained(url);
        results.push({ ...result, cpuSeconds: cpuAfter - cpuBefore });
      };
      await runRound(createRounds, phases.create, (i) => ({
        method: 'POST',
        path: '/api/v1/returns',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
        body: JSON.stringify({
          orderId: creation[i].orderId,
          resolution: 'refund',
          lines: [{ orderLineId: creation[i].orderLineId, quantity: 1, reasonCode: 'no_reason' }],
        }),
      }));
      await runRound(ceilingRounds, phases.ceiling, (i) => ({
        method: 'POST',
        path: '/api/v1/bench/ceiling',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ceiling[i]),
      }));
    }
    const created = combine(createRounds);
    const bare = combine(ceilingRounds);
    peaks.rounds = peakRssMb(child.pid);
    heaps.rounds = await heapMb(url);
    if (process.env.BENCH_CPU_PROF) {
      mkdirSync(process.env.BENCH_CPU_PROF, { recursive: true });
      writeFileSync(join(process.env.BENCH_CPU_PROF, `phases-${name}-${child.pid}.json`), JSON.stringify(phases));
    }
    const { token: ops } = await api(url, null, 'POST', '/auth/login', { email: 'bench-ops@returnflow.test', password: 'bench-password' });
    const { token: finance } = await api(url, admin, 'POST', '/auth/login', { email: 'bench@returnflow.test', password: 'bench-password' });
    const started = performance.now();
    await inParallel(life.length, 10, async (i) => {
      const o = life[i];
      const ret = await api(url, ops, 'POST', '/returns', {
        orderId: o.orderId,
        resolution: 'refund',
        lines: [{ orderLineId: o.orderLineId, quantity: 1, reasonCode: 'no_reason' }],
      });
      await api(url, ops, 'POST', `/returns/${ret.id}/approve`, {});
      await api(url, ops, 'POST', `/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0].id, quantity: 1 }] });
      await api(url, ops, 'POST', `/returns/${ret.id}/inspect`, { lines: [{ lineId: ret.lines[0].id, quantity: 1, grade: 'A', disposition: 'restock' }] });
      await api(url, finance, 'POST', `/returns/${ret.id}/refund`, { method: 'original', reference: `B${i}` });
    });
    const lifecycleRate = life.length / ((performance.now() - started) / 1000);

    const rss = peakRssMb(child.pid);
    peaks.lifecycles = rss;
    heaps.lifecycles = await heapMb(url);
    return {
      name,
      create: created,
      ceiling: bare,
      ratio: created.rps / bare.rps,
      lifecycleRate,
      rss,
      peaks,
      heaps,
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const results = [];
if (!only || only === 'sqlite') {
  const dir = mkdtempSync(join(tmpdir(), 'rf-bench-'));
  results.push(await benchDatabase('sqlite', `sqlite:${join(dir, 'bench.sqlite')}`));
  rmSync(dir, { recursive: true, force: true });
}
if (!only || only === 'postgres') {
  const name = `rf_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdmin });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(pgAdmin);
    url.pathname = `/${name}`;
    results.push(await benchDatabase('postgres', url.toString()));
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`drop database if exists ${name} with (force)`);
  } catch (error) {
    process.stdout.write(`PostgreSQL benchmark skipped: ${error.message}\n`);
  } finally {
    await admin.end().catch(() => {});
  }
}

const line = (r) =>
  [
    `${r.name.padEnd(9)}`,
    `create ${r.create.rps.toFixed(0).padStart(5)} req/s p50 ${String(r.create.p50).padStart(3)} ms p99 ${String(r.create.p99).padStart(4)} ms (errors ${r.create.errors})`,
    `ceiling ${r.ceiling.rps.toFixed(0).padStart(5)} req/s p50 ${String(r.ceiling.p50).padStart(3)} ms p99 ${String(r.ceiling.p99).padStart(4)} ms`,
    `ratio ${(r.ratio * 100).toFixed(0)}%`,
    `CPU/request ${r.create.cpuMsPerRequest.toFixed(2)} vs ${r.ceiling.cpuMsPerRequest.toFixed(2)} ms (${((100 * r.ceiling.cpuMsPerRequest) / r.create.cpuMsPerRequest).toFixed(0)}%)`,
    `lifecycle ${r.lifecycleRate.toFixed(1)}/s`,
    `peak RSS ${r.rss} MB`,
  ].join(' | ');
process.stdout.write(
  `\nReturnFlow benchmark: ${connections} connections, ${orders} creations and ${orders} ceiling requests in ${rounds} interleaved rounds, ${lifecycles} lifecycles (10 at a time)\n`,
);
for (const r of results) process.stdout.write(`${line(r)}\n`);
for (const r of results) {
  const p = Object.entries(r.peaks).map(([phase, mb]) => `${phase} ${mb} MB`);
  process.stdout.write(`${r.name.padEnd(9)} RSS high-water mark after each phase: ${p.join(', ')}\n`);
  const each = (rates) => rates.map((v) => v.toFixed(0)).join(', ');
  process.stdout.write(
    `${r.name.padEnd(9)} rounds: create ${each(r.create.rounds)} req/s, p99 ${r.create.p99s.join(', ')} ms; ceiling ${each(r.ceiling.rounds)} req/s, p99 ${r.ceiling.p99s.join(', ')} ms\n`,
  );
  const h = Object.entries(r.heaps).map(([phase, mb]) => `${phase} ${mb} MB`);
  process.stdout.write(`${r.name.padEnd(9)} V8 heap used/reserved after each phase: ${h.join(', ')}\n`);
}
