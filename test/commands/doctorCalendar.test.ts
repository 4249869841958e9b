import { expect, it } from 'vitest';
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
