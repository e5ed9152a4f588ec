#!/usr/bin/env node
// ReturnFlow's command line: `returnflow start` (the default), `returnflow migrate`, and
// `returnflow backup <file>` / `returnflow restore <file>` (SQLite).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

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

register();
switch (command) {
  case 'start':
    if (process.env.RETURNFLOW_SKIP_WEB_BUILD !== '1') ensureWebBuilt();
    await import('../server/src/main.ts');
    break;
  case 'migrate':
    await import('../server/src/migrate-command.ts');
    break;
  case 'backup':
  case 'restore':
    await import('../server/src/backup-command.ts');
    break;
  default:
    console.error(`Unknown command ${command}. Commands: start, migrate, backup <file>, restore <file>`);
    process.exit(2);
}
