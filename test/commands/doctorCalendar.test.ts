import { describe, expect, it } from 'vitest';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';

it("doctor's calendar check says where keeping a shift's wall-clock length across DST departs from RFC 5545", async () => {
  const dir = tempDir();
  copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'team.json'), path.join(dir, 'team.json'));
  writeFileSync(path.join(dir, 'visit-sre.config.json'), JSON.stringify({ team: 'team.json', rotation: 'rota.ics' }));
  const series = (role: string, login: string) =>
    [
      'BEGIN:VEVENT',
      `UID:${role}@test`,
      'DTSTAMP:20261001T000000Z',
      'DTSTART;TZID=America/Los_Angeles:20261019T080000',
      'DTEND;TZID=America/Los_Angeles:20261026T080000',
      'RRULE:FREQ=WEEKLY;COUNT=8',
      `SUMMARY:SRE ${role}: @${login}`,
      'END:VEVENT',
    ].join('\r\n');
  writeFileSync(
    path.join(dir, 'rota.ics'),
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      series('Primary', 'ada-lovelace'),
      series('Backup', 'grace-hopper'),
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  );
  const r = await run(['doctor'], { cwd: dir, now: '2026-10-20T18:00:00Z' });
  // 1 November 02:00 PDT → 01:00 PST: the week of 26 October ends Monday 08:00 PST, 169 hours after it began.
  expect(r.stdout).toContain(
    "✓ calendar: Primary and Backup covered for the next 4 weeks; timed shifts keep their wall-clock length across DST: the one ending Nov 2 08:00 would end Nov 2 07:00 by RFC 5545's exact duration",
  );
});

describe('doctor: holidays that run out (docs/config.md#holidays)', () => {
  const workspace = (holidays: unknown) => {
    const dir = tempDir();
    copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'team.json'), path.join(dir, 'team.json'));
    writeFileSync(path.join(dir, 'visit-sre.config.json'), JSON.stringify({ team: 'team.json', rotation: null, holidays }));
    return dir;
  };

  it.each([
    // the list an old init wrote: it ends this year, within 60 days of Nov 25
    [
      { dates: ['2026-11-26', '2026-11-27', '2026-12-25'], calendar: null },
      '✗ holidays: the holidays listed end within 60 days: the last is Fri Dec 25 2026; after it every weekday counts as business time\n' +
        '  → set "holidays.country" (e.g. "US") for public holidays by rule, or add the next dates to "holidays.dates"\n',
    ],
    [{ dates: ['2026-07-03'] }, '✗ holidays: the holidays listed ended: the last is Fri Jul 3 2026;'],
    [{ dates: [] }, '✗ holidays: none listed: every weekday counts as business time\n'],
    [{ dates: ['2027-02-15'] }, '✓ holidays: listed up to 2027-02-15\n'],
    [{ country: 'US' }, '✓ holidays: public holidays of US by rule; next Thu Nov 26 (Thanksgiving Day)\n'],
    [
      { country: 'US', region: 'CA', except: ['2026-11-26'] },
      '✓ holidays: public holidays of US-CA by rule; next Fri Nov 27 (Day after Thanksgiving Day)\n',
    ],
  ])('%j', async (holidays, line) => {
    const r = await run(['doctor'], { cwd: workspace(holidays), now: '2026-11-25T18:00:00Z' });
    expect(r.stdout).toContain(line);
    if (line.startsWith('✗')) expect(r.code).not.toBe(0);
  });
});
