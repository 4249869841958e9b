import { afterAll, afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';

/**
 * The fault suite (docs/architecture.md#nothing-lost-nothing-doubled): every writer, under every fault, runs to
 * completion or is completed by one re-run, with nothing missing, nothing
 * doubled and the exit codes of §6. The count of passing cases goes to the README.
 */
const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
const FRIDAY = '2026-12-05T01:00:00Z';
let standin: Standin;
let passed = 0;

afterEach(async () => {
  await standin?.close();
});
afterAll(() => {
  process.stdout.write(`\nfault suite: ${passed} fault scenarios × commands passed\n`);
});

/** `fired` is what the stand-in's log shows when the fault happened: a case whose fault never fired proves nothing. */
type FaultCase = {
  name: string;
  apply(s: Standin): void;
  fired(s: Standin, elapsedMs: number): boolean;
  fix?(s: Standin): void;
  code: number;
  env?: Record<string, string>;
};
const firedOnce = (type: string) => (s: Standin) => s.log.filter((e) => e.fault === type).length === 1;
const FAULTS: FaultCase[] = [
  { name: 'latency 150 ms', apply: (s) => s.setLatency(150), fired: (s, elapsedMs) => s.log.length > 0 && elapsedMs >= 150, code: 0 },
  { name: 'a 502 answer', apply: (s) => s.inject({ type: 'status', status: 502, when: 'mutation' }), fired: firedOnce('status'), code: 0 },
  {
    name: 'a secondary rate limit',
    apply: (s) => s.inject({ type: 'secondary', retryAfter: 1, when: 'mutation' }),
    fired: firedOnce('secondary'),
    code: 0,
  },
  { name: 'a dropped connection', apply: (s) => s.inject({ type: 'drop', when: 'mutation' }), fired: firedOnce('drop'), code: 0 },
  {
    name: 'a stalled request',
    apply: (s) => s.inject({ type: 'stall', when: 'mutation' }),
    fired: firedOnce('stall'),
    code: 0,
    env: { VISIT_SRE_REQUEST_TIMEOUT_MS: '300' },
  },
  { name: 'a lost answer', apply: (s) => s.inject({ type: 'lose', when: 'mutation' }), fired: firedOnce('lose'), code: 0 },
  {
    name: 'the token revoked mid-run',
    apply: (s) => s.inject({ type: 'revoke', when: 'mutation' }),
    fired: firedOnce('revoke'),
    fix: (s) => {
      s.store.token = s.token;
    },
    code: 4,
  },
];

/** `codes`: the first run's exit code where it differs from the fault's usual one. */
type CommandCase = {
  name: string;
  setup?(state: string): Promise<void>;
  args: string[];
  rerun?: string[];
  codes?: Record<string, number>;
  check(s: Standin): void;
};
const snap = () => standin.store.snapshot()[0]!;
const withMarker = (n: number, kind: string) =>
  snap()
    .discussions.find((d) => d.number === n)!
    .comments.filter((c) => c.body.includes(`"kind":"${kind}"`)).length;

const COMMANDS: CommandCase[] = [
  {
    name: 'handoff',
    args: ['handoff', '--yes', '--keep', '102'],
    check: () => {
      for (const n of [101, 106, 107, 108]) expect(withMarker(n, 'handoff')).toBe(1);
      expect(withMarker(105, 'handoff')).toBe(2);
    },
  },
  { name: 'escalate', args: ['escalate', '101', '--to', 'alan-turing'], check: () => expect(withMarker(101, 'escalation')).toBe(1) },
  {
    name: 'resolve --wontfix',
    args: ['resolve', '104', '--wontfix'],
    check: () => {
      expect(withMarker(104, 'resolution')).toBe(1);
      expect(snap().discussions.find((d) => d.number === 104)!.labels).toEqual(['wontfix']);
    },
  },
  {
    name: 'overdue --close-stale',
    args: ['overdue', '--close-stale', '--yes'],
    check: () => {
      expect(withMarker(104, 'stale')).toBe(1);
      expect(snap().discussions.find((d) => d.number === 104)!.answer).toMatch(/haven't heard back/);
    },
  },
  {
    name: 'promote',
    args: ['promote', '105'],
    check: () => {
      expect(snap().issues.filter((i) => i.body.includes('discussions/105'))).toHaveLength(1);
      expect(withMarker(105, 'promotion')).toBe(1);
    },
  },
  {
    name: 'log-call',
    args: ['log-call', '--via', 'hotline', '--title', 'Fault suite call', '--body', 'kept whatever happens'],
    rerun: ['sync'],
    // GitHub refused the token: the call waits in the outbox, which is success (docs/reference.md)
    codes: { 'the token revoked mid-run': 0 },
    check: () => expect(snap().discussions.filter((d) => d.title === 'Fault suite call')).toHaveLength(1),
  },
  {
    name: 'sync',
    setup: async (state) => {
      const down = await startStandin(WEEK);
      const url = down.url;
      await down.close();
      const r = await run(['log-call', '--via', 'email', '--title', 'Queued before the fault', '--body', 'x'], {
        now: FRIDAY,
        env: { VISIT_SRE_CONFIG: CONFIG, XDG_STATE_HOME: state },
        github: { url, token: 'demo-token' },
      });
      expect(r.code).toBe(0);
    },
    args: ['sync'],
    check: () => expect(snap().discussions.filter((d) => d.title === 'Queued before the fault')).toHaveLength(1),
  },
];

describe.each(COMMANDS)('$name under faults', (command) => {
  it.each(FAULTS)('$name: completed in one run or one re-run, nothing doubled', async (fault) => {
    const state = tempDir('visit-sre-faults-');
    await command.setup?.(state);
    standin = await startStandin(WEEK);
    standin.setClock(FRIDAY);
    const sre = (args: string[]) =>
      run(args, {
        now: FRIDAY,
        env: { VISIT_SRE_CONFIG: CONFIG, XDG_STATE_HOME: state, ...fault.env },
        github: { url: standin.url, token: 'demo-token' },
      });
    fault.apply(standin);
    const started = Date.now();
    const first = await sre(command.args);
    expect(fault.fired(standin, Date.now() - started), `the fault "${fault.name}" never happened`).toBe(true);
    expect(first.code, first.stderr).toBe(command.codes?.[fault.name] ?? fault.code);
    expect(first.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    fault.fix?.(standin);
    standin.setLatency(0);
    const second = await sre(command.rerun ?? command.args);
    expect(second.code, second.stderr).toBe(0);
    command.check(standin);
    passed++;
  });
});
