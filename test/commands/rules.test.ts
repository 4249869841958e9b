import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run } from '../support/deps.js';
import { sharedHome } from '../stress/deskWeek.js';
import { desk, deskConfig, deskScenario, mutations } from '../support/desk.js';
import { team, user } from '../support/scenario.js';
import { parseMarker } from '../../src/core/markers.js';

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

describe('notify asks nobody the Primary did not ask for (docs/process.md#duty-desk, §12.1)', () => {
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
    // Both stages hold at once: one line, at the more urgent (the team), covering the Backup's.
    const lines = r.json().notifications.filter((n: { key: string }) => n.key.startsWith('100@'));
    expect(lines).toHaveLength(1);
    expect(lines[0].key).toMatch(/:overdue\+2h$/);
    expect(lines[0].to).toHaveLength(6);
    expect(lines[0].covers.some((k: string) => k.endsWith(':overdue'))).toBe(true);
    expect(mentioned(standin)).toEqual(['ada-lovelace', 'alan-turing', 'barbara-l', 'edsger-d', 'grace-hopper', 'katherine-j']);
  });
});

describe('delegation by mutual agreement (docs/process.md#delegation), each step read on another machine', () => {
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

describe('a proposal nobody accepted (docs/process.md#delegation)', () => {
  it('never takes effect, and notify tells its Primary once', async () => {
    standin = await startStandin(deskScenario([]));
    const config = deskConfig();
    const p = await cli(['delegate', '--from', '2026-11-30T13:00', '--until', '2026-11-30T15:00'], '2026-11-30T17:00:00Z', config);
    expect(p.code, p.stderr).toBe(0);
    const during = (await cli(['who', '--at', '2026-11-30T14:00', '--json'], '2026-11-30T22:00:00Z', config)).json();
    expect(during.actingPrimary).toMatchObject({ login: 'grace-hopper', reason: 'rota' });
    const early = (await cli(['notify', '--json'], '2026-11-30T22:45:00Z', config)).json();
    expect(early.notifications.map((n: { when: string }) => n.when)).not.toContain('delegate-expired');
    const after = (await cli(['notify', '--json'], '2026-11-30T23:15:00Z', config)).json();
    expect(after.notifications.filter((n: { when: string }) => n.when === 'delegate-expired')).toEqual([
      expect.objectContaining({ to: ['grace-hopper'], status: 'done' }),
    ]);
    expect(desk(standin).feed.at(-1)!.body).toMatch(
      /- ⌛ The delegation grace-hopper proposed to edsger-d from Mon Nov 30, 13:00 PST until Mon Nov 30, 15:00 PST expired before edsger-d accepted it: the Primary role stayed with grace-hopper\. → @grace-hopper/,
    );
    const again = (await cli(['notify', '--json'], '2026-11-30T23:30:00Z', config)).json();
    expect(again.notifications.map((n: { when: string }) => n.when)).not.toContain('delegate-expired');
    expect(mentioned(standin)).toEqual(['edsger-d', 'grace-hopper']);
  });
});

describe('an enlisted developer may decline, and tells the Primary (docs/process.md#declining)', () => {
  const inquiry = () => {
    const s = deskScenario([
      { ...user('jdoe', '2026-11-30T16:30:00Z', 'Silo reader crashes'), title: 'Silo crash', category: 'help-using-visit' },
    ]);
    (s as { tokens?: Record<string, string> }).tokens = {
      'edsger-token': 'edsger-d',
      'ada-token': 'ada-lovelace',
      'alan-token': 'alan-turing',
    };
    return s;
  };
  const comments = (s: Standin) => s.store.snapshot()[0]!.discussions.find((d) => d.number === 100)!.comments;
  const posted = (s: Standin) =>
    mutations(s).filter((e) => e.operationName === 'DiscussionComment' || /Comment/.test(e.operationName ?? ''));

  it('decline posts one comment @mentioning the acting Primary; the next escalate proposes someone else', async () => {
    standin = await startStandin(inquiry());
    const config = deskConfig();
    expect((await cli(['escalate', '100'], '2026-11-30T18:00:00Z', config)).code).toBe(0);
    expect(comments(standin).at(-1)!.body).toMatch(/^@edsger-d, could you help/);
    const before = posted(standin).length;
    const edsger = { GH_TOKEN: 'edsger-token' };
    const r = await cli(['decline', '100', '--reason', 'deep in the 3.5 release', '--json'], '2026-11-30T18:30:00Z', config, edsger);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions).toEqual([expect.objectContaining({ kind: 'decline', number: 100, status: 'done' })]);
    expect(posted(standin).length - before).toBe(1);
    const decline = comments(standin).at(-1)!;
    expect(decline.author).toBe('edsger-d');
    expect(decline.body).toMatch(
      /^@grace-hopper: @edsger-d can't take this one on; please ask someone else\.\n> deep in the 3\.5 release\n/,
    );
    const again = await cli(['decline', '100', '--json'], '2026-11-30T18:35:00Z', config, edsger);
    expect(again.json().actions[0]).toMatchObject({ status: 'skipped' });
    expect(posted(standin).length - before).toBe(1);

    const next = await cli(['escalate', '100'], '2026-11-30T19:00:00Z', config);
    expect(next.code).toBe(2);
    expect(next.stderr).toMatch(/^error: #100 was escalated before \(to @edsger-d\), and @edsger-d declined it; choose who to ask next$/m);
    expect(next.stderr).toMatch(/not yet asked: ada-lovelace \(experienced\), alan-turing \(experienced\), katherine-j, barbara-l/);
    const offered: string[][] = [];
    const tty = await run(['escalate', '100'], {
      now: '2026-11-30T19:05:00Z',
      tty: true,
      env: { VISIT_SRE_CONFIG: config },
      github: { url: standin.url, token: standin.token },
      prompter: {
        checkbox: async (_m: string, choices: Array<{ value: string }>) => {
          offered.push(choices.map((c) => c.value));
          return ['alan-turing'];
        },
      } as never,
    });
    expect(tty.code, tty.stderr).toBe(0);
    expect(offered).toEqual([['ada-lovelace', 'alan-turing', 'katherine-j', 'barbara-l']]);
    expect(comments(standin).at(-1)!.body).toMatch(/^@alan-turing, could you help/);

    const view = (await cli(['view', '100', '--json'], '2026-11-30T19:10:00Z', config)).json();
    expect(view.events.map((e: { what: string }) => e.what)).toContain('Declined by @edsger-d: deep in the 3.5 release');
    expect(view.state).toBe('waiting-on-team');
    const pm = await cli(['postmortem', '100', '--dry-run'], '2026-11-30T19:10:00Z', config);
    expect(pm.stdout).toMatch(/^- 2026-11-30 10:30 PST: Declined by @edsger-d: deep in the 3\.5 release$/m);
  });

  it('someone no escalation asked cannot decline', async () => {
    standin = await startStandin(inquiry());
    const r = await cli(['decline', '100'], '2026-11-30T18:30:00Z', deskConfig(), { GH_TOKEN: 'ada-token' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: @ada-lovelace was not asked about #100/);
    expect(mutations(standin)).toHaveLength(0);
  });

  it('with no acting Backup (the Backup away, the role delegated), escalate says so and asks for --to, claiming nothing', async () => {
    standin = await startStandin(inquiry());
    const config = deskConfig();
    const ok = async (args: string[], now: string, token?: string) => {
      const r = await cli(args, now, config, token ? { GH_TOKEN: token } : {});
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    };
    await ok(['away', '--until', '2026-11-30T17:00', '--note', 'conference'], '2026-11-30T16:40:00Z', 'edsger-token');
    await ok(['away', '--until', '2026-11-30T17:00'], '2026-11-30T16:41:00Z', 'ada-token');
    await ok(['delegate', '--to', 'alan-turing', '--until', '2026-11-30T17:00'], '2026-11-30T16:42:00Z');
    await ok(['delegate', '--accept'], '2026-11-30T16:43:00Z', 'alan-token');
    const r = await cli(['escalate', '100'], '2026-11-30T18:00:00Z', config, { GH_TOKEN: 'alan-token' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: nobody can act as Backup now .*, so #100 has no default to ask; choose who to ask$/m);
    expect(r.stderr).toMatch(/pass --to LOGIN/);
    expect(r.stderr).not.toMatch(/escalated before|nobody on duty/);
    expect(comments(standin)).toHaveLength(0);
  });
});

describe('no inquiry left with someone off duty (docs/process.md#off-duty-owners)', () => {
  // #100 was asked on Wed Nov 4, in Alan's week as Primary, and never handed off; the user wrote again on Monday.
  const lastMonth = () =>
    deskScenario([
      {
        ...user('jdoe', '2026-11-04T17:00:00Z', 'The Silo reader crashes'),
        title: 'Silo crash',
        category: 'help-using-visit',
        comments: [
          team('alan-turing', '2026-11-04T18:00:00Z', 'Which version?'),
          user('jdoe', '2026-11-30T16:30:00Z', 'Still crashing in 3.4'),
        ],
      },
    ]);
  const thread100 = (s: Standin) => s.store.snapshot()[0]!.discussions.find((d) => d.number === 100)!;

  it("last month's Primary's inquiry is listed off duty, its notices go to the acting Primary once, and the week's handoff takes it", async () => {
    standin = await startStandin(lastMonth());
    const config = deskConfig();
    const monday = (await cli(['start', '--json'], '2026-11-30T17:00:00Z', config)).json();
    expect(monday.offDuty.map((i: { number: number; owner: string }) => [i.number, i.owner])).toEqual([[100, 'alan-turing']]);

    const first = await cli(['notify', '--json'], '2026-11-30T17:15:00Z', config);
    expect(first.code, first.stderr).toBe(0);
    const offDuty = first.json().notifications.filter((n: { key: string }) => n.key.endsWith(':off-duty'));
    expect(offDuty).toEqual([expect.objectContaining({ key: '100@2026-11-30T16:30:00Z:off-duty', to: ['grace-hopper'], status: 'done' })]);
    expect(desk(standin).feed.at(-1)!.body).toMatch(
      /- 👤 \[#100\]\(.*\) Silo crash — owned by alan-turing, who is off duty: yours meanwhile, due Mon Nov 30 13:30 → @grace-hopper/,
    );
    expect(desk(standin).body).toMatch(
      /### Owned by someone off duty \(1\): the acting Primary's meanwhile\n\n\| # \| title \| owner \|.*\n.*\n\| \[#100\]\(.*\) \| Silo crash \| alan-turing \|/,
    );
    const overdue = await cli(['notify', '--json'], '2026-11-30T22:00:00Z', config);
    expect(overdue.json().notifications.map((n: { key: string; to: string[] }) => [n.key.replace(/@.*:/, ':'), n.to])).toEqual([
      ['100:overdue', ['grace-hopper']],
    ]);
    expect(mentioned(standin)).toEqual(['grace-hopper']);

    const handoff = await cli(['handoff', '--yes', '--json'], '2026-12-05T00:45:00Z', config);
    expect(handoff.code, handoff.stderr).toBe(0);
    expect(handoff.json().actions).toEqual([expect.objectContaining({ kind: 'handoff', number: 100, status: 'done' })]);
    expect(parseMarker(thread100(standin).comments.at(-1)!.body)).toMatchObject({
      kind: 'handoff',
      from: 'grace-hopper',
      to: 'katherine-j',
      owner: 'alan-turing',
    });
    const next = (await cli(['start', '--as', 'katherine-j', '--json'], '2026-12-07T17:00:00Z', config)).json();
    expect(next.offDuty).toEqual([]);
    expect(next.handedOff.map((i: { number: number; owner: string }) => [i.number, i.owner])).toEqual([[100, 'katherine-j']]);
  });

  it('an overdue inquiry of an off-duty owner is one line that names the acting Primary once, and covers both keys', async () => {
    standin = await startStandin(lastMonth());
    const config = deskConfig();
    const r = await cli(['notify', '--json'], '2026-11-30T22:00:00Z', config);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().notifications.map((n: { key: string; to: string[] }) => [n.key, n.to])).toEqual([
      ['100@2026-11-30T16:30:00Z:overdue', ['grace-hopper']],
      ['100@2026-11-30T16:30:00Z:off-duty', ['grace-hopper']],
    ]);
    const posted = mutations(standin)
      .flatMap((e) => Object.values(e.variables ?? {}).filter((v): v is string => typeof v === 'string'))
      .filter((b) => b.startsWith('**Support desk**') && b.includes('#100'));
    expect(posted).toHaveLength(1);
    const lines = posted[0]!.split('\n').filter((l) => l.includes('#100'));
    expect(lines).toEqual([
      expect.stringMatching(
        /^- 🔴 \[#100\]\(.*\) Silo crash — overdue by .*; owned by alan-turing, who is off duty: yours meanwhile → @grace-hopper$/,
      ),
    ]);
    expect(posted[0]!.match(/@grace-hopper/g)).toHaveLength(1);
    expect(parseMarker(posted[0]!)).toMatchObject({
      keys: expect.arrayContaining(['100@2026-11-30T16:30:00Z:overdue', '100@2026-11-30T16:30:00Z:off-duty']),
    });
    // Neither is sent again.
    const again = await cli(['notify', '--json'], '2026-11-30T22:15:00Z', config);
    expect(again.json().notifications.filter((n: { number: number }) => n.number === 100)).toEqual([]);
  });

  it('on a Sunday, a Saturday question belongs to Monday’s Primary, who is not off duty', async () => {
    standin = await startStandin(
      deskScenario([{ ...user('jdoe', '2026-11-28T22:00:00Z', 'Saturday question'), title: 'Weekend', category: 'help-using-visit' }]),
    );
    const sunday = (await cli(['start', '--json'], '2026-11-29T20:00:00Z', deskConfig())).json();
    expect(sunday.discussions.map((i: { owner: string }) => i.owner)).toEqual(['grace-hopper']);
    expect(sunday.offDuty).toEqual([]);
  });
});
