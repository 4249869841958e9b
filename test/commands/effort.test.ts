import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, tempDir } from '../support/deps.js';
import { cliAt } from '../support/cli.js';
import { scenario, team, user } from '../support/scenario.js';
import { parseMarker } from '../../src/core/markers.js';

const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
// Tue Dec 1 2026, 10:00 Pacific: Grace is Primary; the stand-in's token is Grace's.
const NOW = '2026-12-01T18:00:00Z';
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

/** #10 answered on GitHub's web page with effort lines: the team's count, the user's and a quoted one do not. */
const WEB = scenario([
  {
    ...user('u1', '2026-11-30T17:00:00Z', 'My plot is empty. Effort: 3h'),
    number: 10,
    title: 'Empty plot',
    comments: [
      {
        ...team('ada-lovelace', '2026-11-30T18:00:00Z', 'Try the Threshold operator.\n\nEffort: 45m'),
        replies: [
          user('u1', '2026-11-30T18:30:00Z', 'Thanks! Effort: 2h'),
          team('grace-hopper', '2026-11-30T19:00:00Z', '> Effort: 45m\nAlso check the data range.\n\neffort: 1h15m'),
        ],
      },
      team('edsger-d', '2026-11-30T20:00:00Z', '```\nEffort: 9h\n```\nA code block is not a record.'),
    ],
  },
  { ...user('u2', '2026-12-01T16:30:00Z', 'Crash on open'), number: 11, title: 'Crash on open' },
]);

const cli = cliAt(() => standin!, { now: NOW, config: CONFIG });

describe('effort from anywhere', () => {
  it("counts a team member's `Effort:` line typed on the web, in a comment or a reply, in stats and postmortem", async () => {
    standin = await startStandin(WEB);
    const stats = await cli(['stats', '--since', '2026-11-30', '--until', '2026-12-02', '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    // 45m (Ada's comment) + 1h15m (Grace's reply); the user's lines, the quote and the code block are not records.
    expect(stats.json().effortHours).toBe(2);
    const pm = await cli(['postmortem', '10', '--dry-run']);
    expect(pm.code, pm.stderr).toBe(0);
    expect(pm.stdout).toMatch(/^- Recorded effort: 2h$/m);
  });

  it('`effort NUMBER DURATION` posts a bookkeeping comment that counts and does not stop the clock; a re-run with the same --at posts nothing', async () => {
    standin = await startStandin(WEB);
    const env = { XDG_STATE_HOME: tempDir() };
    const r = await cli(['effort', '11', '1h30m', '--note', 'reproduced it', '--at', '2026-12-01T09:30', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions).toMatchObject([{ kind: 'effort', number: 11, status: 'done', reason: '1h30m recorded' }]);
    const posted = standin.store.snapshot()[0]!.discussions.find((d) => d.number === 11)!.comments;
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatch(/^_Support bookkeeping: @grace-hopper spent 1h30m on this \(reproduced it\)\._/);
    expect(parseMarker(posted[0]!.body)).toMatchObject({
      kind: 'effort',
      who: 'grace-hopper',
      at: '2026-12-01T17:30:00Z',
      note: 'reproduced it',
      effortMinutes: 90,
    });
    // Bookkeeping: #11 still waits on the team.
    const view = await cli(['view', '11', '--json']);
    expect(view.json().state).toBe('waiting-on-team');
    const stats = await cli(['stats', '--since', '2026-11-30', '--until', '2026-12-02', '--json']);
    expect(stats.json().effortHours).toBe(3.5);

    const again = await cli(['effort', '11', '90m', '--at', '2026-12-01T09:30', '--json'], env);
    expect(again.json().actions[0]).toMatchObject({ status: 'skipped', reason: 'already recorded (1h30m at 2026-12-01T17:30:00Z)' });
    expect(standin.log.filter((e) => e.operationName === 'AddDiscussionComment' || e.kind === 'mutation')).toHaveLength(1);
  });

  it('--housekeeping goes to the local journal only and counts in stats apart and in the total', async () => {
    standin = await startStandin(WEB);
    const state = tempDir();
    const r = await cli(['effort', '--housekeeping', '2h', '--note', 'FAQ cleanup', '--as', 'ada-lovelace', '--json'], {
      XDG_STATE_HOME: state,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: false, actions: [{ kind: 'housekeeping', status: 'done', reason: 'journal only' }] });
    const line = JSON.parse(readFileSync(path.join(state, 'visit-sre', 'journal.jsonl'), 'utf8').trim());
    expect(line).toEqual({
      kind: 'housekeeping',
      at: NOW,
      who: 'ada-lovelace',
      effortMinutes: 120,
      note: 'FAQ cleanup',
      loggedAt: NOW,
    });
    expect(standin.log.filter((e) => e.kind === 'mutation')).toHaveLength(0);
    const stats = await cli(['stats', '--since', '2026-11-30', '--until', '2026-12-02', '--json'], { XDG_STATE_HOME: state });
    const json = stats.json();
    expect(json.housekeeping).toMatchObject({ entries: 1, effortHours: 2 });
    // Housekeeping is no inquiry.
    expect(json.inquiries).toBe(2);
    expect(json.effortHours).toBe(4);
  });

  it.each([
    [['effort', '11'], /how long\?/],
    [['effort', '11', 'a while'], /invalid duration "a while"/],
    [['effort', '--housekeeping', '1h', '2h'], /--housekeeping takes the duration only/],
    [['effort', '11', '1h', '--as', 'ada-lovelace'], /--as goes with --housekeeping/],
    [['effort', '11', '1h', '--at', 'tomorrow'], /is in the future/],
  ])('%j is a usage error (exit 2), with nothing sent', async (args, message) => {
    standin = await startStandin(WEB);
    const r = await cli(args, { XDG_STATE_HOME: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(standin.log.filter((e) => e.kind === 'mutation')).toHaveLength(0);
  });
});
