import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from '../support/deps.js';
import { runAction } from '../support/action.js';
import { lintWorkflow, lintWorkflows } from '../../scripts/actionlint.mjs';

describe('the Action from a fresh clone', () => {
  it('runs its committed entry and bundle with no node_modules and no build', async () => {
    const clone = path.join(tempDir('visit-sre-clone-'), 'visit-sre');
    const git = spawnSync('git', ['clone', '--quiet', '--no-local', REPO_ROOT, clone], { encoding: 'utf8' });
    expect(git.status, git.stderr).toBe(0);
    expect(existsSync(path.join(clone, 'node_modules'))).toBe(false);
    expect(existsSync(path.join(clone, 'dist'))).toBe(false);
    const r = await runAction(
      { command: `who --json --calendar schedules/rotation.ics --at '2026-11-25 10:00'` },
      { root: clone, env: { VISIT_SRE_NOW: '2026-11-20T18:00:00Z' } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ at: '2026-11-25T18:00:00Z', primary: { login: 'ada-lovelace' } });
  }, 120_000);
});

describe('actionlint on the workflows this repository ships', () => {
  it('finds nothing in examples/ nor in a workflow that uses action.yml with each input', async () => {
    const { files, problems } = await lintWorkflows();
    expect(files).toEqual(['examples/duty-desk.yml', 'examples/overdue.yml', 'action.yml (uses: ./)']);
    expect(problems).toEqual([]);
  });

  it('would find a mistake: an unknown permission, an input the action lacks, an untrusted expression in a script', async () => {
    const bad = [
      'on: issues',
      'permissions:',
      '  discussion: write',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: OWNER/visit-sre@v1',
      '        with:',
      '          comand: notify',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, on purpose
      '      - run: echo "${{ github.event.issue.title }}"',
      '',
    ].join('\n');
    const messages = (await lintWorkflow(bad, 'bad.yml')).map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^3: unknown permission scope "discussion"/),
      expect.stringMatching(/^11: "github.event.issue.title" is potentially untrusted/),
      expect.stringMatching(/^10: input "comand" is not defined in action.yml/),
    ]);
  });
});
