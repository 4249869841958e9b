import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { withMarker } from '../../src/core/markers.js';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, tempDir } from '../support/deps.js';
import { EVENTS, EXPECTED, isoZ, pst, weekConfig, weekScenario } from './deskWeek.js';

/**
 * docs/process.md#duty-desk "Concurrency": two runs of a writer started together, as on two
 * machines (no shared lock, no shared memory), leave each comment exactly
 * once. Two worker processes each run the built CLI; every repetition starts
 * the same command in both at the same instant against a fresh stand-in, then
 * counts the tool's comments by marker kind. (Long-lived workers, so that 60
 * races cost seconds, not Node's start-up 120 times.)
 */
const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
const FRIDAY = '2026-12-05T01:00:00Z';
const REPETITIONS = 20;
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

type Result = { code: number; stdout: string; stderr: string };
let machines: ChildProcess[] = [];
beforeAll(() => {
  machines = [0, 1, 2].map(() =>
    fork(path.join(REPO_ROOT, 'test', 'support', 'raceWorker.mjs'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
});
afterAll(() => {
  for (const m of machines) m.kill();
});
function runOn(machine: ChildProcess, args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    machine.once('message', (r) => resolve(r as Result));
    machine.send({ args, env });
  });
}

const CASES = [
  {
    name: 'handoff --yes',
    args: ['handoff', '--yes', '--keep', '102'],
    kind: 'handoff',
    expected: { 101: 1, 105: 2, 106: 1, 107: 1, 108: 1 },
  },
  { name: 'escalate 101', args: ['escalate', '101', '--to', 'alan-turing'], kind: 'escalation', expected: { 101: 1 } },
  { name: 'overdue --close-stale --yes', args: ['overdue', '--close-stale', '--yes'], kind: 'stale', expected: { 104: 1 } },
];

function counts(s: Standin, kind: string): Record<number, number> {
  const out: Record<number, number> = {};
  for (const d of s.store.snapshot()[0]!.discussions) {
    const n = d.comments.filter((c) => c.body.includes(`"kind":"${kind}"`)).length;
    if (n) out[d.number] = n;
  }
  return out;
}

describe('two runs started together on two machines', () => {
  it.each(CASES)(
    '$name: every comment exactly once, in 20 of 20 races',
    async ({ args, kind, expected }) => {
      const doubled: string[] = [];
      const cache = tempDir('visit-sre-race-');
      for (let i = 0; i < REPETITIONS; i++) {
        standin = await startStandin(WEEK);
        standin.setClock(FRIDAY);
        const env = {
          GITHUB_API_URL: standin.url,
          GH_TOKEN: standin.token,
          VISIT_SRE_CONFIG: CONFIG,
          VISIT_SRE_NOW: FRIDAY,
          VISIT_SRE_RETRY_BASE_MS: '1',
          VISIT_SRE_MUTATION_SPACING_MS: '5',
          XDG_CACHE_HOME: cache,
          XDG_STATE_HOME: cache,
        };
        const [a, b] = (await Promise.all(machines.slice(0, 2).map((m) => runOn(m, args, env)))) as [Result, Result];
        expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
        const got = counts(standin, kind);
        if (JSON.stringify(got) !== JSON.stringify(expected)) doubled.push(`race ${i + 1}: ${JSON.stringify(got)}`);
        await standin.close();
        standin = undefined;
      }
      expect(doubled).toEqual([]);
    },
    120_000,
  );
});

/**
 * notify on two and three machines started on the same tick, writes taking
 * 300 ms as GitHub's may: a mention that was posted has notified, whether the
 * comment is deleted afterwards or not. So every notification key must be in
 * exactly one posted comment, counted from the stand-in's log of writes, and
 * no reservation may mention anyone.
 */
const TICKS = [
  '2026-11-30T08:00',
  '2026-11-30T09:00',
  '2026-11-30T11:00',
  '2026-11-30T13:00',
  '2026-11-30T15:00',
  '2026-12-01T08:00',
  '2026-12-01T14:00',
  '2026-12-03T08:00',
].map(pst);

describe.each([2, 3])('notify on %i machines started together', (count) => {
  it('every key is in one posted comment, and its mentions went out once', async () => {
    standin = await startStandin(weekScenario(), { writeLatencyMs: 300 });
    const config = weekConfig();
    const caches = machines.slice(0, count).map(() => tempDir('visit-sre-race-notify-'));
    let next = 0;
    for (const now of TICKS) {
      while (next < EVENTS.length && EVENTS[next]!.at <= now) EVENTS[next++]!.apply(standin.store as never);
      standin.setClock(isoZ(now));
      const results = await Promise.all(
        machines.slice(0, count).map((m, i) =>
          runOn(m, ['notify', '--json'], {
            GITHUB_API_URL: standin!.url,
            GH_TOKEN: standin!.token,
            VISIT_SRE_CONFIG: config,
            VISIT_SRE_NOW: isoZ(now),
            VISIT_SRE_RETRY_BASE_MS: '1',
            VISIT_SRE_MUTATION_SPACING_MS: '5',
            XDG_CACHE_HOME: caches[i]!,
            XDG_STATE_HOME: caches[i]!,
          }),
        ),
      );
      for (const r of results) expect(r.code, r.stderr).toBe(0);
    }
    const posted = standin.log
      .filter((e) => e.kind === 'mutation' && e.status === 200 && typeof e.variables?.body === 'string')
      .map((e) => e.variables!.body as string);
    const marker = (body: string) =>
      JSON.parse(/<!-- visit-sre (\{.*\}) -->\s*$/.exec(body)?.[1] ?? '{}') as { kind?: string; keys?: string[] };
    const sent = posted.filter((b) => marker(b).kind === 'notify').flatMap((b) => marker(b).keys ?? []);
    const counts = new Map<string, number>();
    for (const k of sent) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    // The notifications of those days all went out, and the races were real: runs reserved and lost.
    expect([...counts.keys()].sort()).toEqual(
      EXPECTED.filter((e) => e.at <= TICKS.at(-1)!)
        .map((e) => e.key)
        .sort(),
    );
    const reservations = posted.filter((b) => marker(b).kind === 'reserve');
    expect(reservations.length).toBeGreaterThan(TICKS.length);
    for (const b of reservations) expect(b.replace(/<!-- visit-sre .* -->\s*$/, '')).not.toMatch(/@/);
    // Each reservation removed itself, and the feed holds each key once.
    const feed = standin.store.thread('visit-dav/visit', 1)!.comments.map((c) => marker(c.body));
    expect(feed.filter((m) => m.kind === 'reserve')).toEqual([]);
    expect(feed.flatMap((m) => (m.kind === 'notify' ? (m.keys ?? []) : [])).sort()).toEqual([...counts.keys()].sort());
  }, 240_000);
});

/**
 * docs/architecture.md#nothing-lost-nothing-doubled: `sync` checks for a discussion with the entry's client id before
 * creating one, and every writer is idempotent under concurrency. Two `sync`
 * processes started together on one outbox entry, then a third run: exactly
 * one discussion with that client id is left, however the two interleaved.
 */
describe('two sync runs started together on one outbox entry', () => {
  it('leave exactly one discussion, in 20 of 20 races, and a third run adds none', async () => {
    const wrong: string[] = [];
    let raced = 0;
    for (let i = 0; i < REPETITIONS; i++) {
      standin = await startStandin(WEEK);
      standin.setClock(FRIDAY);
      const state = tempDir('visit-sre-sync-race-');
      const id = randomUUID();
      const entry = {
        v: 1,
        id,
        queuedAt: '2026-12-04T23:00:00Z',
        repository: 'visit-dav/visit',
        category: null,
        label: null,
        title: 'Hotline: Silo files from 2019 will not open',
        body: withMarker('**Inquiry logged from a hotline contact.**\n\nold Silo files', 'contact', {
          via: 'hotline',
          at: '2026-12-04T22:50:00Z',
          handler: 'ada-lovelace',
          id,
        }),
        reason: 'GitHub could not be reached',
      };
      mkdirSync(path.join(state, 'visit-sre', 'outbox'), { recursive: true });
      writeFileSync(path.join(state, 'visit-sre', 'outbox', `20261204T230000Z-${id}.json`), JSON.stringify(entry));
      const env = {
        GITHUB_API_URL: standin.url,
        GH_TOKEN: standin.token,
        VISIT_SRE_CONFIG: CONFIG,
        VISIT_SRE_NOW: FRIDAY,
        VISIT_SRE_RETRY_BASE_MS: '1',
        VISIT_SRE_MUTATION_SPACING_MS: '5',
        XDG_CACHE_HOME: state,
        XDG_STATE_HOME: state,
      };
      const [a, b] = (await Promise.all(machines.slice(0, 2).map((m) => runOn(m, ['sync', '--json'], env)))) as [Result, Result];
      expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
      const third = await runOn(machines[0]!, ['sync', '--json'], env);
      expect(third.code, third.stderr).toBe(0);
      const copies = standin.store.snapshot()[0]!.discussions.filter((d) => d.body.includes(`"id":"${id}"`));
      const created = standin.log.filter((e) => e.operationName === 'CreateDiscussion' && e.status === 200).length;
      if (created > 1) raced++;
      if (copies.length !== 1 || created > 2) wrong.push(`race ${i + 1}: ${copies.length} left of ${created} created`);
      await standin.close();
      standin = undefined;
    }
    expect(wrong).toEqual([]);
    // The race this guards against really ran: both processes created a copy at least once.
    expect(raced).toBeGreaterThan(0);
  }, 120_000);
});
