import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, tempDir } from '../support/deps.js';
import { pathWithTool } from '../support/bin.js';
import { user } from '../support/scenario.js';
import { desk, deskConfig, deskScenario } from '../support/desk.js';

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

function shell(
  script: string,
  env: Record<string, string>,
  program = 'sh',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = tempDir();
  const child = spawn(program, ['-c', script], {
    env: {
      PATH: pathWithTool(),
      HOME: home,
      XDG_CACHE_HOME: path.join(home, 'c'),
      VISIT_SRE_RETRY_BASE_MS: '1',
      VISIT_SRE_MUTATION_SPACING_MS: '5',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
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
    expect(workflow).toMatch(/schedule:\n\s+- cron: "\*\/15 \* \* \* 1-5"/);
    expect(workflow).toMatch(/concurrency:\n\s+group: duty-desk\n\s+cancel-in-progress: false/);
    const permissions = /permissions:\n((?:\s+\w+: \w+.*\n)+)/
      .exec(workflow)![1]!
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
    expect(permissions.sort()).toEqual(['contents: read', 'discussions: write', 'issues: write']);
  });

  it('its run: steps, as written, notify once as github-actions[bot], and a second run changes nothing', async () => {
    const env = await monday();
    const steps = runSteps(workflow);
    expect(steps).toEqual(['npm install --global visit-sre', 'visit-sre notify']);
    // The install is what pathWithTool() stands for; the rest runs as written.
    for (const step of steps.slice(1)) {
      const r = await shell(step, { ...env, GH_TOKEN: standin!.token });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/✓ new #100 → grace-hopper: done/);
    }
    expect(desk(standin!).feed.map((c) => [c.author, c.keys])).toEqual([['github-actions[bot]', ['100@2026-11-28T22:00:00Z:new']]]);
    const again = await shell(steps[1]!, { ...env, GH_TOKEN: standin!.token, VISIT_SRE_NOW: '2026-11-30T17:30:00Z' });
    expect(again.code, again.stderr).toBe(0);
    expect(desk(standin!).feed).toHaveLength(1);
  });
});

describe('action.yml', () => {
  it('is a composite action on Node 24 with config and command inputs', () => {
    expect(action).toMatch(/runs:\n\s+using: composite/);
    expect(action).toMatch(/node-version: 24/);
    expect(action).toMatch(/inputs:\n\s+command:[\s\S]*default: notify[\s\S]*config:/);
  });

  it('its run step runs the command given, and never prints the webhook', async () => {
    const env = await monday();
    const step = runSteps(action).find((s) => s.includes('visit-sre.js'))!;
    const hook = 'https://hooks.example.test/services/SECRET';
    const r = await shell(
      step,
      { ...env, GITHUB_ACTION_PATH: REPO_ROOT, GH_TOKEN: standin!.token, VISIT_SRE_COMMAND: 'notify --json', VISIT_SRE_WEBHOOK: hook },
      'bash',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).notifications).toHaveLength(1);
    expect(r.stderr).toMatch(/the webhook \(VISIT_SRE_WEBHOOK\) failed/);
    expect(r.stdout + r.stderr).not.toContain('SECRET');
  });
});
