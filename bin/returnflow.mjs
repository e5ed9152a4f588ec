#!/usr/bin/env node
// ReturnFlow's command line: `returnflow start` (the default), `returnflow migrate`, and
// `returnflow backup <file>` / `returnflow restore <file>` (SQLite).
//
// Each command runs a plain-JavaScript bundle of the server (server/dist/, built with
// esbuild by scripts/build-server.mjs), built here when it is missing or older than
// server/src. Without the TypeScript loader a server holds ~45 MB less at rest. If the
// build fails the command still runs, from the TypeScript sources through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2] ?? 'start';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when it is missing or older than its sources. */
function ensureWebBuilt() {
  const index = join(root, 'web/dist/index.html');
  const sources = join(root, 'web/src');
  if (!existsSync(sources)) return;
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  console.log('Building the web app (first start or changed sources)…');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'web/vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      // A test runner's NODE_ENV=test would otherwise give React's and antd's development builds.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) {
    console.error('The web app failed to build; the API still starts.');
  }
}

/**
 * The module to run for a server entry (`main`, `migrate-command`, `backup-command`): its
 * bundle in server/dist, built first when missing or older than server/src (or than the
 * build script); the TypeScript source through tsx when the build fails or when
 * RETURNFLOW_RUN_SOURCES=1.
 */
async function serverModule(entry) {
  const source = join(root, `server/src/${entry}.ts`);
  const bundle = join(root, `server/dist/${entry}.mjs`);
  if (process.env.RETURNFLOW_RUN_SOURCES !== '1') {
    const sources = join(root, 'server/src');
    // An installation may ship the bundles alone.
    if (!existsSync(sources)) return bundle;
    const builder = join(root, 'scripts/build-server.mjs');
    const newest = Math.max(newestMtime(sources), existsSync(builder) ? statSync(builder).mtimeMs : 0);
    if (existsSync(bundle) && statSync(bundle).mtimeMs >= newest) return bundle;
    console.log('Building the server (first start or changed sources)…');
    const result = spawnSync(process.execPath, [builder], { cwd: root, stdio: 'inherit' });
    if (result.status === 0 && existsSync(bundle)) return bundle;
    console.error('The server failed to build; running its TypeScript sources with tsx instead.');
  }
  const { register } = await import('tsx/esm/api');
  register();
  return source;
}

const entries = { start: 'main', migrate: 'migrate-command', backup: 'backup-command', restore: 'backup-command' };
const entry = entries[command];
if (!entry) {
  console.error(`Unknown command ${command}. Commands: start, migrate, backup <file>, restore <file>`);
  process.exit(2);
}
if (command === 'start' && process.env.RETURNFLOW_SKIP_WEB_BUILD !== '1') ensureWebBuilt();
// V8 lets the old generation grow after each full collection by a factor it picks from how
// fast collection runs — up to 4× the live objects. A server's live set is small (~60 MB)
// and its garbage short-lived, so under load that left the heap at 2× what it held and the
// process at ~290 MB; growing by 20% at a time keeps it near 220 MB at the same throughput
// (docs/performance.md). No hard limit: a 100,000-row export can still take what it needs.
// V8 reads this flag at every collection, so setting it here, before the server loads, works.
const growing = process.env.RETURNFLOW_HEAP_GROWING_PERCENT ?? '20';
if (command === 'start' && growing !== '0' && !process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) {
  setFlagsFromString(`--heap-growing-percent=${growing}`);
}
await import(pathToFileURL(await serverModule(entry)).href);
