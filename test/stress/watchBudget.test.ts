import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { WATCH_START, watchChanges, watchScenario } from '../support/watchScenario.mjs';

/**
 * docs/process.md#cost-of-a-watch: at 1,000 open inquiries, notify every 15
 * minutes stays within a workflow token's 1,000 points an hour. A first run
 * with no state, then four runs 15 minutes apart (an hour) with a few changes
 * before each: a new question, a user's follow-up, a team reply. Points are
 * GitHub's published formula, computed by the stand-in for every call it
 * answered. The same runs, each in a fresh workspace (a new runner with no
 * cache), must end with the same board and the same notifications.
 */
const N = 1000;
const RUNS = 4;
/** What one run cost before the watch kept state (measured at 1,000 inquiries). */
const BEFORE = 237;

interface Run {
  at: string;
  points: number;
  cost: { points: number; requests: number };
  keys: string[];
}

async function series(fresh: boolean): Promise<{ runs: Run[]; board: string; posted: string[]; standin: Standin }> {
  const standin = await startStandin(watchScenario(N));
  const config = path.join(tempDir('visit-sre-watch-'), 'visit-sre.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      rotation: path.join(REPO_ROOT, 'schedules', 'rotation.ics'),
      team: path.join(REPO_ROOT, 'schedules', 'team.json'),
      desk: { thread: 'visit-dav/visit#1' },
    }),
  );
  let cache = tempDir('visit-sre-watch-cache-');
  const runs: Run[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const at = new Date(Date.parse(WATCH_START) + i * 15 * 60_000).toISOString().replace('.000Z', 'Z');
    if (i > 0) watchChanges(standin.store, i, at);
    if (fresh) cache = tempDir('visit-sre-watch-cache-');
    standin.setClock(at);
    const from = standin.log.length;
    const r = await run(['notify', '--json'], {
      now: at,
      env: { VISIT_SRE_CONFIG: config, XDG_CACHE_HOME: cache },
      github: { url: standin.url, token: standin.token },
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    runs.push({
      at,
      points: standin.points(from),
      cost: out.cost,
      keys: out.notifications.filter((n: { status: string }) => n.status === 'done').flatMap((n: { covers: string[] }) => n.covers),
    });
  }
  // Every notify comment posted, from the log of writes: what reached people, deleted since or not.
  const posted = standin.log
    .filter((e) => e.kind === 'mutation' && typeof e.variables?.body === 'string' && /"kind":"notify"/.test(e.variables.body as string))
    .flatMap((e) => JSON.parse(/<!-- visit-sre (\{.*\}) -->\s*$/.exec(e.variables!.body as string)![1]!).keys as string[]);
  return { runs, board: standin.store.thread('visit-dav/visit', 1)!.body, posted, standin };
}

describe(`the watch at ${N} open inquiries`, () => {
  let warm: Awaited<ReturnType<typeof series>>;
  let cold: Awaited<ReturnType<typeof series>>;
  beforeAll(async () => {
    warm = await series(false);
    cold = await series(true);
  }, 600_000);
  afterAll(async () => {
    await warm?.standin.close();
    await cold?.standin.close();
  });

  it('a first run costs no more than before; each later run at most 12 points, an hour of them at most 50', () => {
    const [first, ...later] = warm.runs;
    expect(first!.points).toBeLessThanOrEqual(BEFORE);
    for (const r of later) expect(r.points, r.at).toBeLessThanOrEqual(12);
    expect(later.reduce((sum, r) => sum + r.points, 0)).toBeLessThanOrEqual(50);
    // Each run without state costs what the first did, give or take what it sends.
    for (const r of cold.runs.slice(1)) expect(r.points, r.at).toBeGreaterThan(100);
  });

  it('notify --json says what each run cost, as GitHub counts it', () => {
    for (const r of [...warm.runs, ...cold.runs]) expect(r.cost.points, r.at).toBe(r.points);
    expect(warm.runs.every((r) => r.cost.requests > 0)).toBe(true);
  });

  it('the runs that kept state decide as the runs that read everything: the same board, the same notifications', () => {
    expect(warm.runs.map((r) => r.keys)).toEqual(cold.runs.map((r) => r.keys));
    expect(warm.posted.sort()).toEqual(cold.posted.sort());
    expect(warm.board).toBe(cold.board);
    // Not a vacuous sameness: the changes reached the board and the feed.
    expect(warm.board).toMatch(/New question 4/);
    expect(warm.runs.slice(1).some((r) => r.keys.length > 0)).toBe(true);
  });

  it('no key was posted twice', () => {
    expect(new Set(warm.posted).size).toBe(warm.posted.length);
  });
});
