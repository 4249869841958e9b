import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';

const TEAM = path.join(REPO_ROOT, 'schedules', 'team.json');
const NOW = '2026-11-25T18:00:00Z';

function workspace(): string {
  const dir = tempDir();
  copyFileSync(TEAM, path.join(dir, 'team.json'));
  writeFileSync(path.join(dir, 'visit-sre.config.json'), JSON.stringify({ rotation: 'rotation.ics', team: 'team.json' }));
  return dir;
}

const generate = (dir: string, args: string[], tty = false) =>
  run(['schedule', 'generate', '--start', '2027-01-04', '--weeks', '4', ...args], { cwd: dir, now: NOW, tty, env: { NO_COLOR: '1' } });
const SHARE_HEAD = ['LOGIN', 'SHARE', 'TARGET WEEKS', 'PRIMARY WEEKS', 'BACKUP WEEKS'];

describe('schedule output a person can read', () => {
  it('--dry-run shows a week / Primary / Backup table and the shares, writes nothing and prints no iCal', async () => {
    const dir = workspace();
    const r = await generate(dir, ['--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('BEGIN:VCALENDAR');
    const [weeks, shares] = r.stdout.split('\n\n');
    expect(weeks!.split('\n')[0]).toBe('WEEK\tMONDAY\tPRIMARY\tBACKUP');
    expect(
      weeks!
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t').slice(0, 2)),
    ).toEqual([
      ['2027-W01', '2027-01-04'],
      ['2027-W02', '2027-01-11'],
      ['2027-W03', '2027-01-18'],
      ['2027-W04', '2027-01-25'],
    ]);
    expect(shares!.split('\n')[0]!.split('\t').slice(0, 5)).toEqual(SHARE_HEAD);
    expect(existsSync(path.join(dir, 'rotation.ics'))).toBe(false);
  });

  it('on a terminal the table names people', async () => {
    const r = await generate(workspace(), ['--dry-run'], true);
    expect(r.stdout).toMatch(/^WEEK +MONDAY +PRIMARY +BACKUP\n2027-W01 +2027-01-04 +\w[\w ]+ \(@[\w-]+\) +\w[\w ]+ \(@[\w-]+\)\n/);
  });

  it('--format ics gives the raw calendar; piped, the shares go to stderr with their header, never into the calendar', async () => {
    const r = await generate(workspace(), ['--dry-run', '--format', 'ics']);
    expect(r.stdout).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(r.stderr.split('\n')[0]!.split('\t').slice(0, 5)).toEqual(SHARE_HEAD);
  });

  it('on a terminal the iCal stream stays clean: no table after END:VCALENDAR', async () => {
    const r = await generate(workspace(), ['--out', '-'], true);
    expect(r.stdout.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(r.stderr).not.toContain('LOGIN');
  });

  it('check and generate state shares in the same columns and units', async () => {
    const dir = workspace();
    expect((await generate(dir, [])).code).toBe(0);
    const gen = (await generate(workspace(), [], true)).stdout;
    const check = await run(['schedule', 'check', '--from', '2027-01-04', '--to', '2027-02-01'], {
      cwd: dir,
      now: NOW,
      tty: true,
      env: { NO_COLOR: '1' },
    });
    const header = (text: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith('LOGIN'))!
        .split(/ {2,}/)
        .slice(0, 5);
    expect(header(gen)).toEqual(SHARE_HEAD);
    expect(header(check.stdout)).toEqual(SHARE_HEAD);
    expect(check.stdout).toMatch(/\nada-lovelace +20% +0\.8 +1 +2\n/);
    expect(gen).toMatch(/\nada-lovelace +20% +0\.8 +1 +2 +3\n/);
  });

  it('an unknown --format is a usage error', async () => {
    const r = await generate(workspace(), ['--dry-run', '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'csv' is invalid\. Allowed choices are table, ics\./);
  });
});
