import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { desk, deskScenario, mutations } from '../support/desk.js';
import { parseMarker } from '../../src/core/markers.js';

/**
 * docs/process.md#swaps: a swap on a calendar the tool did not write. The Google-style
 * rotation has Grace as Primary for the week of Oct 12 by name only
 * ("Primary – Grace Hopper"). Grace proposes Alan on her machine; Alan
 * accepts on his; a third machine reads the swap from the desk thread.
 */
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const GOOGLE = path.join(REPO_ROOT, 'test', 'fixtures', 'calendars', 'google-rotation.ics');
const NOW = '2026-10-08T17:00:00Z';
const MIDWEEK = '2026-10-14T19:00:00Z';

/** A machine of its own: its folder, config, copy of the shared calendar, and (through run) its own XDG dirs. */
function machine(): string {
  const dir = tempDir('visit-sre-machine-');
  copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'team.json'), path.join(dir, 'team.json'));
  copyFileSync(GOOGLE, path.join(dir, 'rotation.ics'));
  writeFileSync(
    path.join(dir, 'visit-sre.config.json'),
    JSON.stringify({ repository: 'visit-dav/visit', rotation: 'rotation.ics', team: 'team.json', desk: { thread: 'visit-dav/visit#1' } }),
  );
  return dir;
}

async function on(dir: string, args: string[], token: string, now = NOW) {
  standin!.setClock(now);
  return run(args, { cwd: dir, now, github: { url: standin!.url, token } });
}

const primaryAt = async (dir: string, at: string, token: string) =>
  JSON.parse((await on(dir, ['who', '--json', '--at', at], token)).stdout).primary?.login ?? null;

describe('schedule swap on a calendar the tool did not write', () => {
  it('proposes on the desk thread, takes effect everywhere when the replacement accepts on another machine, and never edits the calendar', async () => {
    const s = deskScenario([]);
    (s as { tokens?: Record<string, string> }).tokens = { 'tok-alan': 'alan-turing' };
    standin = await startStandin(s);
    const grace = standin.token;
    const [mine, alans, third] = [machine(), machine(), machine()];

    // the no-op is refused, and a dry run shows the change, not the calendar
    const noop = await on(mine, ['schedule', 'swap', '--week', '2026-10-14', '--role', 'primary', '--with', 'grace-hopper'], grace);
    expect(noop.code).toBe(2);
    expect(noop.stderr).toMatch(/^error: @grace-hopper is already Primary for 2026-W42: the swap changes nothing\n/);
    const dry = await on(
      mine,
      ['schedule', 'swap', '--week', '2026-10-14', '--role', 'primary', '--with', 'alan-turing', '--dry-run'],
      grace,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^week +2026-W42 \(Mon Oct 12\)\nrole +primary\nbefore +@grace-hopper\nafter +@alan-turing\n/);
    expect(dry.stdout).toMatch(/Swap proposed:.*@alan-turing \(Alan Turing\) instead of @grace-hopper/);
    expect(dry.stdout).not.toMatch(/BEGIN:VCALENDAR/);
    expect(mutations(standin)).toHaveLength(0);

    // Grace proposes: one comment @mentioning Alan and Grace (named only in SUMMARY), a swap marker; the calendar untouched
    const proposed = await on(mine, ['schedule', 'swap', '--week', '2026-10-14', '--role', 'primary', '--with', 'alan-turing'], grace);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toMatch(
      /Nothing changes until @alan-turing runs `visit-sre schedule swap --accept`\. Then update .*rotation\.ics too/,
    );
    expect(readFileSync(path.join(mine, 'rotation.ics'), 'utf8')).toBe(readFileSync(GOOGLE, 'utf8'));
    let feed = desk(standin).feed;
    expect(feed).toHaveLength(1);
    expect(feed[0]!.body).toMatch(/@alan-turing/);
    expect(feed[0]!.body).toMatch(/@grace-hopper/);
    expect(parseMarker(feed[0]!.body)).toMatchObject({
      kind: 'swap',
      week: '2026-10-12',
      role: 'primary',
      from: 'grace-hopper',
      to: 'alan-turing',
    });
    // a re-run posts nothing twice
    expect((await on(mine, ['schedule', 'swap', '--week', '2026-10-14', '--role', 'primary', '--with', 'alan-turing'], grace)).code).toBe(
      0,
    );
    expect(desk(standin).feed).toHaveLength(1);

    // a proposal alone changes nothing, and nobody but Alan can accept it
    expect(await primaryAt(third, MIDWEEK, grace)).toBe('grace-hopper');
    const notHers = await on(mine, ['schedule', 'swap', '--accept'], grace);
    expect(notHers.code).toBe(2);
    expect(notHers.stderr).toMatch(/no swap proposed to @grace-hopper is waiting on the desk thread visit-dav\/visit#1/);

    // Alan accepts on his own machine
    const accepted = await on(alans, ['schedule', 'swap', '--accept'], 'tok-alan', '2026-10-09T17:00:00Z');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/Update .*rotation\.ics too, so it shows the swap/);
    feed = desk(standin).feed;
    expect(feed).toHaveLength(2);
    expect(feed[1]!.author).toBe('alan-turing');
    expect(parseMarker(feed[1]!.body)).toMatchObject({ kind: 'swap-accept', proposal: parseMarker(feed[0]!.body)!.key });

    // every machine now reads Alan as that week's Primary, and only that week's
    expect(await primaryAt(third, MIDWEEK, grace)).toBe('alan-turing');
    expect(await primaryAt(alans, MIDWEEK, 'tok-alan')).toBe('alan-turing');
    expect(await primaryAt(third, '2026-10-28T00:00:00Z', grace)).toBe('grace-hopper');
    const start = await on(third, ['start', '--json', '--as', 'alan-turing'], grace, '2026-10-12T16:00:00Z');
    expect(start.code, start.stderr).toBe(0);
    expect(JSON.parse(start.stdout)).toMatchObject({ role: 'primary', primary: 'alan-turing' });
  });
});
