import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBusinessTime } from '../../src/core/businessTime.js';
import type { Fault, Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { run } from '../support/deps.js';
import { runBin } from '../support/bin.js';
import { desk } from '../support/desk.js';
import { calendar, driveWeek, EXPECTED, isoZ, pst, TICK, weekScenario } from './deskWeek.js';

/** Faults injected at chosen ticks: a 502, a lost answer (applied, then the connection drops), a secondary rate limit. */
const FAULTS: Array<[string, Fault]> = [
  ['2026-11-30T08:00', { type: 'status', status: 502, when: 'query' }],
  ['2026-11-30T09:00', { type: 'lose', when: 'mutation' }],
  ['2026-11-30T11:00', { type: 'secondary', retryAfter: 1, when: 'mutation' }],
  ['2026-11-30T13:00', { type: 'lose', when: 'mutation', times: 2 }],
  ['2026-11-30T15:00', { type: 'status', status: 502, when: 'mutation' }],
  ['2026-12-01T08:00', { type: 'secondary', retryAfter: 1, when: 'query' }],
  ['2026-12-01T14:00', { type: 'lose', when: 'mutation' }],
  ['2026-12-03T08:00', { type: 'status', status: 502, when: 'any', times: 2 }],
  ['2026-12-04T16:00', { type: 'lose', when: 'mutation' }],
  ['2026-12-07T08:00', { type: 'secondary', retryAfter: 1, when: 'mutation' }],
];

/** Ticks where the two runs are real processes of the built binary, started together: a few per day, the rest in-process. */
const AS_PROCESSES = new Set(
  [
    '2026-11-30T13:00',
    '2026-12-01T08:00',
    '2026-12-02T03:00',
    '2026-12-03T08:00',
    '2026-12-04T16:00',
    '2026-12-05T12:00',
    '2026-12-07T08:00',
  ].map((l) => pst(l)),
);

/**
 * The same week, with faults, and with two `notify` runs started together on
 * every tick: nothing doubled, nothing lost, and the desk converges through
 * GitHub alone.
 */
describe('a week at the duty desk, with faults and two runs on every tick', () => {
  let standin: Standin;
  const exits: Array<[string, number | null, string]> = [];

  beforeAll(async () => {
    standin = await startStandin(weekScenario());
    const gh = { url: standin.url, token: standin.token };
    const faults = new Map(FAULTS.map(([l, f]) => [pst(l), f]));
    await driveWeek(
      standin,
      async ({ now, env }) => {
        const fault = faults.get(now);
        if (fault) standin.inject(fault);
        const runs = AS_PROCESSES.has(now)
          ? [0, 1].map(() =>
              runBin(['notify', '--json'], { env: { ...env, VISIT_SRE_NOW: isoZ(now), GITHUB_API_URL: gh.url, GH_TOKEN: gh.token } }),
            )
          : [0, 1].map(() => run(['notify', '--json'], { now: isoZ(now), env, github: gh }));
        for (const r of await Promise.all(runs)) exits.push([isoZ(now), r.code, r.stderr]);
      },
      async ({ now, env }) => {
        const h = await run(['handoff', '--yes', '--json'], { now: isoZ(now), env, github: gh });
        exits.push([`handoff ${isoZ(now)}`, h.code, h.stderr]);
      },
    );
  }, 240_000);

  afterAll(async () => {
    await standin?.close();
  });

  it('every fault fired', () => {
    const fired = standin.log.filter((e) => e.fault).map((e) => e.fault);
    expect(fired.filter((f) => f === 'status').length).toBeGreaterThanOrEqual(4);
    expect(fired.filter((f) => f === 'lose').length).toBeGreaterThanOrEqual(5);
    expect(fired.filter((f) => f === 'secondary').length).toBeGreaterThanOrEqual(3);
  });

  it('each notification is in the feed exactly once, to the right people, and nothing else is', () => {
    const feed = desk(standin).feed.filter((c) => c.keys.length);
    const keys = feed.flatMap((c) => c.keys);
    expect([...keys].sort()).toEqual(EXPECTED.map((e) => e.key).sort());
    for (const e of EXPECTED) {
      const comment = feed.find((c) => c.keys.includes(e.key))!;
      const line = comment.body.split('\n').filter((l) => l.startsWith('- '))[comment.keys.indexOf(e.key)]!;
      expect(line.split(' → ')[1]!.split(' ').sort(), e.key).toEqual(e.to.map((l) => `@${l}`).sort());
    }
    expect(desk(standin).feed.every((c) => c.keys.length > 0)).toBe(true);
  });

  it('no notification went out late by more than one tick, and none outside business hours', () => {
    const comments = standin.store.thread('visit-dav/visit', 1)!.comments;
    for (const c of comments) expect(isBusinessTime(calendar, Date.parse(c.createdAt)), c.createdAt).toBe(true);
    for (const e of EXPECTED) {
      const c = desk(standin).feed.findIndex((x) => x.keys.includes(e.key));
      const at = Date.parse(comments[c]!.createdAt);
      expect(at - e.at, e.key).toBeLessThanOrEqual(TICK);
      expect(at, e.key).toBeGreaterThanOrEqual(e.at);
    }
  });

  it('runs failed only where a fault left no retry, and said so in one or two lines', () => {
    const failed = exits.filter(([, code]) => code !== 0);
    expect(failed.length).toBeLessThanOrEqual(4);
    for (const [, code, stderr] of failed) {
      expect(code).toBe(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('the board at the end is the same as without faults', () => {
    const body = desk(standin).body;
    expect(body.match(/<!-- visit-sre board -->/g)).toHaveLength(1);
    expect(body).toMatch(/### katherine-j \(1 waiting, 4 waiting on users\)/);
  });
});
