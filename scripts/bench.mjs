#!/usr/bin/env node
// Speed targets as ratios measured side by side in one run: whole-process
// medians against bare `node -e 0` (and `gh --help` when Debian's gh is there).
// Not a test: machines differ, ratios on one machine are what we compare.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'visit-sre.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);

// NODE_EXTRA_CA_CERTS adds ~55 ms to every Node start on these machines and hides the tool's own cost.
const env = { ...process.env, VISIT_SRE_NOW: '2026-11-25T18:00:00Z', NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const cases = [
  { name: 'node -e 0 (baseline)', cmd: process.execPath, args: ['-e', '0'] },
  ...(which('gh') ? [{ name: 'gh --help', cmd: 'gh', args: ['--help'] }] : []),
  // Targets against gh (issue 26), when gh is there: --help no slower than `gh --help`, who at most 1.5 times it.
  { name: 'visit-sre --help', cmd: process.execPath, args: [bin, '--help'], target: 2.2, ghTarget: 1.0 },
  {
    name: 'visit-sre who --json (2-year rotation)',
    cmd: process.execPath,
    args: [bin, 'who', '--json', '--calendar', path.join(root, 'schedules', 'rotation.ics')],
    target: 4,
    ghTarget: 1.5,
  },
  // The first run after the calendar changes parses it with node-ical; later runs read the parsed cache.
  {
    name: 'visit-sre who --json (cold cache)',
    cmd: process.execPath,
    args: [bin, 'who', '--json', '--calendar', path.join(root, 'schedules', 'rotation.ics')],
    freshCache: true,
  },
  // With a desk thread: away notices and delegations come from its cache, read less than 5 minutes ago.
  { name: 'visit-sre who --json (desk thread, warm cache)', cmd: process.execPath, args: [bin, 'who', '--json'], target: 4, desk: true },
];
const warmCache = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bench-'));
const deskDir = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bench-desk-'));
{
  const { writeFileSync, mkdirSync } = await import('node:fs');
  writeFileSync(
    path.join(deskDir, 'visit-sre.config.json'),
    JSON.stringify({
      rotation: path.join(root, 'schedules', 'rotation.ics'),
      team: path.join(root, 'schedules', 'team.json'),
      desk: { thread: 'visit-dav/visit#1' },
    }),
  );
  mkdirSync(path.join(warmCache, 'visit-sre', 'desk'), { recursive: true });
  const away = {
    v: 1,
    kind: 'away',
    who: 'ada-lovelace',
    from: '2026-11-25T17:00:00Z',
    until: '2026-11-25T23:00:00Z',
    key: 'away:ada-lovelace:2026-11-25T17:00:00Z:2026-11-25T23:00:00Z',
  };
  const cache = {
    v: 2,
    thread: 'visit-dav/visit#1',
    readAt: Date.parse(env.VISIT_SRE_NOW) - 60_000,
    entries: [{ marker: away, createdAt: Date.parse('2026-11-24T17:00:00Z'), author: 'ada-lovelace' }],
  };
  writeFileSync(path.join(warmCache, 'visit-sre', 'desk', 'visit-dav_visit_1.json'), JSON.stringify(cache));
  // The case measures the cached path only if the cache is what answered: Ada, away, hands the role to her Backup.
  const check = spawnSync(process.execPath, [bin, 'who', '--json'], {
    env: { ...env, XDG_CACHE_HOME: warmCache },
    cwd: deskDir,
    encoding: 'utf8',
  });
  if (JSON.parse(check.stdout || '{}').actingPrimary?.reason !== 'primary-away') {
    console.error(`who with a desk thread did not answer from its cache: ${check.stderr}`);
    process.exit(1);
  }
}

const times = new Map(cases.map((c) => [c.name, []]));
for (let i = 0; i < runs + 1; i++) {
  for (const c of cases) {
    const runEnv = { ...env, XDG_CACHE_HOME: c.freshCache ? mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bench-')) : warmCache };
    const t0 = process.hrtime.bigint();
    const r = spawnSync(c.cmd, c.args, { env: runEnv, cwd: c.desk ? deskDir : root, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) {
      console.error(`${c.name} failed (exit ${r.status}): ${r.stderr}`);
      process.exit(1);
    }
    if (i > 0) times.get(c.name).push(ms); // the first round warms the disk cache
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times.get(cases[0].name));
const gh = times.has('gh --help') ? median(times.get('gh --help')) : undefined;
console.log(`Start-up, median of ${runs} runs, the commands taking turns (node ${process.version}, ${process.platform}):\n`);
console.log(`| command | median ms | × bare node | target | × gh --help | target | ok |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | :---: |');
let failed = false;
for (const c of cases) {
  const m = median(times.get(c.name));
  const ratio = m / base;
  const vsGh = gh === undefined ? undefined : m / gh;
  const misses = [c.target !== undefined && ratio > c.target, c.ghTarget !== undefined && vsGh !== undefined && vsGh > c.ghTarget];
  const ok = c.target === undefined && c.ghTarget === undefined ? '' : misses.some(Boolean) ? 'NO' : 'yes';
  if (ok === 'NO') failed = true;
  console.log(
    `| ${c.name} | ${m.toFixed(1)} | ${ratio.toFixed(2)} | ${c.target ? `≤ ${c.target}` : ''} | ${vsGh === undefined ? '' : vsGh.toFixed(2)} | ${c.ghTarget && gh ? `≤ ${c.ghTarget}` : ''} | ${ok} |`,
  );
}
if (gh === undefined) console.log('\n(gh is not installed: `apt-get install gh` adds the ratios against `gh --help`.)');

const { overdueBudget } = await import('./bench-github.mjs');
console.log('\nGitHub reads of `overdue` (ordinary threads: up to 20 comments × 10 replies), against the stand-in:\n');
console.log('| discussions | requests | budget ceil(N/50)+3 | one request per discussion | ratio | ok |');
console.log('| ---: | ---: | ---: | ---: | ---: | :---: |');
for (const n of [100, 1000]) {
  const b = await overdueBudget(root, n);
  const ok = b.requests <= b.budget;
  if (!ok) failed = true;
  console.log(`| ${n} | ${b.requests} | ${b.budget} | ${b.naive} | ${(b.naive / b.requests).toFixed(0)}× fewer | ${ok ? 'yes' : 'NO'} |`);
}
const slow = await overdueBudget(root, 1000, 50);
const slowOk = slow.ms < 3000;
if (!slowOk) failed = true;
console.log(
  `\n\`overdue\` wall time, 1,000 discussions, 50 ms latency per request: ${(slow.ms / 1000).toFixed(2)} s (${slow.requests} requests; target < 3 s: ${slowOk ? 'yes' : 'NO'})`,
);

// Rotation planning: 156 weeks for 30 members, the whole command, against bare node.
const { writeFileSync: write } = await import('node:fs');
const planDir = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bench-plan-'));
const bigTeam = Array.from({ length: 30 }, (_, i) => ({
  login: `dev${i}`,
  name: `Developer ${i}`,
  percentTime: 10 + ((i * 37) % 91),
  experienced: i % 3 !== 0,
  unavailable: i % 5 === 0 ? [{ from: '2027-03-01', to: '2027-03-20' }] : [],
}));
write(path.join(planDir, 'visit-sre.config.json'), JSON.stringify({ rotation: null, team: bigTeam }));
const planTimes = [];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, 'schedule', 'generate', '--start', '2027-01-04', '--weeks', '156', '--out', '-'], {
    env,
    cwd: planDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) throw new Error(String(r.stderr));
  planTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const planMs = median(planTimes);
const planOk = planMs < 1000;
if (!planOk) failed = true;
console.log(
  `\n\`schedule generate\`, 156 weeks × 30 members, whole process: ${planMs.toFixed(0)} ms median of 5 (${(planMs / base).toFixed(1)} × bare node; target well under 1 s: ${planOk ? 'yes' : 'NO'})`,
);
const { statsBudget } = await import('./bench-github.mjs');
const st = await statsBudget(root);
const stOk = st.listing <= 20;
if (!stOk) failed = true;
console.log(
  `\n\`stats\` for a year of ${st.n} discussions: ${st.listing} listing requests (${st.total} in all; target ≤ 20: ${stOk ? 'yes' : 'NO'}), ${(st.ms / 1000).toFixed(2)} s`,
);
// The HTML report for a realistic year (answers, calls, escalations): the charting library loads only here.
const { renderReport } = await import('./report-browser.mjs');
const { yearScenario } = await import('./year-scenario.mjs');
const htmlDir = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bench-html-'));
const html = await renderReport({
  scenario: yearScenario(1500),
  html: path.join(htmlDir, 'report.html'),
  since: '2026-01-01',
  until: '2027-01-01',
  now: '2027-01-05T18:00:00Z',
  extraArgs: ['--verbose'],
});
if (html.code !== 0) throw new Error(`stats --html failed: ${html.stderr}`);
const [, bytes, renderMs, loadMs, drawMs] = (
  /rendered the HTML report \((\d+) bytes\) in (\d+) ms: (\d+) ms loading the charting library, (\d+) ms drawing/.exec(html.stderr) ?? []
).map(Number);
const htmlOk = html.listing <= 20;
if (!htmlOk) failed = true;
console.log(
  `\n\`stats --html\` for a year of 1500 discussions: ${html.listing} listing requests (${html.requests} in all; target ≤ 20: ${htmlOk ? 'yes' : 'NO'}), whole command ${(html.ms / 1000).toFixed(2)} s, of which the report ${renderMs} ms (${loadMs} ms loading Plot, d3 and linkedom, ${drawMs} ms drawing five charts; ${(bytes / 1024).toFixed(0)} KiB, one file)`,
);
const { calendarReadTimes, LARGEST } = await import('./bench-calendar.mjs');
const cal = calendarReadTimes(root, env);
console.log(
  `\nReading ${LARGEST} (1.6 MB, 4,778 events): \`who\` whole process ${cal.whoCold.toFixed(0)} ms with the parsed cache cold, ${cal.whoWarm.toFixed(0)} ms warm (median of 5); readCalendar in one process ${cal.firstCall.toFixed(0)} ms (${cal.firstCallCpu.toFixed(0)} ms CPU) on the first call, ${cal.laterCalls.toFixed(0)} ms (${cal.laterCallsCpu.toFixed(0)} ms CPU) on later ones`,
);
const { notifyBudget } = await import('./bench-github.mjs');
console.log(
  '\n`notify` against the stand-in, with a desk thread: a first run with everything to send (50 at most per run), then, once later runs have sent the backlog, a run with nothing new (which finds their state):\n',
);
// Writes: the reservation, the comment, the reservation removed, the board (docs/process.md#concurrency).
console.log(
  '| discussions | reads (first run) | writes (first run) | reads (nothing new) | writes (nothing new) | budget: reads ceil(N/50)+4, writes ≤ 4 | ok |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | :---: |');
for (const n of [100, 1000]) {
  const b = await notifyBudget(root, n);
  const ok = b.first.reads <= b.budget && b.second.reads <= b.budget && b.first.writes <= 4 && b.second.writes === 0;
  if (!ok) failed = true;
  console.log(
    `| ${n} | ${b.first.reads} | ${b.first.writes} | ${b.second.reads} | ${b.second.writes} | ${b.budget}, 4 | ${ok ? 'yes' : 'NO'} |`,
  );
}
const slowNotify = await notifyBudget(root, 1000, 50);
// notify reads what overdue reads plus the desk thread twice, and spaces its writes by GitHub's 1 s
// (four when it sends: the reservation, the comment, the reservation removed, the board).
const spacing = Math.max(0, slowNotify.first.writes - 1) * 1000;
const slowNotifyOk = slowNotify.ms < slow.ms + 500 + spacing;
if (!slowNotifyOk) failed = true;
console.log(
  `\n\`notify\` wall time, 1,000 discussions, 50 ms latency per request: ${(slowNotify.ms / 1000).toFixed(2)} s (${slowNotify.first.reads} reads, ${slowNotify.first.writes} writes; target: within 0.5 s of \`overdue\`'s ${(slow.ms / 1000).toFixed(2)} s and the ${spacing / 1000} s between writes: ${slowNotifyOk ? 'yes' : 'NO'})`,
);
// What the duty desk's watch costs in GraphQL points, by GitHub's published formula (docs/process.md#cost-of-a-watch).
const { watchCost } = await import('./bench-watch.mjs');
const compare = process.env.BENCH_COMPARE_BIN; // another build's bin/visit-sre.js, to put beside this one
console.log(
  '\n`notify` every 15 minutes, in GraphQL points of the hourly limit (a workflow token has 1,000): a first run with no state, then four runs 15 minutes apart with a few changes before each (a new question, a follow-up, a team reply), the cache kept as the Action keeps it:\n',
);
console.log('| open inquiries | build | first run | later runs | an hour of later runs | target: later ≤ 12, hour ≤ 50 | ok |');
console.log('| ---: | --- | ---: | --- | ---: | ---: | :---: |');
for (const n of [100, 1000]) {
  for (const [name, bin] of [['this', undefined], ...(compare ? [['compared', compare]] : [])]) {
    const w = await watchCost(root, n, bin ? { bin } : {});
    const [first, ...later] = w.runs;
    const hour = later.reduce((sum, r) => sum + r.points, 0);
    const ok = later.every((r) => r.points <= 12) && hour <= 50;
    if (!ok && name === 'this') failed = true;
    console.log(
      `| ${n} | ${name} | ${first.points} (${first.reads} reads, ${first.writes} writes) | ${later.map((r) => `${r.points} (${r.reads}r, ${r.writes}w)`).join(', ')} | ${hour} | 12, 50 | ${ok ? 'yes' : 'NO'} |`,
    );
  }
}
if (failed) console.log('\nSome targets were missed on this run.');
