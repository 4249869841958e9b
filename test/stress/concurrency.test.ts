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

/**
 * SPEC §9 "Concurrency": two runs of a writer started together, as on two
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
  machines = [0, 1].map(() =>
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
        const [a, b] = (await Promise.all(machines.map((m) => runOn(m, args, env)))) as [Result, Result];
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
 * SPEC §8: `sync` checks for a discussion with the entry's client id before
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
      const [a, b] = (await Promise.all(machines.map((m) => runOn(m, ['sync', '--json'], env)))) as [Result, Result];
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
