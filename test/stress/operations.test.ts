import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, tempDir } from '../support/deps.js';
import { pathWithTool } from '../support/bin.js';
import { scenario, user } from '../support/scenario.js';
import { runAction, withInputs } from '../support/action.js';

const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

function sh(command: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('sh', ['-c', command], { env: { PATH: pathWithTool(), HOME: tempDir(), VISIT_SRE_RETRY_BASE_MS: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const cronLine = /<!-- crontab -->\n```\n(.+)\n```/.exec(README)![1]!;
const cronCommand = cronLine.split(/\s+/).slice(5).join(' ');
const workflow = readFileSync(path.join(REPO_ROOT, 'examples', 'overdue.yml'), 'utf8');
const workflowInputs = withInputs(workflow);

describe('the README crontab line, run as written', () => {
  it('mails (prints) and exits 8 when something is overdue', async () => {
    standin = await startStandin(WEEK);
    const r = await sh(cronCommand, {
      GITHUB_API_URL: standin.url,
      GH_TOKEN: standin.token,
      VISIT_SRE_CONFIG: CONFIG,
      VISIT_SRE_NOW: '2026-12-01T19:00:00Z',
    });
    expect(cronCommand).toBe('visit-sre overdue --quiet --fail-on-overdue');
    expect(r.code).toBe(8);
    // The mail body is the plain-text report, not headerless TSV.
    expect(r.stdout).toMatch(/^Support report for visit-dav\/visit, [^\n]*\n[\s\S]*\nOverdue \(1\)\n {2}#101 {2}/);
  });

  it('is silent (no mail) and exits 0 when nothing is overdue or stale', async () => {
    standin = await startStandin(scenario([{ ...user('u', '2026-12-01T18:30:00Z'), title: 'fresh' }]));
    const r = await sh(cronCommand, {
      GITHUB_API_URL: standin.url,
      GH_TOKEN: standin.token,
      VISIT_SRE_CONFIG: CONFIG,
      VISIT_SRE_NOW: '2026-12-01T19:00:00Z',
    });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('examples/overdue.yml, its command run as written', () => {
  it('is scheduled, one run at a time, reads only, within a time limit, and uses the action with its default token', () => {
    expect(workflow).toMatch(/on:\n\s+schedule:\n(\s+#.*\n)*\s+- cron: "[^"]+"/);
    expect(workflow).toMatch(/concurrency:\n\s+group: support-overdue\n/);
    expect(workflow).toMatch(/timeout-minutes: \d+/);
    const permissions = /^permissions:\n((?: {2}\w+: \w+.*\n)+)/m.exec(workflow)![1]!;
    expect(permissions).not.toMatch(/write/);
    expect(workflow).toMatch(/uses: actions\/checkout@v5\n/);
    expect(workflow).toMatch(/uses: OWNER\/visit-sre@v1\n/);
    expect(workflowInputs).toEqual({ command: 'overdue --format markdown --fail-on-overdue', summary: 'true' });
  });

  it('writes the markdown report to the step summary and fails the run on overdue items', async () => {
    standin = await startStandin(WEEK);
    const summary = path.join(tempDir(), 'summary.md');
    writeFileSync(summary, '');
    const r = await runAction(workflowInputs, {
      env: {
        GITHUB_API_URL: standin.url,
        GH_TOKEN: standin.token,
        GITHUB_STEP_SUMMARY: summary,
        VISIT_SRE_CONFIG: CONFIG,
        VISIT_SRE_NOW: '2026-12-01T19:00:00Z',
      },
    });
    expect(r.code).toBe(8);
    expect(readFileSync(summary, 'utf8')).toMatch(/### Overdue \(1\)\n/);
  });
});

describe('packaging', () => {
  it('npm pack gives a tarball with no dependencies that installs globally with no network and runs, templates included', () => {
    const dir = tempDir('visit-sre-pack-');
    const pack = spawnSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts', '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/visit-sre.js',
        'bundle/lib/visit-sre.js',
        'bundle/THIRD-PARTY-NOTICES.txt',
        'templates/handoff.md',
        'templates/postmortem.md',
        'schedules/rotation.ics',
        'README.md',
      ]),
    );
    expect(files.some((f) => /^(test|src|dist|node_modules)\//.test(f))).toBe(false);
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    const prefix = path.join(dir, 'global');
    // --offline: npm may not reach any registry, nor an empty cache stand for one.
    const install = spawnSync(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        path.join(dir, info!.filename),
      ],
      { encoding: 'utf8', timeout: 240_000, env: { ...process.env, npm_config_cache: path.join(dir, 'empty-cache') } },
    );
    expect(install.status, install.stderr).toBe(0);
    const bin = path.join(prefix, 'bin', 'visit-sre');
    const env = { ...process.env, VISIT_SRE_NOW: '2026-11-25T18:00:00Z', HOME: dir, XDG_CACHE_HOME: path.join(dir, 'cache') };
    const help = spawnSync(bin, ['--help'], { encoding: 'utf8', env });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: visit-sre/);
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8', env });
    expect(version.stdout.trim()).toBe(manifest.version);
    const installed = path.join(prefix, 'lib', 'node_modules', 'visit-sre');
    expect(existsSync(path.join(installed, 'templates', 'handoff.md'))).toBe(true);
    expect(existsSync(path.join(installed, 'node_modules'))).toBe(false);
    const who = spawnSync(bin, ['who', '--json', '--calendar', path.join(installed, 'schedules', 'rotation.ics')], {
      encoding: 'utf8',
      cwd: dir,
      env,
    });
    expect(who.status, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout).primary.login).toBe('ada-lovelace');
  }, 300_000);
});
