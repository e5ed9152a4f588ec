#!/usr/bin/env node
// `npm test`: the server suite (API tests on SQLite and PostgreSQL, unit and property
// tests), then the browser suite in Chromium. Prints one line at the end:
// "N passed, N failed" (and writes test-results/summary.json for .ci/run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const extra = process.argv.slice(2);

function runProject(project) {
  const outputFile = join(results, `vitest-${project}.json`);
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${outputFile}`,
      ...extra,
    ],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  if (!existsSync(outputFile)) return { passed: 0, failed: 1, exit: run.status ?? 1 };
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  // A file that failed to load has no tests but counts as a failure.
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles, exit: run.status ?? 1 };
}

const skipBrowser = process.env.RETURNFLOW_SKIP_BROWSER_TESTS === '1';
const projects = skipBrowser ? ['server'] : ['server', 'browser'];
if (skipBrowser) process.stderr.write('\n!! RETURNFLOW_SKIP_BROWSER_TESTS=1: the browser suite is skipped.\n\n');

if (!skipBrowser) {
  // Build the web app once, so browser tests do not race to build it.
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'web/vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.stderr.write('web build failed\n');
}

const totals = { passed: 0, failed: 0 };
let exitCode = 0;
for (const project of projects) {
  const result = runProject(project);
  totals.passed += result.passed;
  totals.failed += result.failed;
  if (result.exit !== 0) exitCode = 1;
}
if (totals.failed > 0) exitCode = 1;
writeFileSync(join(results, 'summary.json'), JSON.stringify(totals));
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(exitCode);
