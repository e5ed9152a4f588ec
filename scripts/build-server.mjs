#!/usr/bin/env node
// `npm run build:server`: bundles the server to plain JavaScript in server/dist/, one file
// per command (main.mjs for `returnflow start`, migrate-command.mjs, backup-command.mjs),
// so that the running server does not carry the TypeScript loader (tsx, ~48 MB at rest).
// npm packages stay external (imported from node_modules at run time); only our sources
// are bundled. server/dist is as deep as server/src, so paths that app.ts and fonts.ts
// resolve from import.meta still land in the same places.
//
// Several servers may start at once (the test suites spawn them in parallel) and each may
// build: every file is written under a name of its own and renamed into place, so a
// reader sees either the old file or the new one, never half of one. Each bundle's mtime
// is set to the moment the build started, so a source saved during the build is newer
// and the next start builds again.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'server/dist');
/** The commands of bin/returnflow.mjs, each a bundle of its own. */
export const serverEntries = ['main', 'migrate-command', 'backup-command'];

const started = new Date();
const result = await build({
  absWorkingDir: root,
  entryPoints: serverEntries.map((name) => ({ in: `server/src/${name}.ts`, out: name })),
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node20',
  // No keepNames: it wraps every function expression and arrow function in a call that
  // redefines its `name`, run each time the closure is made — 0.5% of the server's CPU on
  // return creation in the benchmark's profile (docs/performance.md). Nothing in the server
  // reads a function's name; the only difference is that a function whose top-level name
  // clashes with another file's (a migration's `up`, say) shows as `up3` in a stack trace.
  keepNames: false,
  // Stack traces name bundle lines; `node --enable-source-maps` maps them to server/src.
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});

mkdirSync(outdir, { recursive: true });
const suffix = `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
// Source maps first, so that a bundle in place never points at a map that is not.
const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
for (const file of files) {
  const temporary = `${file.path}${suffix}`;
  try {
    writeFileSync(temporary, file.contents);
    utimesSync(temporary, started, started);
    renameSync(temporary, file.path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
