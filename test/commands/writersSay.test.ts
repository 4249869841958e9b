import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import type { Prompter } from '../../src/app/context.js';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { deskConfig, deskScenario, mutations } from '../support/desk.js';
import { scenario, team, user } from '../support/scenario.js';
import { commentUrl } from '../support/cli.js';

/** Issue 27.5: writers say what they did (whom they asked, until when, who holds a claim), and errors say where a value came from. */
const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const WEEK_CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
// The week of Mon Nov 30 2026: Grace is Primary, Edsger Backup; the stand-in's token is Grace's.
const MON_0900 = '2026-11-30T17:00:00Z';
const TUE_1100 = '2026-12-01T19:00:00Z';
const TOKENS = { 'edsger-token': 'edsger-d', 'ada-token': 'ada-lovelace', 'alan-token': 'alan-turing' };

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function sre(args: string[], now: string, config: string, more: { env?: Record<string, string>; prompter?: Prompter } = {}) {
  standin!.setClock(now);
  const r = await run(args, {
    now,
    env: { VISIT_SRE_CONFIG: config, XDG_STATE_HOME: tempDir('visit-sre-state-'), ...more.env },
    github: { url: standin!.url, token: standin!.token },
    ...(more.prompter ? { tty: true, prompter: more.prompter } : {}),
  });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

const withTokens = (s: object) => Object.assign(s, { tokens: TOKENS });

describe('escalate says whom it asked', () => {
  it('the acting Backup by default, the people named otherwise; --json keeps the writers’ shape', async () => {
    standin = await startStandin(WEEK);
    const dry = await sre(['escalate', '102', '--to', 'ada-lovelace', 'edsger-d', '--dry-run'], TUE_1100, WEEK_CONFIG);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /\n• escalation #102: would ask @ada-lovelace and the acting Backup @edsger-d for help https:\/\/github\.com\/visit-dav\/visit\/discussions\/102\n$/,
    );
    const r = await sre(['escalate', '101'], TUE_1100, WEEK_CONFIG);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^✓ escalation #101: asked the acting Backup @edsger-d for help https:\/\/github\.com\/visit-dav\/visit\/discussions\/101#discussioncomment-\d+\n$/,
    );
    const json = await sre(['escalate', '102', '--json'], TUE_1100, WEEK_CONFIG);
    expect(json.json()).toEqual({
      dryRun: false,
      actions: [{ kind: 'escalation', number: 102, url: expect.stringMatching(/#discussioncomment-\d+$/), status: 'done' }],
    });
    expect(mutations(standin).filter((m) => JSON.stringify(m.variables).includes('"kind\\":\\"escalation'))).toHaveLength(2);
  });
});

describe('escalate asks the acting Backup while the Backup is away', () => {
  it('names whoever stands in, and says so', async () => {
    const question = { ...user('jdoe', '2026-11-30T16:30:00Z', 'Silo reader crashes'), title: 'Silo crash', category: 'help-using-visit' };
    standin = await startStandin(withTokens(deskScenario([question])));
    const config = deskConfig();
    const away = await sre(['away', '--until', '2026-11-30T17:00'], MON_0900, config, { env: { GH_TOKEN: 'edsger-token' } });
    expect(away.code, away.stderr).toBe(0);
    const r = await sre(['escalate', '100'], '2026-11-30T17:05:00Z', config);
    expect(r.code, r.stderr).toBe(0);
    const acting = (await sre(['who', '--json'], '2026-11-30T17:05:00Z', config)).json().actingBackup.login as string;
    expect(acting).not.toBe('edsger-d');
    expect(r.stdout).toMatch(new RegExp(`^✓ escalation #100: asked the acting Backup @${acting} for help https://\\S+\n$`));
  });
});

describe('delegate says to whom and until when, in the team’s zone', () => {
  it('the proposal, --accept, --cancel and --decline each name the people and the window', async () => {
    standin = await startStandin(withTokens(deskScenario([])));
    const config = deskConfig();
    const edsger = { env: { GH_TOKEN: 'edsger-token' } };
    const dry = await sre(['delegate', '--from', '2026-12-01T13:00', '--until', '2026-12-01T15:00', '--dry-run'], MON_0900, config);
    expect(dry.stdout).toMatch(
      /\n• delegate #1: would propose that @edsger-d act as Primary for @grace-hopper from Tue Dec 1, 13:00 PST until Tue Dec 1, 15:00 PST \(in 1 day\) https:\/\/\S+\n$/,
    );
    const proposed = await sre(['delegate', '--from', '2026-12-01T13:00', '--until', '2026-12-01T15:00'], MON_0900, config);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toMatch(
      /^✓ delegate #1: asked @edsger-d to act as Primary for @grace-hopper from Tue Dec 1, 13:00 PST until Tue Dec 1, 15:00 PST \(in 1 day\); nothing changes until @edsger-d accepts https:\/\/\S+\n$/,
    );
    const accepted = await sre(['delegate', '--accept'], '2026-11-30T17:10:00Z', config, edsger);
    expect(accepted.stdout).toMatch(
      /^✓ delegate-accept #1: @edsger-d acts as Primary for @grace-hopper from Tue Dec 1, 13:00 PST until Tue Dec 1, 15:00 PST \(in 1 day\) https:\/\/\S+\n$/,
    );
    const cancelled = await sre(['delegate', '--cancel'], '2026-12-01T22:00:00Z', config);
    expect(cancelled.stdout).toMatch(
      /^✓ delegate-cancel #1: ended the delegation from @grace-hopper to @edsger-d \(it was to run until Tue Dec 1, 15:00 PST\): @grace-hopper is Primary again from now https:\/\/\S+\n$/,
    );
    const again = await sre(['delegate', '--until', '2026-12-01T17:00'], '2026-12-01T22:05:00Z', config);
    expect(again.stdout).toMatch(
      /^✓ delegate #1: asked @edsger-d to act as Primary for @grace-hopper from now until Tue Dec 1, 17:00 PST \(in 3 hours\);/,
    );
    const declined = await sre(['delegate', '--decline'], '2026-12-01T22:10:00Z', config, edsger);
    expect(declined.stdout).toMatch(
      /^✓ delegate-decline #1: declined @grace-hopper's proposal \(from now until Tue Dec 1, 17:00 PST \(in 3 hours\)\): the Primary role stays with @grace-hopper /,
    );
  });
});

describe('claim says who holds a classified inquiry, and since when', () => {
  const request = {
    author: 'katherine-j',
    association: 'MEMBER',
    createdAt: '2026-11-30T16:00:00Z',
    body: '**Classified inquiry 1:** …\n\n<!-- visit-sre {"v":1,"kind":"classified","number":1,"neededBy":"2026-11-30T21:00:00Z","handler":"katherine-j","access":["ada-lovelace","alan-turing"],"key":"k1"} -->',
  };

  it('a second claim names the holder instead of "nothing is waiting"; the holder’s own repeat posts nothing', async () => {
    standin = await startStandin(withTokens(deskScenario([], [request])));
    const config = deskConfig();
    const ada = { env: { GH_TOKEN: 'ada-token' } };
    const first = await sre(['claim'], MON_0900, config, ada);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^✓ claim #1: @ada-lovelace claimed classified inquiry 1; @katherine-j is asked to hand it over off GitHub https:\/\/\S+\n$/,
    );
    const other = await sre(['claim'], '2026-11-30T17:30:00Z', config, { env: { GH_TOKEN: 'alan-token' } });
    expect([other.code, other.stderr]).toEqual([
      2,
      'error: no classified inquiry is waiting for a claim: inquiry 1 is already claimed by @ada-lovelace since Mon Nov 30, 09:00 PST\nnothing to do; to take one over, agree it with @ada-lovelace\n',
    ]);
    const repeat = await sre(['claim'], '2026-11-30T17:40:00Z', config, ada);
    expect(repeat.code, repeat.stderr).toBe(0);
    expect(repeat.stdout).toMatch(
      /^- claim #1: skipped \(classified inquiry 1 is already claimed by @ada-lovelace since Mon Nov 30, 09:00 PST\)/,
    );
    expect(mutations(standin).filter((m) => JSON.stringify(m.variables).includes('"kind\\":\\"claim'))).toHaveLength(1);
  });
});

describe('a name or number not found says where it came from', () => {
  it.each([
    [
      'a number on the command line',
      ['view', '9999'],
      /^error: reading discussion #9999 of visit-dav\/visit: .*\n#9999 is the number you gave: check that it is a discussion of visit-dav\/visit\n$/,
    ],
    [
      '-R/--repo',
      ['view', '101', '-R', 'other/repo'],
      /^error: reading discussion #101 of other\/repo: .*\nother\/repo is the -R you gave: check its OWNER\/NAME, and that the token can see it\n$/,
    ],
    ['--repo=', ['escalate', '101', '--repo=other/repo'], /\nother\/repo is the --repo you gave: check its OWNER\/NAME/],
  ])('%s', async (_name, args, stderr) => {
    standin = await startStandin(WEEK);
    const r = await sre(args, TUE_1100, WEEK_CONFIG);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr).not.toMatch(/config/);
  });

  it('the config key, and its file, when the name came from there', async () => {
    standin = await startStandin(WEEK);
    const config = path.join(tempDir(), 'visit-sre.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        repository: 'visit-dav/gone',
        rotation: path.join(REPO_ROOT, 'schedules', 'rotation.ics'),
        team: path.join(REPO_ROOT, 'schedules', 'team.json'),
      }),
    );
    const r = await sre(['view', '101'], TUE_1100, config);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[1]).toBe(
      `visit-dav/gone is config key "repository" in ${config}: check it there, and that the token can see it`,
    );
  });
});

