#!/usr/bin/env node
// Sums a V8 CPU profile (`npm run bench` with BENCH_CPU_PROF=<dir>) per function: self time
// and inclusive time, as shares of the samples. With the phases file the bench writes next
// to the profile, only the return-creation run is counted (or `--phase ceiling`).
//   node scripts/cpu-profile-summary.mjs <dir> [--phase create|ceiling|all] [--top 40]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = args[0];
if (!dir) {
  process.stderr.write('usage: node scripts/cpu-profile-summary.mjs <dir> [--phase create|ceiling|all] [--top 40]\n');
  process.exit(2);
}
const phase = option('phase', 'create');
const top = Number(option('top', 40));
const files = readdirSync(dir);

for (const phasesFile of files.filter((f) => f.startsWith('phases-'))) {
  const pid = /-(\d+)\.json$/.exec(phasesFile)?.[1];
  // The main thread's profile of that server process (the first one Node writes).
  const profileFile = files.filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.`)).sort()[0];
  if (!profileFile) continue;
  const phases = JSON.parse(readFileSync(join(dir, phasesFile), 'utf8'));
  // A phase is one [start, end] pair, or a list of them (the bench's interleaved rounds).
  const given = phases[phase];
  const spans = phase === 'all' ? [[Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]] : Array.isArray(given[0]) ? given : [given];
  summarize(join(dir, profileFile), spans, phasesFile);
}

function summarize(file, spans, label) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*?\/(server|web)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (!spans.some(([from, to]) => t >= from && t <= to)) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    total += dt;
    const leaf = byId.get(profile.samples[i]);
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const key = name(byId.get(id));
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  const list = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  process.stdout.write(
    `${label}: ${phase}, ${(total / 1000).toFixed(0)} ms of samples\n\n-- self time\n${list(self)}\n\n-- inclusive time\n${list(inclusive)}\n\n`,
  );
}
