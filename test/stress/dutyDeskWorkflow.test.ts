import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT } from '../support/deps.js';
import { user } from '../support/scenario.js';
import { desk, deskConfig, deskScenario } from '../support/desk.js';
import { actionDefaults, runAction, withInputs } from '../support/action.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const workflow = readFileSync(path.join(REPO_ROOT, 'examples', 'duty-desk.yml'), 'utf8');
const action = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');

/** The `run:` steps of a workflow or action, one-line or block, as the runner would see them. */
function runSteps(yaml: string): string[] {
  const out: string[] = [];
  const lines = yaml.split('\n');
  lines.forEach((line, i) => {
    const m = /^(\s*)(?:- )?run: (.*)$/.exec(line);
    if (!m) return;
    if (m[2] !== '|') return void out.push(m[2]!);
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j]!.trim() === '' || lines[j]!.search(/\S/) > m[1]!.length); j++)
      block.push(lines[j]!.trim());
    out.push(block.join('\n').trim());
  });
  return out;
}

/** A Saturday question, Monday morning, with the Actions token: comments come from github-actions[bot]. */
async function monday() {
  standin = await startStandin({
    ...deskScenario([{ ...user('jdoe', '2026-11-28T22:00:00Z', 'Silo crash'), title: 'Silo crash' }]),
    viewer: 'github-actions[bot]',
  });
  return { GITHUB_API_URL: standin.url, VISIT_SRE_CONFIG: deskConfig(), VISIT_SRE_NOW: '2026-11-30T17:15:00Z' };
}

describe('examples/duty-desk.yml', () => {
  it('runs every 15 minutes on weekdays, one run at a time, with only the permissions it needs', () => {
    // When it runs is test/unit/exampleCron.test.ts's business; here: every 15 minutes.
    expect(workflow).toMatch(/schedule:\n(?:\s+#.*\n)*\s+- cron: "\*\/15 /);
    expect(workflow).toMatch(/concurrency:\n\s+group: duty-desk\n\s+cancel-in-progress: false/);
    const permissions = /permissions:\n((?:\s+\w+: \w+.*\n)+)/
      .exec(workflow)![1]!
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
    expect(permissions.sort()).toEqual(['contents: read', 'discussions: write', 'issues: write']);
  });

  it("restores the watch's state before notify and saves it after, so a run reads only what changed", () => {
    expect(workflow).toMatch(
      /- uses: actions\/cache@v4\n\s+with:\n\s+path: ~\/\.cache\/visit-sre\/watch\n\s+key: visit-sre-watch-\$\{\{ github\.run_id \}\}\n\s+restore-keys: visit-sre-watch-\n\s+- name: Notify\n/,
    );
  });

  it('its action step, as written, notifies once as github-actions[bot], and a second run changes nothing', async () => {
    const env = await monday();
    const inputs = withInputs(workflow);
    expect(workflow).toMatch(/uses: OWNER\/visit-sre@v1\n/);
    expect(runSteps(workflow)).toEqual([]);
    expect(inputs.command).toBe('notify');
    const { webhook: _secret, ...given } = inputs;
    const r = await runAction(given, { env: { ...env, GH_TOKEN: standin!.token } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ new #100 → grace-hopper: done/);
    expect(desk(standin!).feed.map((c) => [c.author, c.keys])).toEqual([['github-actions[bot]', ['100@2026-11-28T22:00:00Z:new']]]);
    const again = await runAction(given, { env: { ...env, GH_TOKEN: standin!.token, VISIT_SRE_NOW: '2026-11-30T17:30:00Z' } });
    expect(again.code, again.stderr).toBe(0);
    expect(desk(standin!).feed).toHaveLength(1);
  });
});

describe('action.yml', () => {
  it("is a JavaScript action on the runner's Node 24 that runs the committed bundle, with no step that installs", () => {
    expect(action).toMatch(/runs:\n\s+using: node24\n\s+main: action\/run\.mjs\n/);
    expect(action.replace(/^\s*#.*$/gm, '')).not.toMatch(/setup-node|npm (ci|install)|steps:/);
    expect(actionDefaults()).toEqual({ command: 'notify', config: '', webhook: '', summary: 'false' });
  });

  it('runs the command given, a quoted argument kept whole, and never prints the webhook', async () => {
    const env = await monday();
    const hook = 'https://hooks.example.test/services/SECRET';
    const r = await runAction({ command: 'notify --json', webhook: hook }, { env: { ...env, GH_TOKEN: standin!.token } });
    expect(r.code, r.stderr).toBe(0);
    const [mask, ...rest] = r.stdout.split('\n');
    expect(mask).toBe(`::add-mask::${hook}`); // the runner hides it from the log from here on
    expect(JSON.parse(rest.join('\n')).notifications).toHaveLength(1);
    expect(r.stderr).toMatch(/the webhook \(VISIT_SRE_WEBHOOK\) failed/);
    expect(rest.join('\n') + r.stderr).not.toContain('SECRET');
    const who = await runAction({ command: `who --json --at "2026-11-30 09:00"` }, { env });
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout).at).toBe('2026-11-30T17:00:00Z');
  });

  it('refuses a command that would need a shell, naming the character', async () => {
    const r = await runAction({ command: 'notify; echo owned' });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/the command input: ; at character 7 of the command would need a shell/);
  });
});
