// Read time of the largest calendar in the ical-diff corpus (1.6 MB, 4,778
// events), used by bench.mjs. Two views: the whole `who` process with the
// parsed-calendar cache empty (cold) and filled (warm); and readCalendar
// itself in one process, its first call (node-ical loaded, code not yet
// optimised) and the median of the next ones, in wall and CPU time (CPU time
// is what to compare on a busy machine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LARGEST = path.join('test', 'fixtures', 'ical-diff', 'corpus', 'pyrie', 'benchmark__issue42.ics');
const NOW = '2013-06-05T18:00:00Z'; // inside the file's busiest years

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeWho(root, env, cacheHome) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'visit-sre.js'), 'who', '--json', '--calendar', path.join(root, LARGEST)], {
    env: { ...env, VISIT_SRE_NOW: NOW, XDG_CACHE_HOME: cacheHome },
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`who on ${LARGEST} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const IN_PROCESS = `
const { readCalendar } = await import(process.argv[1]);
const text = (await import('node:fs')).readFileSync(process.argv[2], 'utf8');
const opts = { zone: 'America/Los_Angeles', from: Date.parse('2012-06-05T00:00:00Z'), to: Date.parse('2014-06-05T00:00:00Z'), source: 'x.ics' };
const times = [];
for (let i = 0; i < 6; i++) { const c = process.cpuUsage(); const t0 = performance.now(); readCalendar(text, opts); const u = process.cpuUsage(c); times.push([performance.now() - t0, (u.user + u.system) / 1000]); }
console.log(JSON.stringify(times));
`;

export function calendarReadTimes(root, env, runs = 5) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bench-cal-'));
    cold.push(timeWho(root, env, cache));
    warm.push(timeWho(root, env, cache));
  }
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', IN_PROCESS, path.join(root, 'dist', 'calendar', 'read.js'), path.join(root, LARGEST)],
    { env, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  const calls = JSON.parse(r.stdout);
  const later = calls.slice(1);
  return {
    whoCold: median(cold),
    whoWarm: median(warm),
    firstCall: calls[0][0],
    firstCallCpu: calls[0][1],
    laterCalls: median(later.map((c) => c[0])),
    laterCallsCpu: median(later.map((c) => c[1])),
  };
}
