import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { formatMarker } from '../../src/core/markers.js';
import type { Fault, Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run } from '../support/deps.js';

const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
const FRIDAY = '2026-12-05T01:00:00Z';
let standin: Standin;

afterEach(async () => {
  await standin?.close();
});

async function sre(args: string[]) {
  standin.setClock(FRIDAY);
  const r = await run(args, { now: FRIDAY, env: { VISIT_SRE_CONFIG: CONFIG }, github: { url: standin.url, token: standin.token } });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

/** Every discussion's comments carrying a marker of this kind, by discussion number. */
function markerCounts(kind: string): Record<number, number> {
  const out: Record<number, number> = {};
  for (const d of standin.store.snapshot()[0]!.discussions) {
    const n = d.comments.filter((c) => c.body.includes(`"kind":"${kind}"`)).length;
    if (n) out[d.number] = n;
  }
  return out;
}

const ONCE_EACH = { 101: 1, 105: 2, 106: 1, 107: 1, 108: 1 }; // #105 already had Ada's handoff

describe('writers under faults: nothing missing, nothing doubled', () => {
  it.each<[string, Fault]>([
    ['a 502 on a comment (not applied)', { type: 'status', status: 502, when: 'mutation' }],
    ['a lost answer (applied, connection dropped)', { type: 'lose', when: 'mutation' }],
    ['a dropped connection before the write', { type: 'drop', when: 'mutation' }],
    ['a secondary rate limit with retry-after', { type: 'secondary', retryAfter: 1, when: 'mutation' }],
  ])('handoff survives %s in one run', async (_name, fault) => {
    standin = await startStandin(WEEK);
    standin.inject({ ...fault, times: 1 });
    const r = await sre(['handoff', '--yes', '--json', '--keep', '102']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions.filter((a: { status: string }) => a.status === 'done')).toHaveLength(6);
    expect(markerCounts('handoff')).toEqual(ONCE_EACH);
    expect(markerCounts('keep')).toEqual({ 102: 1 });
  });

  it('a persistent outage fails part-way (exit 1), and one re-run completes it', async () => {
    standin = await startStandin(WEEK);
    standin.inject({ type: 'status', status: 503, when: 'mutation', times: 2 });
    standin.setClock(FRIDAY);
    // the first comment fails twice: the write and its one careful retry
    const first = await sre(['handoff', '--yes', '--json', '--keep', '102']);
    expect(first.code).toBe(1);
    const statuses = first.json().actions.map((a: { status: string }) => a.status);
    expect(statuses).toContain('failed');
    const second = await sre(['handoff', '--yes', '--json', '--keep', '102']);
    expect(second.code, second.stderr).toBe(0);
    expect(markerCounts('handoff')).toEqual(ONCE_EACH);
    expect(markerCounts('keep')).toEqual({ 102: 1 });
  });

  it('a token revoked mid-run exits 4, and a re-run with a good token completes', async () => {
    standin = await startStandin(WEEK);
    const store = standin.store;
    standin.setClock(FRIDAY);
    // the revoke fault hits the first mutation: reads went through, writes are refused
    standin.inject({ type: 'revoke', when: 'mutation' });
    const r = await sre(['handoff', '--yes', '--json', '--keep', '102']);
    expect(r.code).toBe(4);
    expect(r.json().actions.filter((a: { status: string }) => a.status === 'failed')).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/401 Bad credentials/) }),
    ]);
    expect(markerCounts('handoff')).toEqual({ 105: 1 });
    store.token = standin.token;
    const again = await sre(['handoff', '--yes', '--json', '--keep', '102']);
    expect(again.code, again.stderr).toBe(0);
    expect(markerCounts('handoff')).toEqual(ONCE_EACH);
  });

  it('promote survives a lost answer on createIssue: one issue, one link', async () => {
    standin = await startStandin(WEEK);
    standin.inject({ type: 'lose', when: 'mutation' });
    const r = await sre(['promote', '105', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const issues = standin.store.snapshot()[0]!.issues.filter((i) => i.body.includes('discussions/105'));
    expect(issues).toHaveLength(1);
    expect(markerCounts('promotion')).toEqual({ 105: 1 });
  });

  it('escalate and resolve --wontfix survive a lost answer', async () => {
    standin = await startStandin(WEEK);
    standin.inject({ type: 'lose', when: 'mutation' });
    expect((await sre(['escalate', '101', '--to', 'alan-turing'])).code).toBe(0);
    standin.inject({ type: 'lose', when: 'mutation' });
    expect((await sre(['resolve', '104', '--wontfix'])).code).toBe(0);
    expect(markerCounts('escalation')).toEqual({ 101: 1 });
    expect(markerCounts('resolution')).toEqual({ 104: 1 });
    expect(standin.store.snapshot()[0]!.discussions.find((d) => d.number === 104)!.labels).toEqual(['wontfix']);
  });

  it('after a 502 on the create, an older identical escalation by someone else is not taken for this one', async () => {
    const week = JSON.parse(readFileSync(WEEK, 'utf8'));
    const body = `@alan-turing, could you help with this one?\n\n${formatMarker({ kind: 'escalation', to: ['alan-turing'], key: 'escalation/alan-turing' })}`;
    week.repositories[0].discussions.find((d: { number: number }) => d.number === 101).comments = [
      { author: 'ada-lovelace', association: 'MEMBER', createdAt: '2026-12-03T18:00:00Z', body },
    ];
    standin = await startStandin(week);
    standin.inject({ type: 'status', status: 502, when: 'mutation' });
    const r = await sre(['escalate', '101', '--to', 'alan-turing', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const comments = standin.store.snapshot()[0]!.discussions.find((d) => d.number === 101)!.comments;
    expect(comments.map((c) => c.author)).toEqual(['ada-lovelace', 'grace-hopper']);
  });

  it('mutations are never concurrent and are spaced as configured', async () => {
    standin = await startStandin(WEEK);
    await sre(['handoff', '--yes', '--keep', '102']);
    const writes = standin.log.filter((e) => e.kind === 'mutation');
    expect(writes).toHaveLength(6); // five handoff comments and the keep note
    for (let i = 1; i < writes.length; i++) expect(writes[i]!.at - writes[i - 1]!.at).toBeGreaterThanOrEqual(5);
  });
});