describe('log-call --classified advises from the acting roles', () => {
  it('names the delegate acting as Primary, who has access, instead of "neither the Primary nor the Backup"', async () => {
    standin = await startStandin(withTokens(deskScenario([])));
    const config = deskConfig();
    const asked = await sre(['delegate', '--to', 'ada-lovelace', '--until', '+4h'], MON_0900, config);
    expect(asked.code, asked.stderr).toBe(0);
    const yes = await sre(['delegate', '--accept'], '2026-11-30T17:05:00Z', config, { env: { GH_TOKEN: 'ada-token' } });
    expect(yes.code, yes.stderr).toBe(0);
    const r = await sre(['log-call', '--classified', '--via', 'hotline', '--json'], '2026-11-30T18:00:00Z', config);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().advice).toBe('Hand it to @ada-lovelace (acting Primary): on duty, with access.');
  });
});

describe('resolve offers only the team’s real replies as the answer', () => {
  const marker = (fields: object) => `<!-- visit-sre ${JSON.stringify({ v: 1, ...fields })} -->`;
  const handoff = team(
    'grace-hopper',
    '2026-11-30T18:00:00Z',
    `Handing this over.\n\n${marker({ kind: 'handoff', to: 'edsger-d', key: 'h1' })}`,
  );
  /** #101, a Silo question, with these comments. */
  const silo = (comments: ReturnType<typeof team>[]) =>
    startStandin(
      scenario([
        {
          ...user('jdoe', '2026-11-30T17:00:00Z', 'Silo reader crashes'),
          number: 101,
          title: 'Silo crash',
          category: 'help-using-visit',
          comments,
        },
      ]),
    );
  it('neither the handoff comment, the keep note, an escalation nor the user’s follow-up is offered', async () => {
    standin = await silo([
      handoff,
      team(
        'grace-hopper',
        '2026-11-30T18:05:00Z',
        `@edsger-d, could you help?\n\n${marker({ kind: 'escalation', to: ['edsger-d'], key: 'e1' })}`,
      ),
      team('grace-hopper', '2026-11-30T18:06:00Z', `Keeping it.\n\n${marker({ kind: 'keep', who: 'grace-hopper', key: 'k1' })}`),
      team('edsger-d', '2026-11-30T19:00:00Z', 'Set SILO_DRIVER=HDF5 and it reads.'),
      user('jdoe', '2026-11-30T19:30:00Z', 'Thanks, that works!'),
    ]);
    const offered: string[][] = [];
    const prompter = {
      select: async (_q: string, choices: ReadonlyArray<{ value: string; name?: string }>) => {
        offered.push(choices.map((c) => c.name ?? c.value));
        return choices[0]!.value;
      },
    } as unknown as Prompter;
    const r = await sre(['resolve', '101'], TUE_1100, WEEK_CONFIG, { prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(offered).toEqual([['@edsger-d: Set SILO_DRIVER=HDF5 and it reads.']]);
    expect(standin.store.snapshot()[0]!.discussions.find((x) => x.number === 101)!.answer).toBe('Set SILO_DRIVER=HDF5 and it reads.');
  });

  it('a bookkeeping comment given by URL is refused, naming what it is', async () => {
    standin = await silo([handoff]);
    const url = commentUrl(standin, 101, 0);
    const r = await sre(['resolve', '101', '--answer', url], TUE_1100, WEEK_CONFIG);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the tool's bookkeeping \(handoff\), not an answer\n/);
    expect(mutations(standin)).toHaveLength(0);
  });
});
