#!/usr/bin/env node
// `npm run bench:reports`: the analytics reports and the console's returns list on a
// generated shop, on SQLite and on PostgreSQL. For each database: generate the shop
// (`scripts/gen.ts --orders BENCH_ORDERS`, default 100000) unless BENCH_SQLITE_URL /
// BENCH_PG_URL name an existing one, start the server on it, and time each request
// (sequentially, after a warm-up) — prints median and 95th percentile per report.
// A benchmark, not a test. Generated databases are deleted (PostgreSQL ones dropped)
// afterwards unless BENCH_KEEP=1.
//   BENCH_ORDERS=1000000 npm run bench:reports          both databases
//   npm run bench:reports -- sqlite                      one of them
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const orders = Number(process.env.BENCH_ORDERS ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const pgAdmin = process.env.RETURNFLOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv[2];
const admin = { email: 'bench@returnflow.test', password: 'bench-password' };

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function generate(databaseUrl) {
  process.stdout.write(`generating ${orders} orders into ${databaseUrl.replace(/\/\/.*@/, '//…@')}\n`);
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/gen.ts', '--orders', String(orders)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl, RETURNFLOW_ADMIN_EMAIL: admin.email, RETURNFLOW_ADMIN_PASSWORD: admin.password },
  });
  if (run.status !== 0) throw new Error('generation failed');
}

