import { describe, expect, it } from 'vitest';
import { run } from '../support/deps.js';
import { ROTATION, TUESDAY, weekStandin } from '../support/week.js';
import { declareAll, SUMMARIES } from '../../src/program.js';

const { sre } = weekStandin();

describe('the habits of gh', () => {
  it('-R/--repo reads another repository than the configured one', async () => {
    const other = await sre(['overdue', '-R', 'visit-dav/other-repo']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/visit-dav\/other-repo/);
    const same = await sre(['--repo', 'visit-dav/visit', 'overdue', '--json', 'number']);
    expect(same.code, same.stderr).toBe(0);
  });

  it('-R with something that is not OWNER/NAME is a usage error', async () => {
    const r = await sre(['overdue', '-R', 'visit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: invalid --repo "visit"\nwrite it as OWNER/NAME, for example visit-dav/visit\n');
  });

  it('promote --repo still names the product repository, as SPEC has it', async () => {
    const r = await sre(['promote', '105', '--repo', 'visit-dav/visit', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions[0]).toMatchObject({ kind: 'promote', number: 105, status: 'planned' });
  });

  it('-n is --next, -q is --quiet, -y is --yes', async () => {
    const long = await run(['who', '--calendar', ROTATION, '--next', '2', '--json'], { now: TUESDAY });
    const short = await run(['who', '--calendar', ROTATION, '-n', '2', '--json'], { now: TUESDAY });
    expect(short.stdout).toBe(long.stdout);
    expect(JSON.parse(short.stdout).upcoming).toHaveLength(2);
    const quiet = await sre(['overdue', '-q', '--fail-on-overdue']);
    expect(quiet.code).toBe(8);
    const closing = await sre(['overdue', '--close-stale', '-y', '--dry-run', '--json']);
    expect(closing.code, closing.stderr).toBe(0);
    expect(closing.json().actions.map((a: { status: string }) => a.status)).toEqual(['planned']);
  });

  it('escalate --to a b 101 takes the number back from the list', async () => {
    const r = await sre(['escalate', '--to', 'grace-hopper', 'alan-turing', '101', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions[0]).toMatchObject({ kind: 'escalation', number: 101, status: 'planned' });
    expect(r.json().previews[0]).toContain('"to":["grace-hopper","alan-turing"]');
  });

  it('escalate with no number says how to write it', async () => {
    const r = await sre(['escalate', '--to', 'grace-hopper', 'alan-turing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: missing the discussion number\nwrite it first: visit-sre escalate 4321 --to grace-hopper alan-turing\n/,
    );
  });

  it.each(['start', 'overdue', 'who', 'view', 'schedule generate'])('%s --help shows the global flags', async (command) => {
    const r = await run([...command.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Global Options:[\s\S]*--json[\s\S]*--jq <expr>[\s\S]*-R, --repo <owner\/name>/);
  });
});

describe('typed commands', () => {
  it("the top-level list says what each command's own declaration says", async () => {
    const declared = await declareAll(async () => {});
    expect(Object.fromEntries(declared.map((c) => [c.name(), { usage: c.usage(), does: c.description() }]))).toEqual(SUMMARIES);
  });

  it('an enumerated flag refuses other values before anything runs', async () => {
    const r = await run(['overdue', '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: option '--format <format>' argument 'html' is invalid\. Allowed choices are table, text, tsv, markdown, json\./,
    );
  });
});
