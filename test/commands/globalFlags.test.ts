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

  it('-n is --next, -y is --yes, --quiet is spelled in full', async () => {
    const long = await run(['who', '--calendar', ROTATION, '--next', '2', '--json'], { now: TUESDAY });
    const short = await run(['who', '--calendar', ROTATION, '-n', '2', '--json'], { now: TUESDAY });
    expect(short.stdout).toBe(long.stdout);
    expect(JSON.parse(short.stdout).upcoming).toHaveLength(2);
    const quiet = await sre(['overdue', '--quiet', '--fail-on-overdue']);
    expect(quiet.code).toBe(8);
    const closing = await sre(['overdue', '--close-stale', '-y', '--dry-run', '--json']);
    expect(closing.code, closing.stderr).toBe(0);
    expect(closing.json().actions.map((a: { status: string }) => a.status)).toEqual(['planned']);
  });

  it('-q is --jq, as in gh', async () => {
    const short = await sre(['overdue', '-q', '.overdue[].url']);
    expect(short.code, short.stderr).toBe(0);
    expect(short.stdout).toBe('https://github.com/visit-dav/visit/discussions/101\n');
    expect((await sre(['overdue', '--jq', '.overdue[].url'])).stdout).toBe(short.stdout);
    // Before the command, -q's expression is not taken for it, nor `number` for an argument.
    const fields = await sre(['-q', '.overdue[0] | keys | join(",")', 'overdue', '--json', 'number,url']);
    expect(fields.code, fields.stderr).toBe(0);
    expect(fields.stdout).toBe('number,url\n');
  });

  it.each([
    [['overdue', '-q'], 'visit-sre overdue --quiet'],
    [['overdue', '-q', '--fail-on-overdue'], 'visit-sre overdue --quiet --fail-on-overdue'],
    [['overdue', '--fail-on-overdue', '-q'], 'visit-sre overdue --quiet --fail-on-overdue'],
    [['-q', 'overdue', '--format', 'text'], 'visit-sre overdue --quiet --format text'],
  ])('the old -q for --quiet, %j, says what to write instead', async (args, instead) => {
    const r = await sre(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: -q is now --jq (as in gh) and needs a jq expression\nfor quiet output write --quiet: ${instead}\n`);
    expect(r.stdout).toBe('');
  });

  it('-q with no expression where there is no --quiet says what -q takes', async () => {
    const r = await run(['who', '--calendar', ROTATION, '-q'], { now: TUESDAY });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: -q is now --jq (as in gh) and needs a jq expression\nsuch as -q '.' for the whole document (https://jqlang.org/manual/)\n",
    );
  });

  it.each([
    [['schedule', 'gen'], "unknown command 'gen' for visit-sre schedule\ndid you mean generate? (visit-sre schedule --help lists them)"],
    [
      ['schedule', 'chek', '--json'],
      "unknown command 'chek' for visit-sre schedule\ndid you mean check? (visit-sre schedule --help lists them)",
    ],
    [['wh'], "unknown command 'wh' for visit-sre\ndid you mean who? (visit-sre --help lists them)"],
    [['post', '101'], "unknown command 'post' for visit-sre\ndid you mean postmortem? (visit-sre --help lists them)"],
    [['sta'], "unknown command 'sta' for visit-sre\ndid you mean start or stats? (visit-sre --help lists them)"],
    [['schedule', 'zzz'], "unknown command 'zzz' for visit-sre schedule\nvisit-sre schedule --help lists the commands"],
    [['toString'], "unknown command 'toString' for visit-sre\nvisit-sre --help lists the commands"],
    [['help', 'wh'], "unknown command 'wh' for visit-sre\ndid you mean who? (visit-sre --help lists them)"],
  ])('a mistyped command, %j, gets a suggestion', async (args, said) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${said}\n`);
    expect(r.stdout).toBe('');
  });

  it('help COMMAND still shows that command, wherever the global flags are', async () => {
    const r = await run(['help', '--config', 'nowhere.json', 'who']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: visit-sre who /);
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