async function startServer(databaseUrl) {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/returnflow.mjs', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      RETURNFLOW_DEMO: '0',
      RETURNFLOW_SKIP_WEB_BUILD: '1',
      RETURNFLOW_ADMIN_EMAIL: admin.email,
      RETURNFLOW_ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

async function get(url, token, path) {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/${path}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return performance.now() - started;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function time(url, token, path, n = rounds) {
  await get(url, token, path);
  await get(url, token, path);
  const times = [];
  for (let i = 0; i < n; i++) times.push(await get(url, token, path));
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

async function benchDatabase(name, databaseUrl, size) {
  const { url, child } = await startServer(databaseUrl);
  const results = [];
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    const { token } = await login.json();
    // Wait for the facts (a fresh server may still be catching up).
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const to = addDays(today, 1);
    const year = `from=${addDays(to, -365)}&to=${to}`;
    const quarter = `from=${addDays(to, -90)}&to=${to}`;
    const month = `from=${addDays(to, -30)}&to=${to}`;
    const rate = await (
      await fetch(`${url}/api/v1/reports/return-rate?${year}&groupBy=product&limit=1`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    const productId = rate.data[0]?.key ?? 'none';
    const category = rate.data[0]?.category ?? '女装';
    const someReturn = await (await fetch(`${url}/api/v1/console/returns?pageSize=1`, { headers: { authorization: `Bearer ${token}` } })).json();
    const customerId = someReturn.data[0]?.customerId ?? 'none';
    const reports = [
      ['return rate by product, 1 year', `reports/return-rate?${year}&groupBy=product`],
      ['return rate by category, 1 year', `reports/return-rate?${year}&groupBy=category`],
      ['return rate by supplier, 90 days', `reports/return-rate?${quarter}&groupBy=supplier`],
      ['return rate by reason category, 1 year', `reports/return-rate?${year}&groupBy=reasonCategory`],
      ['return rate by channel, 1 year', `reports/return-rate?${year}&groupBy=channel`],
      ['return rate by warehouse, 1 year', `reports/return-rate?${year}&groupBy=warehouse`],
      ['return rate by customer, 1 year', `reports/return-rate?${year}&groupBy=customer`],
      ['return rate by product, 1 category, jd, 90 days', `reports/return-rate?${quarter}&groupBy=product&channel=jd&category=${encodeURIComponent(category)}`],
      ['trend by day, 90 days + previous', `reports/return-trend?${quarter}&interval=day`],
      ['trend by week, 1 year + previous', `reports/return-trend?${year}&interval=week`],
      [
        'trend by month, 2 years, 1 category',
        `reports/return-trend?from=${addDays(to, -730)}&to=${to}&interval=month&category=${encodeURIComponent(category)}`,
      ],
      ['reasons, 90 days + previous', `reports/reasons?${quarter}`],
      ['product reason mix vs category, 90 days', `reports/product-reasons?${quarter}&productId=${productId}`],
      ['jumped products, 30 days vs 90', `reports/jumps?${month}`],
      ['process health, 30 days', `reports/process-health?${month}`],
      ['money and goods, 1 year', `reports/money?${year}`],
      ['customers, 1 year', `reports/customers?${year}`],
      ['Excel: return rate by product, 1 year', `reports/return-rate.xlsx?${year}&groupBy=product`],
    ];
    const lists = [
      ['returns list, newest', 'console/returns?pageSize=20'],
      ['returns list, status requested', 'console/returns?pageSize=20&status=requested'],
      ['returns list, reason + 30 days', `console/returns?pageSize=20&reasonCode=quality&from=${addDays(to, -30)}`],
      ['returns list, product drill-down, 90 days', `console/returns?pageSize=20&productId=${productId}&from=${addDays(to, -90)}`],
      ['returns list, category + tmall drill-down', `console/returns?pageSize=20&category=${encodeURIComponent(category)}&orderChannel=tmall`],
      ['returns list, overdue, due first', 'console/returns?pageSize=20&overdue=true&sort=due'],
      ['returns list, one customer', `console/returns?pageSize=20&customerId=${customerId}`],
      ['returns list, page 50', 'console/returns?pageSize=20&page=50'],
    ];
    // The page after the 49th by cursor (keyset): what the console's "next" costs deep in the list.
    const page49 = await (await fetch(`${url}/api/v1/console/returns?pageSize=20&page=49`, { headers: { authorization: `Bearer ${token}` } })).json();
    if (page49.nextCursor) lists.push(['returns list, page 50 by cursor', `console/returns?pageSize=20&after=${encodeURIComponent(page49.nextCursor)}`]);
    // BENCH_LISTS_ONLY=1: the returns list alone (a few seconds instead of minutes).
    if (process.env.BENCH_LISTS_ONLY !== '1') for (const [label, path] of reports) results.push({ label, ...(await time(url, token, path)) });
    for (const [label, path] of lists) results.push({ label, ...(await time(url, token, path, rounds * 2)) });
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  // The machine's load while it ran: on a shared machine the figures mean little without it.
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  process.stdout.write(`\n${name} (${size}; load average 1/5/15 min at the end: ${load})\n`);
  process.stdout.write(`${'report'.padEnd(50)} ${'median'.padStart(9)} ${'p95'.padStart(9)}\n`);
  for (const r of results) process.stdout.write(`${r.label.padEnd(50)} ${`${r.median.toFixed(1)} ms`.padStart(9)} ${`${r.p95.toFixed(1)} ms`.padStart(9)}\n`);
  return results;
}

async function main() {
  const keep = process.env.BENCH_KEEP === '1';
  if (only !== 'postgres') {
    const given = process.env.BENCH_SQLITE_URL;
    const dir = given ? null : mkdtempSync(join(tmpdir(), 'rf-bench-'));
    const databaseUrl = given ?? `sqlite:${join(dir, 'shop.sqlite')}`;
    try {
      if (!given) generate(databaseUrl);
      await benchDatabase('SQLite', databaseUrl, given ? `the shop in ${given}` : `${orders.toLocaleString('en')} orders`);
    } finally {
      if (dir && !keep) rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only !== 'sqlite') {
    const given = process.env.BENCH_PG_URL;
    const name = `rf_bench_${randomBytes(4).toString('hex')}`;
    const adminClient = new pg.Client({ connectionString: pgAdmin });
    let databaseUrl = given;
    if (!given) {
      try {
        await adminClient.connect();
        await adminClient.query(`create database ${name}`);
      } catch (error) {
        process.stdout.write(`PostgreSQL not reachable (${error.message}); skipped\n`);
        return;
      }
      const u = new URL(pgAdmin);
      u.pathname = `/${name}`;
      databaseUrl = u.toString();
    }
    try {
      if (!given) generate(databaseUrl);
      await benchDatabase('PostgreSQL', databaseUrl, given ? 'the shop in BENCH_PG_URL' : `${orders.toLocaleString('en')} orders`);
    } finally {
      if (!given && !keep) await adminClient.query(`drop database if exists ${name} with (force)`);
      if (!given) await adminClient.end();
    }
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
