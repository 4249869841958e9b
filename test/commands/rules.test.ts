import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run } from '../support/deps.js';
import { sharedHome } from '../stress/deskWeek.js';
import { desk, deskConfig, deskScenario, mutations } from '../support/desk.js';
import { user } from '../support/scenario.js';

/**
 * The process's rules of engagement (docs/process.md#rules-of-engagement),
 * end to end against the stand-in. The week of Mon Nov 30 2026: Grace is
 * Primary and Edsger Backup; the week before, Ada and Barbara.
 */
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function cli(args: string[], now: string, config: string, env: Record<string, string> = {}) {
  standin?.setClock(now);
  const r = await run(args, { now, env: { VISIT_SRE_CONFIG: config, ...env }, github: { url: standin!.url, token: standin!.token } });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

/** Every login @mentioned by what was ever posted (deleted or edited later, a mention was still delivered). */
function mentioned(s: Standin): string[] {
  const bodies = mutations(s).flatMap((e) => Object.values(e.variables ?? {}).filter((v): v is string => typeof v === 'string'));
  return [...new Set(bodies.flatMap((b) => [...b.matchAll(/(?<![\w\u200b])@([A-Za-z0-9-]+)/g)].map((m) => m[1]!)))].sort();
}

/** The README's paging policy, as a team would copy it into its config. */
function readmePagingPolicy(): unknown {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```json\n("escalation": \[[\s\S]*?\])\n```/g)].map((m) => JSON.parse(`{${m[1]}}`).escalation);
  const paging = blocks.find((b: Array<{ notify: string[] }>) => b.some((r) => r.notify.includes('backup')));
  expect(paging, 'the README shows a paging policy').toBeDefined();
  return paging;
}

describe('notify asks nobody the Primary did not ask for (SPEC §9, §12.1)', () => {
  // Tuesday 09:00: #100 is five business hours overdue, #101 due within the hour, #102 new; nobody answered yet.
  const morning = () =>
    deskScenario([
      { ...user('jdoe', '2026-11-30T16:30:00Z', 'Silo reader crashes'), title: 'Silo crash', category: 'help-using-visit' },
      { ...user('mroe', '2026-11-30T23:00:00Z', 'Mesh question'), title: 'Mesh', category: 'help-using-visit' },
      { ...user('kim', '2026-12-01T16:15:00Z', 'Build fails'), title: 'Build', category: 'help-building-visit' },
    ]);
  const TUE_0900 = '2026-12-01T17:00:00Z';

  it('with the default policy, a morning run asks only the acting Primary', async () => {
    standin = await startStandin(morning());
    const r = await cli(['notify', '--json'], TUE_0900, deskConfig());
    expect(r.code, r.stderr).toBe(0);
    const sent = r.json().notifications.map((n: { key: string; to: string[] }) => [n.key.replace(/@.*:/, ':'), n.to]);
    expect(sent).toEqual(
      expect.arrayContaining([
        ['100:overdue', ['grace-hopper']],
        ['101:due-soon', ['grace-hopper']],
        ['102:new', ['grace-hopper']],
      ]),
    );
    expect(mentioned(standin)).toEqual(['grace-hopper']);
  });

  it("a team's paging policy, copied from the README, still asks the Backup and then the team", async () => {
    standin = await startStandin(morning());
    const r = await cli(['notify', '--json'], TUE_0900, deskConfig({ escalation: readmePagingPolicy() }));
    expect(r.code, r.stderr).toBe(0);
    const to = (key: string) => r.json().notifications.find((n: { key: string }) => n.key.startsWith('100@') && n.key.endsWith(key))?.to;
    expect(to(':overdue')).toEqual(['grace-hopper', 'edsger-d']);
    expect(to(':overdue+2h')).toHaveLength(6);
    expect(mentioned(standin)).toEqual(['ada-lovelace', 'alan-turing', 'barbara-l', 'edsger-d', 'grace-hopper', 'katherine-j']);
  });
});

