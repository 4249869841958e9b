import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { readCalendar } from '../../src/calendar/read.js';
import { buildTimeline, onDutyAt, shiftsFromEntries } from '../../src/core/rotation.js';
import { validateTeam } from '../../src/core/config.js';

const TEAM = path.join(REPO_ROOT, 'schedules', 'team.json');
const GOLDEN = path.join(REPO_ROOT, 'test', 'fixtures', 'golden', 'rotation-2027-q1.ics');
const NOW = '2026-11-25T18:00:00Z';
const team = validateTeam(JSON.parse(readFileSync(TEAM, 'utf8')), TEAM);

function workspace(extra: Record<string, unknown> = {}): string {
  const dir = tempDir();
  copyFileSync(TEAM, path.join(dir, 'team.json'));
  writeFileSync(path.join(dir, 'visit-sre.config.json'), JSON.stringify({ rotation: 'rotation.ics', team: 'team.json', ...extra }));
  return dir;
}

async function generate(dir: string, ...args: string[]) {
  return run(['schedule', 'generate', '--start', '2027-01-04', '--weeks', '13', ...args], { cwd: dir, now: NOW });
}

describe('schedule generate', () => {
  it('writes byte-identical iCal for the same inputs (golden file)', async () => {
    const a = workspace();
    const b = workspace();
    expect((await generate(a)).code).toBe(0);
    expect((await generate(b)).code).toBe(0);
    const text = readFileSync(path.join(a, 'rotation.ics'), 'utf8');
    expect(readFileSync(path.join(b, 'rotation.ics'), 'utf8')).toBe(text);
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(text).toMatch(/^UID:sre-2027-W01-primary@visit-sre\r$/m);
    expect(text).toMatch(/^DTSTAMP:20261125T180000Z\r$/m);
    expect(text).toMatch(/^X-VISIT-SRE-ROLE:backup\r$/m);
  });

  it('reads back through our own reader with identical assignments, under any host TZ', async () => {
    const dir = workspace();
    const r = await generate(dir, '--json');
    const plan = JSON.parse(r.stdout) as { weeks: Array<{ monday: string; primary: string; backup: string }> };
    const text = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
    for (const tz of ['UTC', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      const { entries } = readCalendar(text, {
        zone: 'America/Los_Angeles',
        from: Date.parse('2026-12-01T00:00:00Z'),
        to: Date.parse('2027-05-01T00:00:00Z'),
        source: 'x',
      });
      const timeline = buildTimeline(shiftsFromEntries(entries, team));
      for (const w of plan.weeks) {
        const midweek = Date.parse(`${w.monday}T20:00:00Z`) + 2 * 86_400_000;
        const duty = onDutyAt(timeline, midweek, 0).current;
        expect([duty?.primary?.login, duty?.backup?.login]).toEqual([w.primary, w.backup]);
      }
    }
    delete process.env.TZ;
  });

  it('parses with an independent reader (ical.js) into the same events', async () => {
    const dir = workspace();
    const plan = JSON.parse((await generate(dir, '--json')).stdout) as {
      weeks: Array<{ monday: string; primary: string; backup: string }>;
    };
    const comp = new ICAL.Component(ICAL.parse(readFileSync(path.join(dir, 'rotation.ics'), 'utf8')));
    const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(26);
    const seen = events.map((e) => [e.startDate.toString(), e.endDate.toString(), e.summary]);
    const expected = plan.weeks.flatMap((w) => {
      const end = new Date(Date.parse(`${w.monday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      const name = (l: string) => team.find((m) => m.login === l)!.name;
      return [
        [w.monday, end, `SRE Primary: ${name(w.primary)} (@${w.primary})`],
        [w.monday, end, `SRE Backup: ${name(w.backup)} (@${w.backup})`],
      ];
    });
    expect(seen).toEqual(expected);
  });

  it('quotes names legally (RFC 6868): quotes, commas, carets and colons come back intact through ical.js, and the file ends with CRLF', async () => {
    const names = ['Ben "Benny" Brown, Jr.', 'Zoë ^ Caret; Semi: Colon', 'Plain Name'];
    const quoted = names.map((name, i) => ({ login: `person-${i}`, name, email: `p${i}@example.org`, experienced: true }));
    const dir = workspace({ team: quoted });
    const r = await run(['schedule', 'generate', '--start', '2027-01-04', '--weeks', '3'], { cwd: dir, now: NOW });
    expect(r.code, r.stderr).toBe(0);
    const written = () => readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
    const attendees = (text: string) =>
      new ICAL.Component(ICAL.parse(text))
        .getAllSubcomponents('vevent')
        .map((v) => [
          v.getFirstPropertyValue('summary'),
          v.getFirstProperty('attendee')?.getParameter('cn'),
          v.getFirstPropertyValue('attendee'),
        ]);
    const expected = (text: string) =>
      [...text.matchAll(/^SUMMARY:SRE (?:Primary|Backup): .* \(@(person-\d)\)\r$/gm)].map((m) => {
        const person = quoted.find((q) => q.login === m[1])!;
        return [`${/^SUMMARY:(SRE \w+): /.exec(m[0])![1]}: ${person.name} (@${person.login})`, person.name, `MAILTO:${person.email}`];
      });
    expect(written()).toMatch(/CN="Ben \^'Benny\^' Brown, Jr\."/);
    expect(written()).toMatch(/CN="Zoë \^\^ Caret; Semi: Colon"/);
    expect(written().endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(attendees(written())).toHaveLength(6);
    expect(attendees(written()).map((a) => a.slice(1))).toEqual(expected(written()).map((a) => a.slice(1)));
    // A swap writes the same legal quoting.
    const swap = await run(['schedule', 'swap', '--week', '2027-01-11', '--role', 'backup', '--with', 'person-1', '--force'], {
      cwd: dir,
      now: NOW,
    });
    expect(swap.code, swap.stderr).toBe(0);
    expect(attendees(written()).map((a) => a.slice(1))).toEqual(expected(written()).map((a) => a.slice(1)));
    expect(written()).not.toMatch(/\\"/);
  });

  it('never overwrites unasked: the refusal names --merge first, then --force; --merge keeps the events before --start and counts them as history', async () => {
    const dir = workspace();
    await run(['schedule', 'generate', '--start', '2026-11-30', '--weeks', '5'], { cwd: dir, now: NOW });
    const before = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
    const refused = await generate(dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `error: ${path.join(dir, 'rotation.ics')} already exists (10 events)\npass --merge to keep its events outside the generated weeks, or --force to replace the whole calendar\n`,
    );
    expect(readFileSync(path.join(dir, 'rotation.ics'), 'utf8')).toBe(before);
    const merged = await generate(dir, '--merge', '--json');
    expect(merged.code, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ kept: 10, keptBefore: 10, keptInside: 0, keptAfter: 0, removed: 0 });
    const text = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
    expect(text).toMatch(/UID:sre-2026-W49-primary@visit-sre/);
    expect(text).toMatch(/UID:sre-2027-W13-backup@visit-sre/);
    const lastOld = JSON.parse((await run(['who', '--json', '--at', '2026-12-30'], { cwd: dir, now: NOW })).stdout).primary.login;
    expect(JSON.parse(merged.stdout).weeks[0].primary).not.toBe(lastOld); // no Primary two weeks running across --start
  });

  describe('--merge keeps every event outside the generated weeks (#12.17)', () => {
    const blocks = (text: string) => text.match(/^BEGIN:VEVENT\r?\n[\s\S]*?^END:VEVENT\r?$/gm) ?? [];
    const startOf = (block: string) => /^DTSTART;VALUE=DATE:(\d{8})/m.exec(block)![1]!;
    const inWindow = (block: string) => startOf(block) >= '20270301' && startOf(block) < '20270426';

    it('the README example: 104 weeks, then 8 weeks merged in the middle, leaves 208 events and the future intact', async () => {
      const dir = workspace();
      expect((await run(['schedule', 'generate', '--start', '2026-11-30', '--weeks', '104'], { cwd: dir, now: NOW })).code).toBe(0);
      const old = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
      expect(blocks(old)).toHaveLength(208);
      // a non-shift event inside the window is not the rotation's to remove
      const offsite =
        'BEGIN:VEVENT\r\nUID:offsite-2027@example.org\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270311\r\nSUMMARY:Team offsite\r\nEND:VEVENT';
      writeFileSync(path.join(dir, 'rotation.ics'), old.replace('END:VCALENDAR', `${offsite}\r\nEND:VCALENDAR`));
      const r = await run(['schedule', 'generate', '--start', '2027-03-01', '--weeks', '8', '--merge', '--force'], {
        cwd: dir,
        now: '2027-02-20T18:00:00Z',
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /^replacing 16 existing events in 2027-W09 to 2027-W16; keeping 26 before, 1 other than shifts inside and 166 after\nwrote 8 weeks/,
      );
      const now = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
      expect(blocks(now)).toHaveLength(209);
      // every event outside the window, byte for byte, in the same order
      expect(blocks(now).filter((b) => !inWindow(b))).toEqual(blocks(old).filter((b) => !inWindow(b)));
      expect(blocks(now).filter((b) => inWindow(b) && /SRE (Primary|Backup)/.test(b))).toHaveLength(16);
      expect(now).toContain('SUMMARY:Team offsite');
      // and an independent reader sees one Primary and one Backup in every week of the two years
      const events = new ICAL.Component(ICAL.parse(now)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const weeks = new Map<string, string[]>();
      for (const e of events.filter((x) => /SRE/.test(x.summary)))
        weeks.set(e.startDate.toString(), [...(weeks.get(e.startDate.toString()) ?? []), e.summary.split(':')[0]!]);
      expect(weeks.size).toBe(104);
      expect([...weeks.values()].every((roles) => roles.sort().join() === 'SRE Backup,SRE Primary')).toBe(true);
      const march2028 = await run(['who', '--json', '--at', '2028-03-15'], { cwd: dir, now: NOW });
      expect(JSON.parse(march2028.stdout).primary).not.toBeNull();
    });

    /**
     * Every instance of every event, read by ical.js (series expanded, overrides
     * related to their series), as [UID, start, end, SUMMARY], starts as
     * written (a date, or a wall-clock time in the event's zone).
     */
    function icalInstances(text: string): string[][] {
      const comp = new ICAL.Component(ICAL.parse(text));
      for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
      const vevents = comp.getAllSubcomponents('vevent');
      const out: string[][] = [];
      for (const v of vevents.filter((x) => !x.hasProperty('recurrence-id'))) {
        const event = new ICAL.Event(v);
        for (const o of vevents.filter((x) => x.hasProperty('recurrence-id') && x.getFirstPropertyValue('uid') === event.uid))
          event.relateException(new ICAL.Event(o));
        if (!event.isRecurring()) {
          out.push([event.uid, event.startDate.toString(), event.endDate.toString(), event.summary]);
          continue;
        }
        const it = event.iterator();
        for (let next = it.next(), n = 0; next && n < 500; next = it.next(), n++) {
          const d = event.getOccurrenceDetails(next);
          out.push([event.uid, d.startDate.toString(), d.endDate.toString(), d.item.summary]);
        }
      }
      return out.sort((a, b) => (a.join() < b.join() ? -1 : 1));
    }

    it('over a Google-style rotation (RRULE series, a RECURRENCE-ID override, EXDATE), keeps every instance outside the generated weeks, later instances of a series starting inside them included', async () => {
      const dir = tempDir();
      copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'team.json'), path.join(dir, 'team.json'));
      copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'calendars', 'google-rotation.ics'), path.join(dir, 'rotation.ics'));
      writeFileSync(path.join(dir, 'visit-sre.config.json'), JSON.stringify({ rotation: 'rotation.ics', team: 'team.json' }));
      const old = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
      // The weeks of Oct 12 and Oct 19: Grace's biweekly series starts in them, Ada's override and Barbara's series too.
      const r = await run(['schedule', 'generate', '--start', '2026-10-12', '--weeks', '2', '--merge'], {
        cwd: dir,
        now: '2026-10-01T18:00:00Z',
      });
      expect(r.code, r.stderr).toBe(0);
      const now = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
      const inWeeks = (i: string[]) => i[1]! >= '2026-10-12' && i[1]! < '2026-10-26';
      const before = icalInstances(old);
      const after = icalInstances(now);
      // instance by instance, everything outside the two weeks is as it was
      expect(after.filter((i) => !inWeeks(i))).toEqual(before.filter((i) => !inWeeks(i)));
      expect(after.filter((i) => !inWeeks(i)).map((i) => `${i[1]!.slice(0, 10)} ${i[3]}`)).toEqual(
        expect.arrayContaining([
          '2026-10-26 Primary – Grace Hopper',
          '2026-11-23 Primary – Grace Hopper',
          '2026-11-02 SRE Primary: @ada-lovelace',
          '2026-11-16 SRE Primary: @ada-lovelace',
          '2026-10-26 SRE Backup: Barbara Liskov',
          '2026-11-09 SRE Backup: Barbara Liskov',
        ]),
      );
      // inside them, only the generated shifts: one Primary and one Backup a week
      expect(after.filter(inWeeks).map((i) => `${i[1]} ${i[0]!.replace(/-(primary|backup)@.*/, '')} ${i[3]!.split(':')[0]}`)).toEqual([
        '2026-10-12 sre-2026-W42 SRE Backup',
        '2026-10-12 sre-2026-W42 SRE Primary',
        '2026-10-19 sre-2026-W43 SRE Backup',
        '2026-10-19 sre-2026-W43 SRE Primary',
      ]);
      expect(r.stderr).toMatch(
        /^replacing 5 existing events in 2026-W42 to 2026-W43 \(4 of them instances of recurring series, which keep the rest\)/,
      );
      // and visit-sre's own reader agrees: a real person after the generated range is still on duty
      const who = await run(['who', '--json', '--at', '2026-11-25T19:00:00Z'], { cwd: dir, now: NOW });
      expect(JSON.parse(who.stdout).primary?.login).toBe('grace-hopper');
    });

    it('refuses a merge that would remove anything outside the generated weeks, saying what, and writes nothing', async () => {
      const dir = workspace();
      // An event with the UID of a generated week, moved by hand to another week: replacing it would lose that shift.
      const moved = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'BEGIN:VEVENT',
        'UID:sre-2027-W01-primary@visit-sre',
        'DTSTAMP:20261101T000000Z',
        'DTSTART;VALUE=DATE:20270607',
        'DTEND;VALUE=DATE:20270614',
        'SUMMARY:SRE Primary: Ada Lovelace (@ada-lovelace)',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      writeFileSync(path.join(dir, 'rotation.ics'), moved);
      const r = await generate(dir, '--merge');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `error: refusing to merge: it would remove 1 event outside the generated weeks from ${path.join(dir, 'rotation.ics')}: "SRE Primary: Ada Lovelace (@ada-lovelace)" on 2027-06-07 (UID sre-2027-W01-primary@visit-sre)\n` +
          'nothing was written; pass --force (without --merge) to replace the whole calendar, or edit those events by hand\n',
      );
      expect(readFileSync(path.join(dir, 'rotation.ics'), 'utf8')).toBe(moved);
    });

    it('--force without --merge says before writing how many events it removes', async () => {
      const dir = workspace();
      await run(['schedule', 'generate', '--start', '2026-11-30', '--weeks', '20'], { cwd: dir, now: NOW });
      const r = await generate(dir, '--force');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /^replacing the whole calendar: 40 existing events removed \(--merge keeps those outside 2027-W01 to 2027-W13\)\nwrote 13 weeks/,
      );
      const dry = await generate(dir, '--merge', '--dry-run');
      expect(dry.stderr).toMatch(/^would replace 26 existing events in 2027-W01 to 2027-W13; keeping 0 before and 0 after\n/);
    });
  });

  it('prints to stdout with --out - or --dry-run, writing nothing', async () => {
    const dir = workspace();
    const r = await generate(dir, '--out', '-');
    expect(r.stdout).toMatch(/^BEGIN:VCALENDAR/);
    expect(existsSync(path.join(dir, 'rotation.ics'))).toBe(false);
  });

  it.each([
    [['--start', '2027-01-05', '--weeks', '4'], /not a Monday/],
    [['--start', '2027-01-04', '--weeks', 'ten'], /invalid --weeks/],
    [['--start', 'someday', '--weeks', '4'], /invalid --start/],
  ])('%j exits 2', async (args, message) => {
    const r = await run(['schedule', 'generate', ...args], { cwd: workspace(), now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('schedule check', () => {
  it('finds gaps, overlaps, double roles, unknown people and unavailability; exit 8 with --fail-on-problems', async () => {
    const dir = workspace();
    await generate(dir);
    const bad = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//t//EN',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20270104',
      'DTEND;VALUE=DATE:20270111',
      'SUMMARY:SRE Primary: @edsger-d',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20270104',
      'DTEND;VALUE=DATE:20270111',
      'SUMMARY:SRE Backup: @edsger-d',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:c',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20270108',
      'DTEND;VALUE=DATE:20270112',
      'SUMMARY:SRE Primary: Jane Visitor',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:d',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20270118',
      'DTEND;VALUE=DATE:20270215',
      'SUMMARY:SRE Primary: @ada-lovelace',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    writeFileSync(path.join(dir, 'bad.ics'), bad);
    writeFileSync(
      path.join(dir, 'team.json'),
      JSON.stringify([
        ...JSON.parse(readFileSync(TEAM, 'utf8')).map((m: { login: string }) =>
          m.login === 'edsger-d' ? { ...m, unavailable: [{ from: '2027-01-05', to: '2027-01-06', reason: 'conference' }] } : m,
        ),
      ]),
    );
    const r = await run(
      ['schedule', 'check', '--calendar', 'bad.ics', '--from', '2027-01-04', '--to', '2027-02-15', '--json', '--fail-on-problems'],
      { cwd: dir, now: NOW },
    );
    expect(r.code).toBe(8);
    const kinds = (JSON.parse(r.stdout).problems as Array<{ kind: string; detail: string }>).map((p) => p.kind);
    for (const k of ['gap', 'overlap', 'same-person', 'unknown-person', 'unavailable', 'share']) expect(kinds).toContain(k);
    const clean = await run(['schedule', 'check', '--from', '2027-01-04', '--to', '2027-04-05', '--fail-on-problems'], {
      cwd: workspace(),
      now: NOW,
    });
    expect(clean.code).toBe(2); // no calendar yet
    const good = await run(['schedule', 'check', '--from', '2027-01-04', '--to', '2027-04-05', '--fail-on-problems', '--json'], {
      cwd: dir,
      now: NOW,
    });
    expect(JSON.parse(good.stdout).problems).toEqual([]);
    expect(good.code).toBe(0);
  });
});

describe('schedule swap', () => {
  it('rewrites one event with the same UID and SEQUENCE + 1, and prints the announcement', async () => {
    const dir = workspace();
    const plan = JSON.parse((await generate(dir, '--json')).stdout) as {
      weeks: Array<{ monday: string; primary: string; backup: string }>;
    };
    const w = plan.weeks[3]!;
    const candidate = team.find(
      (m) =>
        ![w.primary, w.backup, plan.weeks[2]!.primary, plan.weeks[4]!.primary].includes(m.login) &&
        m.experienced &&
        m.unavailable.length === 0,
    )!;
    const before = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
    const r = await run(['schedule', 'swap', '--week', w.monday, '--role', 'primary', '--with', `@${candidate.login}`], {
      cwd: dir,
      now: '2026-12-01T12:00:00Z',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Primary for the week of .* is now @${candidate.login} .*taking over from @${w.primary}`));
    const after = readFileSync(path.join(dir, 'rotation.ics'), 'utf8');
    const block = /BEGIN:VEVENT\r\nUID:sre-2027-W04-primary@visit-sre[\s\S]*?END:VEVENT/.exec(after)![0];
    expect(block).toMatch(/^SEQUENCE:1\r$/m);
    expect(block).toMatch(/^DTSTAMP:20261201T120000Z\r$/m);
    expect(block).toMatch(new RegExp(`^SUMMARY:SRE Primary: ${candidate.name} \\(@${candidate.login}\\)\\r$`, 'm'));
    expect(after.replace(block, '')).toBe(before.replace(/BEGIN:VEVENT\r\nUID:sre-2027-W04-primary@visit-sre[\s\S]*?END:VEVENT/, ''));
    const who = JSON.parse((await run(['who', '--json', '--at', `${w.monday}T20:00:00Z`], { cwd: dir, now: NOW })).stdout);
    expect(who.primary.login).toBe(candidate.login);
  });

  it('refuses a swap that breaks a constraint, names it, and --force overrides', async () => {
    const dir = workspace();
    const plan = JSON.parse((await generate(dir, '--json')).stdout) as {
      weeks: Array<{ monday: string; primary: string; backup: string }>;
    };
    const w = plan.weeks[1]!;
    const r = await run(['schedule', 'swap', '--week', w.monday, '--role', 'primary', '--with', w.backup], { cwd: dir, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`refusing the swap: @${w.backup} is already Backup that week`));
    const forced = await run(['schedule', 'swap', '--week', w.monday, '--role', 'primary', '--with', w.backup, '--force'], {
      cwd: dir,
      now: NOW,
    });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Note: .*already Backup/);
    const away = await run(['schedule', 'swap', '--week', '2026-12-21', '--role', 'backup', '--with', 'edsger-d'], { cwd: dir, now: NOW });
    expect(away.code).toBe(2);
    expect(away.stderr).toMatch(/no backup event for week 2026-W52|unavailable/);
  });
});
