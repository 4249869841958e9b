import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT } from '../support/deps.js';
import { cliAt, commentUrl } from '../support/cli.js';
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

const THREAD = () =>
  scenario([
    {
      ...user('u1', '2026-11-30T17:00:00Z', 'The Silo reader crashes on NaN fill values.'),
      number: 120,
      title: 'Silo reader crashes on NaN fill values',
      comments: [
        {
          ...team('ada-lovelace', '2026-11-30T18:00:00Z', 'Which version?'),
          replies: [
            user('u1', '2026-11-30T18:10:00Z', '3.4.1'),
            team('ada-lovelace', '2026-11-30T18:30:00Z', 'Convert the file with silofile --fill 0 first; that avoids the crash.'),
          ],
        },
      ],
    },
  ]);

const cli = cliAt(() => standin!, { now: NOW, config: CONFIG });

const discussion = (n: number) => standin!.store.snapshot()[0]!.discussions.find((d) => d.number === n)!;
const replyUrl = () => commentUrl(standin!, 120, 0, 1);

describe('quick fix and long-term fix', () => {
  it('resolve --workaround marks the answer as a short-term correction; promote records the issue as the comprehensive solution; view, postmortem and stats show both', async () => {
    standin = await startStandin(THREAD());
    const reply = replyUrl();
    const w = await cli(['resolve', '120', '--answer', reply, '--workaround', '--json']);
    expect(w.code, w.stderr).toBe(0);
    expect(w.json().actions).toMatchObject([{ kind: 'workaround', number: 120, status: 'done', reason: 'answered with a workaround' }]);
    const answer = discussion(120).answer!;
    expect(answer).toMatch(/^A workaround for now is in \[this reply\]\(.*\) by @ada-lovelace:\n\n> Convert the file with silofile/);
    expect(answer).toMatch(/we will follow up with a lasting fix in the product\./);
    expect(parseMarker(answer)).toMatchObject({ kind: 'resolution', answer: reply, workaround: true });

    const before = await cli(['stats', '--since', '2026-11-30', '--until', '2026-12-02', '--json']);
    expect(before.json()).toMatchObject({ workarounds: 1, longTermFixes: 0, workaroundsWithoutFix: 1 });

    const p = await cli(['promote', '120', '--json']);
    expect(p.code, p.stderr).toBe(0);
    const issue = standin.store.snapshot()[0]!.issues.find((i) => i.title === 'Silo reader crashes on NaN fill values')!;
    expect(issue.body).toMatch(/\(#120, asked by @u1\): this issue is its long-term, comprehensive solution\./);
    expect(issue.body).toContain(`- Workaround given meanwhile (short-term correction): ${reply}`);
    const link = discussion(120).comments.at(-1)!.body;
    expect(link).toMatch(/That issue is the lasting fix; until it lands, \[the workaround\]\(.*\) helps\./);
    expect(parseMarker(link)).toMatchObject({ kind: 'promotion', number: issue.number, longTerm: true, workaround: reply });
    // The workaround stays the answer.
    expect(discussion(120).answer).toBe(answer);

    const view = await cli(['view', '120', '--json']);
    expect(view.json()).toMatchObject({ workaround: reply, longTermFix: `https://github.com/visit-dav/visit/issues/${issue.number}` });
    expect(view.json().events.map((e: { what: string }) => e.what)).toEqual(
      expect.arrayContaining([
        `Workaround given (short-term correction): ${reply}`,
        `Promoted to https://github.com/visit-dav/visit/issues/${issue.number}, the long-term fix`,
      ]),
    );
    const pm = await cli(['postmortem', '120', '--dry-run']);
    expect(pm.stdout).toContain(`- Short-term correction (workaround): ${reply}`);
    expect(pm.stdout).toContain(`- Long-term fix (promoted issues): https://github.com/visit-dav/visit/issues/${issue.number}`);
    const after = await cli(['stats', '--since', '2026-11-30', '--until', '2026-12-02', '--json']);
    expect(after.json()).toMatchObject({ workarounds: 1, longTermFixes: 1, workaroundsWithoutFix: 0 });

    const again = await cli(['resolve', '120', '--workaround', '--answer', reply, '--json']);
    expect(again.json().actions[0]).toMatchObject({ status: 'skipped', reason: 'already marked as a workaround' });
  });

  it('the other order: promoted first (kept open), then the workaround names the issue that holds the lasting fix', async () => {
    standin = await startStandin(THREAD());
    const p = await cli(['promote', '120', '--keep-open', '--json']);
    expect(p.code, p.stderr).toBe(0);
    const issueUrl = p.json().actions[0].url;
    const w = await cli(['resolve', '120', '--answer', replyUrl(), '--workaround', '--json']);
    expect(w.code, w.stderr).toBe(0);
    const answer = discussion(120).answer!;
    expect(answer).toContain(`The lasting fix is tracked in ${issueUrl}.`);
    expect(parseMarker(answer)).toMatchObject({ workaround: true, longTerm: issueUrl });
    const stats = await cli(['stats', '--since', '2026-11-30', '--until', '2026-12-02', '--json']);
    expect(stats.json()).toMatchObject({ workarounds: 1, longTermFixes: 1, workaroundsWithoutFix: 0 });
  });

  it('--workaround with --wontfix is a usage error', async () => {
    standin = await startStandin(THREAD());
    const r = await cli(['resolve', '120', '--wontfix', '--workaround']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workaround and --wontfix cannot go together/);
    expect(standin.log.filter((e) => e.kind === 'mutation')).toHaveLength(0);
  });
});