describe('delegation by mutual agreement (SPEC §12.2), each step read on another machine', () => {
  const TOKENS = { 'edsger-token': 'edsger-d', 'alan-token': 'alan-turing' };
  /** A machine of its own: its own home, cache and state; signed in as one person. */
  const machine = (token?: string): Record<string, string> => ({ ...sharedHome(), ...(token ? { GH_TOKEN: token } : {}) });
  const marker = (fields: Record<string, unknown>) => `<!-- visit-sre ${JSON.stringify({ v: 1, ...fields })} -->`;
  const at = (local: string) => new Date(Date.parse(`${local}-08:00`)).toISOString().replace('.000Z', 'Z');

  it("a non-Primary's delegation changes nothing for any reader: who, start, notify, escalate and the board", async () => {
    // Alan, not on duty, posted two delegations and accepted both: one in his own name, one naming Grace as if she had handed him the role.
    const forged = [
      marker({
        kind: 'delegate',
        from: 'alan-turing',
        to: 'alan-turing',
        start: at('2026-11-30T08:00'),
        until: at('2026-11-30T17:00'),
        key: 'f1',
      }),
      marker({
        kind: 'delegate',
        from: 'grace-hopper',
        to: 'alan-turing',
        start: at('2026-11-30T08:00'),
        until: at('2026-11-30T17:00'),
        key: 'f2',
      }),
      marker({ kind: 'delegate-accept', proposal: 'f1', key: 'delegate-accept:f1' }),
      marker({ kind: 'delegate-accept', proposal: 'f2', key: 'delegate-accept:f2' }),
    ].map((m, i) => ({
      author: 'alan-turing',
      association: 'MEMBER',
      createdAt: at(`2026-11-30T07:0${i}`),
      body: `**Delegation:** …\n\n${m}`,
    }));
    const s = deskScenario(
      [{ ...user('jdoe', at('2026-11-30T08:30'), 'Silo reader crashes'), title: 'Silo crash', category: 'help-using-visit' }],
      forged,
    );
    (s as { tokens?: Record<string, string> }).tokens = TOKENS;
    standin = await startStandin(s);
    const config = deskConfig();
    const refused = await cli(['delegate', '--to', 'alan-turing', '--until', '+3h'], at('2026-11-30T09:00'), config, machine('alan-token'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^error: only the acting Primary may propose a delegation: at Mon Nov 30, 09:00 PST that is @grace-hopper, not @alan-turing$/m,
    );

    const b = machine();
    const who = (await cli(['who', '--json'], at('2026-11-30T09:05'), config, b)).json();
    expect(who).toMatchObject({
      actingPrimary: { login: 'grace-hopper', reason: 'rota' },
      actingBackup: { login: 'edsger-d' },
      delegation: null,
    });
    const start = (await cli(['start', '--json'], at('2026-11-30T09:20'), config, machine())).json();
    expect(start).toMatchObject({ actingPrimary: 'grace-hopper', actingBackup: 'edsger-d' });
    expect(start.discussions.map((d: { owner: string }) => d.owner)).toEqual(['grace-hopper']);
    const notify = (await cli(['notify', '--json'], at('2026-11-30T09:35'), config, machine())).json();
    expect(notify.notifications.map((n: { to: string[] }) => n.to)).toEqual([['grace-hopper']]);
    expect(desk(standin).body).toMatch(
      /\*\*On duty:\*\* Primary \[grace-hopper\]\(https:\/\/github.com\/grace-hopper\) · Backup \[edsger-d\]\(https:\/\/github.com\/edsger-d\)\n/,
    );
    const escalate = await cli(['escalate', '100', '--json'], at('2026-11-30T09:50'), config, machine());
    expect(escalate.code, escalate.stderr).toBe(0);
    expect(standin.store.snapshot()[0]!.discussions[0]!.comments.at(-1)!.body).toMatch(/^@edsger-d, could you help with this one\?/);
  });

  it("a Primary's proposal changes nothing until the delegate accepts; cancelling gives the role back", async () => {
    const s = deskScenario([]);
    (s as { tokens?: Record<string, string> }).tokens = TOKENS;
    standin = await startStandin(s);
    const config = deskConfig();
    const grace = machine();
    const edsger = machine('edsger-token');
    const other = machine();
    const read = async (local: string) => (await cli(['who', '--json'], at(local), config, other)).json();

    const proposed = await cli(['delegate', '--until', '2026-11-30T15:00', '--json'], at('2026-11-30T09:00'), config, grace);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stderr).toMatch(/^warning: nothing changes until @edsger-d accepts/m);
    expect(await read('2026-11-30T09:10')).toMatchObject({
      actingPrimary: { login: 'grace-hopper', reason: 'rota' },
      delegation: { from: 'grace-hopper', to: 'edsger-d', start: '2026-11-30T17:00:00Z', until: '2026-11-30T23:00:00Z', state: 'proposed' },
    });

    const accepted = await cli(['delegate', '--accept', '--json'], at('2026-11-30T09:30'), config, edsger);
    expect(accepted.code, accepted.stderr).toBe(0);
    const feed = desk(standin).feed;
    expect(feed.map((c) => c.author)).toEqual(['grace-hopper', 'edsger-d']);
    expect(feed[1]!.body).toMatch(/^\*\*Delegation accepted:\*\* @edsger-d acts as Primary for @grace-hopper from Mon Nov 30, 09:30 PST/);
    expect(await read('2026-11-30T09:40')).toMatchObject({
      actingPrimary: { login: 'edsger-d', reason: 'delegation', until: '2026-11-30T23:00:00Z' },
      delegation: { to: 'edsger-d', start: '2026-11-30T17:30:00Z', state: 'accepted' },
    });

    const cancelled = await cli(['delegate', '--cancel', '--json'], at('2026-11-30T10:00'), config, grace);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(desk(standin).feed[2]!.body).toMatch(
      /^\*\*Delegation cancelled:\*\* @grace-hopper ends the delegation from @grace-hopper to @edsger-d/,
    );
    expect(await read('2026-11-30T10:10')).toMatchObject({ actingPrimary: { login: 'grace-hopper', reason: 'rota' }, delegation: null });
    const again = await cli(['delegate', '--cancel'], at('2026-11-30T10:20'), config, edsger);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^error: @edsger-d has no delegation to cancel/);
  });
});
