import { describe, expect, it } from 'vitest';
import { run } from '../support/deps.js';
import { ROTATION, TUESDAY, weekStandin } from '../support/week.js';
import { extractJsonFields, fieldsOf, JSON_FIELDS, selectFields } from '../../src/shell/json.js';
import { memoryGitHub } from '../support/memoryGitHub.js';
import { deskConfig, deskScenario } from '../support/desk.js';
import { user } from '../support/scenario.js';

const week = weekStandin();
const sre = (args: string[]) => week.sre(args);

describe('--json FIELDS, as gh has it', () => {
  it('overdue --json number,url keeps every list, each item cut to those keys', async () => {
    const whole = JSON.parse((await sre(['overdue', '--json'])).stdout);
    const r = await sre(['overdue', '--json', 'number,url']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc).sort()).toEqual(['dueSoon', 'overdue', 'stale']);
    expect(doc.overdue.length).toBeGreaterThan(0);
    expect(doc.overdue).toEqual(whole.overdue.map((i: { number: number; url: string }) => ({ number: i.number, url: i.url })));
  });

  it('a document key keeps that key whole; with item keys its list is cut to them', async () => {
    const doc = JSON.parse((await sre(['overdue', '--json=overdue,number'])).stdout);
    expect(Object.keys(doc)).toEqual(['overdue']);
    expect(Object.keys(doc.overdue[0])).toEqual(['number']);
  });

  it('an unknown field is a usage error that lists the fields, before any request', async () => {
    const r = await sre(['overdue', '--json', 'nubmer,url']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: unknown JSON field: nubmer \(did you mean number\?\)\navailable fields: .*\bnumber\b.*\burl\b/);
    expect(week.standin().log).toHaveLength(0);
  });

  it.each([
    ['notify', ['notify', '--json', 'notifcations']],
    ['effort', ['effort', '101', '30m', '--json', 'numbr']],
  ])('%s, a writer, refuses an unknown field before it reads or writes anything', async (_command, args) => {
    const r = await sre(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: unknown JSON field: \w+ \(did you mean (notifications|number)\?\)\navailable fields: /);
    expect(week.standin().log).toHaveLength(0);
  });

  it('a discussion number after --json stays the argument', () => {
    expect(extractJsonFields(['escalate', '--json', '101'])).toEqual({
      argv: ['escalate', '--json', '101'],
      fields: null,
      command: 'escalate',
    });
    expect(extractJsonFields(['--json', 'who'])).toEqual({ argv: ['--json', 'who'], fields: null, command: 'who' });
    expect(extractJsonFields(['schedule', 'check', '--json', 'problems'])).toEqual({
      argv: ['schedule', 'check', '--json'],
      fields: ['problems'],
      command: 'schedule check',
    });
    expect(extractJsonFields(['--config', 'x.json', 'overdue', '--json', 'overdue'])).toMatchObject({
      fields: ['overdue'],
      command: 'overdue',
    });
  });

  it('works offline too: who --json primary', async () => {
    const r = await run(['who', '--calendar', ROTATION, '--json', 'primary'], { now: TUESDAY });
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['primary']);
  });

  it('selectFields leaves lists of plain values alone unless named', () => {
    expect(selectFields({ overdue: [1, 2], discussions: [{ number: 1, title: 't' }] }, ['number'])).toEqual({
      discussions: [{ number: 1 }],
    });
  });
});

describe('--jq EXPR', () => {
  it('filters the document and prints strings raw, one result a line', async () => {
    const whole = JSON.parse((await sre(['overdue', '--json'])).stdout);
    const r = await sre(['overdue', '--jq', '.overdue[] | "\\(.number) \\(.url)"']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(whole.overdue.map((i: { number: number; url: string }) => `${i.number} ${i.url}\n`).join(''));
  });

  it('prints other values as compact JSON when piped', async () => {
    const r = await run(['who', '--calendar', ROTATION, '--jq', '{p: .primary.login, b: .backup.login}'], { now: TUESDAY });
    expect(r.stdout).toBe('{"p":"grace-hopper","b":"edsger-d"}\n');
  });

  it('an expression jq cannot read is a one-line usage error', async () => {
    const r = await run(['who', '--calendar', ROTATION, '--jq', '.primary |||'], { now: TUESDAY });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --jq: syntax error, unexpected '\|'.*\nsee https:\/\/jqlang.org\/manual\/ for the language\n$/);
  });

  it('combines with a field list: fields first, then jq', async () => {
    const r = await run(['who', '--calendar', ROTATION, '--json', 'primary', '--jq', 'keys'], { now: TUESDAY });
    expect(r.stdout).toBe('["primary"]\n');
  });
});

describe('the declared fields are the fields the commands print', () => {
  it.each([
    ['overdue', ['overdue', '--json']],
    ['start', ['start', '--json', '--as', 'grace-hopper']],
    ['escalate', ['escalate', '101', '--dry-run', '--json']],
    ['handoff', ['handoff', '--dry-run', '--json']],
    ['effort', ['effort', '101', '30m', '--dry-run', '--json']],
  ])('%s', async (command, args) => {
    const r = await sre(args);
    expect(r.code, r.stderr).toBe(0);
    const printed = fieldsOf(JSON.parse(r.stdout));
    expect(printed.filter((f) => !JSON_FIELDS[command]!.includes(f))).toEqual([]);
  });

  it('notify', async () => {
    const now = '2026-11-30T17:15:00Z';
    const gh = memoryGitHub(
      deskScenario([{ ...user('jdoe', '2026-11-28T22:00:00Z', 'Saturday: the Silo reader crashes'), title: 'Silo crash' }]),
      {
        now: () => now,
      },
    );
    const r = await run(['notify', '--dry-run', '--json'], { now, env: { VISIT_SRE_CONFIG: deskConfig() }, githubPort: gh.port });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.notifications.length).toBeGreaterThan(0);
    expect(fieldsOf(doc).filter((f) => !JSON_FIELDS.notify!.includes(f))).toEqual([]);
    gh.verify();
  });

  it('who', async () => {
    const r = await run(['who', '--calendar', ROTATION, '--next', '1', '--json'], { now: TUESDAY });
    expect(fieldsOf(JSON.parse(r.stdout)).filter((f) => !JSON_FIELDS.who!.includes(f))).toEqual([]);
  });
});
