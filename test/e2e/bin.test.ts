import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from '../support/deps.js';
import type { Chunk } from '../../scripts/bundle.mjs';
import { bundle } from '../../scripts/bundle.mjs';

const BIN = path.join(REPO_ROOT, 'bin', 'visit-sre.js');

function sh(args: string[], opts: { env?: Record<string, string>; cwd?: string; bin?: string } = {}) {
  const home = tempDir('visit-sre-e2e-home-');
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, 'c'),
      XDG_CACHE_HOME: path.join(home, 'k'),
      ...opts.env,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built visit-sre binary', () => {
  it('prints help with examples and exit codes', () => {
    const r = sh(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: visit-sre/);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/Exit codes:/);
    expect(sh(['who', '--help']).stdout).toMatch(/--calendar <file>/);
  });

  it('answers who --json for the shipped rotation identically under any host TZ', () => {
    const answers = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Australia/Lord_Howe'].map((TZ) => {
      const r = sh(['who', '--json', '--next', '3', '--calendar', 'schedules/rotation.ics'], {
        env: { TZ, VISIT_SRE_NOW: '2026-11-29T20:00:00-08:00' },
      });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    });
    expect(new Set(answers).size).toBe(1);
    const out = JSON.parse(answers[0]!);
    expect(out).toMatchObject({ at: '2026-11-30T04:00:00Z', timeZone: 'America/Los_Angeles' });
    expect(out.primary).toMatchObject({ login: 'ada-lovelace', start: '2026-11-23T08:00:00Z', end: '2026-11-30T08:00:00Z' });
    expect(out.upcoming).toHaveLength(3);
    expect(out.upcoming[0].start).toBe('2026-11-30T08:00:00Z');
  });

  it.each([
    [['who', '--next', '-1'], 2],
    [['nonsense'], 2],
    [['who', '--calendar', 'missing.ics'], 2],
  ])('%j exits %i without a stack trace', (args, code) => {
    const r = sh(args);
    expect(r.code).toBe(code);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/\s+at .*\.js:\d+/);
  });

  it('rejects a VISIT_SRE_NOW that is not an instant', () => {
    const r = sh(['who', '--calendar', 'schedules/rotation.ics'], { env: { VISIT_SRE_NOW: 'yesterday' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/VISIT_SRE_NOW/);
  });

  it('shows a stack trace only with --verbose', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bad.ics'), '');
    const quiet = sh(['who', '--calendar', 'bad.ics'], { cwd: dir });
    const loud = sh(['who', '--verbose', '--calendar', 'bad.ics'], { cwd: dir });
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    expect(loud.stderr).toMatch(/\n\s+at /);
  });
});

/** A module of the package's code (its package.json, inlined for a version, is not). */
const holdsCode = (module: string, pkg: string) =>
  module.split(path.sep).join('/').includes(`/node_modules/${pkg}/`) && !module.endsWith('package.json');

describe('lazy loading', () => {
  /**
   * A copy of the package with no node_modules, built afresh, without the
   * chunks that hold any of the named packages: a command that runs in it
   * never loads them (a missing chunk fails the import that names it).
   */
  async function without(packages: string[]): Promise<string> {
    const dir = tempDir('visit-sre-min-');
    for (const part of ['bin', 'schedules', 'templates', 'package.json'])
      cpSync(path.join(REPO_ROOT, part), path.join(dir, part), { recursive: true });
    const chunks = await bundle(path.join(dir, 'bundle'));
    const holds = (c: Chunk, pkg: string) => c.modules.some((m) => holdsCode(m, pkg));
    for (const p of packages)
      expect(
        chunks.some((c) => holds(c, p)),
        `${p} is in the bundle`,
      ).toBe(true);
    for (const c of chunks.filter((c) => packages.some((p) => holds(c, p)))) rmSync(path.join(dir, 'bundle', 'lib', c.file));
    return dir;
  }
  const HEAVY = ['@octokit/rest', '@inquirer/prompts', 'ical-generator', '@observablehq/plot', 'linkedom', 'jq-wasm'];

  it('--help needs nothing but commander', async () => {
    const dir = await without([...HEAVY, 'node-ical', 'luxon']);
    const r = sh(['--help'], { cwd: dir, bin: path.join(dir, 'bin', 'visit-sre.js') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('who needs neither inquirer nor Octokit, nor the writers and the report', async () => {
    const dir = await without(HEAVY);
    const r = sh(['who', '--json', '--calendar', 'schedules/rotation.ics'], {
      cwd: dir,
      bin: path.join(dir, 'bin', 'visit-sre.js'),
      env: { VISIT_SRE_NOW: '2026-11-25T18:00:00Z' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).primary.login).toBe('ada-lovelace');
  });

  it('who loads the holiday library once: later runs read its answer from the cache', async () => {
    const dir = await without(HEAVY);
    const cache = tempDir('visit-sre-cache-');
    const who = () =>
      sh(['who', '--json', '--calendar', 'schedules/rotation.ics'], {
        cwd: dir,
        bin: path.join(dir, 'bin', 'visit-sre.js'),
        env: { VISIT_SRE_NOW: '2026-11-25T18:00:00Z', XDG_CACHE_HOME: cache },
      });
    const first = who();
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).holidays).toEqual([{ date: '2026-11-26', name: 'Thanksgiving Day' }]);
    // Without the chunks that hold the library, the second run must not miss them.
    const chunks = await bundle(tempDir('visit-sre-chunks-'));
    for (const c of chunks.filter((c) => c.modules.some((m) => holdsCode(m, 'date-holidays'))))
      rmSync(path.join(dir, 'bundle', 'lib', c.file));
    const second = who();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });
});
