// GitHub read budget for `overdue`, measured against the stand-in: requests
// sent versus a one-request-per-discussion approach, and wall time with 50 ms
// of latency on every request. Imported by bench.mjs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { startStandin } from '../test/support/standin/server.mjs';

const CATEGORIES = ['help-using-visit', 'help-building-visit', 'help-developing-visit'];

/** N ordinary discussions: up to 20 comments with up to 10 replies each. */
export function ordinaryScenario(n) {
  const start = Date.parse('2026-11-02T17:00:00Z');
  const iso = (ms) => new Date(ms).toISOString().replace('.000', '');
  return {
    token: 'bench',
    viewer: 'ada-lovelace',
    repositories: [
      {
        owner: 'visit-dav',
        name: 'visit',
        categories: CATEGORIES.map((slug) => ({ slug })),
        labels: ['wontfix'],
        discussions: Array.from({ length: n }, (_, i) => ({
          author: `user${i}`,
          association: 'NONE',
          createdAt: iso(start + i * 60_000),
          title: `Q${i}`,
          body: 'q',
          category: CATEGORIES[i % 3],
          comments: Array.from({ length: 1 + (i % 20) }, (_c, c) => ({
            author: 'ada-lovelace',
            association: 'MEMBER',
            createdAt: iso(start + i * 60_000 + (c + 1) * 3_600_000),
            body: 'a',
            replies: Array.from({ length: i % 11 }, (_r, r) => ({
              author: `user${i}`,
              association: 'NONE',
              createdAt: iso(start + i * 60_000 + (c + 1) * 3_600_000 + (r + 1) * 60_000),
              body: 'r',
            })),
          })),
        })),
      },
    ],
  };
}

function run(bin, args, env) {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, err })));
}

export async function overdueBudget(root, n, latencyMs = 0) {
  const standin = await startStandin(ordinaryScenario(n), { latencyMs });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bench-gh-'));
  const config = path.join(dir, 'visit-sre.config.json');
  writeFileSync(config, JSON.stringify({ rotation: null, team: [] }));
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CACHE_HOME: dir,
    XDG_STATE_HOME: dir,
    GITHUB_API_URL: standin.url,
    GH_TOKEN: 'bench',
    VISIT_SRE_CONFIG: config,
    VISIT_SRE_NOW: '2026-12-01T19:00:00Z',
  };
  const t0 = performance.now();
  const r = await run(path.join(root, 'bin', 'visit-sre.js'), ['overdue', '--json'], env);
  const ms = performance.now() - t0;
  await standin.close();
  if (r.code !== 0) throw new Error(`overdue failed: ${r.err}`);
  return { requests: standin.graphqlRequests().length, ms, naive: 1 + Math.ceil(n / 100) + n, budget: Math.ceil(n / 50) + 3 };
}

/** Requests `stats` needs to list a year of discussions (1,500, VisIt's scale). */
export async function statsBudget(root, n = 1500) {
  const start = Date.parse('2026-01-01T08:00:00Z');
  const iso = (ms) => new Date(ms).toISOString().replace('.000', '');
  const spec = ordinaryScenario(0);
  spec.repositories[0].discussions = Array.from({ length: n }, (_, i) => ({
    author: `u${i}`,
    association: 'NONE',
    createdAt: iso(start + i * ((365 * 86_400_000) / n)),
    title: `Q${i}`,
    body: 'q',
    category: CATEGORIES[i % 3],
  }));
  const standin = await startStandin(spec);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bench-stats-'));
  const config = path.join(dir, 'visit-sre.config.json');
  writeFileSync(config, JSON.stringify({ rotation: null, team: [] }));
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CACHE_HOME: dir,
    XDG_STATE_HOME: dir,
    GITHUB_API_URL: standin.url,
    GH_TOKEN: 'bench',
    VISIT_SRE_CONFIG: config,
    VISIT_SRE_NOW: '2027-01-05T19:00:00Z',
  };
  const t0 = performance.now();
  const r = await run(path.join(root, 'bin', 'visit-sre.js'), ['stats', '--since', '2026-01-01', '--until', '2027-01-01', '--json'], env);
  const ms = performance.now() - t0;
  await standin.close();
  if (r.code !== 0) throw new Error(`stats failed: ${r.err}`);
  const listing = standin.graphqlRequests().filter((e) => e.operationName === 'DiscussionsCreated').length;
  return { listing, total: standin.graphqlRequests().length, ms, n };
}

/**
 * `notify` on N discussions with a desk thread (issue #1): reads and writes of
 * a first run, which has everything to send, and of a run at the same instant
 * with nothing new. Imported by bench.mjs.
 */
export async function notifyBudget(root, n, latencyMs = 0) {
  const spec = ordinaryScenario(n);
  spec.repositories[0].issues = [{ number: 1, title: 'Support desk', body: 'Team notes.' }];
  spec.repositories[0].nextNumber = 2;
  spec.repositories[0].discussions.forEach((d, i) => (d.number = 2 + i));
  const standin = await startStandin(spec, { latencyMs });
  const { env: ws, config } = deskWorkspace(root, standin, { token: 'bench', prefix: 'visit-sre-bench-notify-' });
  const env = { ...ws, VISIT_SRE_NOW: '2026-12-01T19:00:00Z' };
  const count = () => {
    const all = standin.graphqlRequests();
    return { reads: all.filter((e) => e.kind === 'query').length, writes: all.filter((e) => e.kind === 'mutation').length };
  };
  standin.setClock(env.VISIT_SRE_NOW);
  const t0 = performance.now();
  const first = await run(path.join(root, 'bin', 'visit-sre.js'), ['notify', '--json'], env);
  const ms = performance.now() - t0;
  if (first.code !== 0) throw new Error(`notify failed: ${first.err}`);
  const one = count();
  // A run sends at most 50, so a backlog of N takes many runs to drain. With an
  // empty escalation only the off-duty notices remain (these threads' owner
  // was Primary a month ago): runs drain them, then a run with nothing left
  // to send is measured.
  writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), escalation: [] }));
  let before = count();
  let idle;
  for (let drain = 0; drain <= Math.ceil(n / 50) + 1; drain++) {
    const again = await run(path.join(root, 'bin', 'visit-sre.js'), ['notify', '--json'], env);
    if (again.code !== 0) throw new Error(`notify failed: ${again.err}`);
    const now = count();
    idle = { reads: now.reads - before.reads, writes: now.writes - before.writes };
    if (idle.writes === 0) break;
    before = now;
  }
  await standin.close();
  return { first: one, second: idle, ms, budget: Math.ceil(n / 50) + 4 };
}

/**
 * A fresh workspace for `notify` against the stand-in: its own home, cache and
 * state, and a config naming the repository's rotation, team and desk thread
 * visit-dav/visit#1. Shared by the notify and watch benches.
 */
export function deskWorkspace(root, standin, { token, prefix }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = path.join(dir, 'visit-sre.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      rotation: path.join(root, 'schedules', 'rotation.ics'),
      team: path.join(root, 'schedules', 'team.json'),
      desk: { thread: 'visit-dav/visit#1' },
    }),
  );
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    XDG_STATE_HOME: path.join(dir, 'state'),
    GITHUB_API_URL: standin.url,
    GH_TOKEN: token,
    VISIT_SRE_CONFIG: config,
  };
  return { env, config };
}
