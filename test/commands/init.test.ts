import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir } from '../support/deps.js';
import type { Prompter } from '../../src/cli/prompt.js';

describe('init', () => {
  it('writes VisIt defaults without a terminal, and the file loads back', async () => {
    const cwd = tempDir();
    const r = await run(['init'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8'));
    expect(written).toMatchObject({ repository: 'visit-dav/visit', timeZone: 'America/Los_Angeles', rotation: 'schedules/rotation.ics' });
    mkdirSync(path.join(cwd, 'schedules'));
    writeFileSync(path.join(cwd, 'schedules', 'team.json'), '[]');
    expect((await run(['who', '--calendar', 'x.ics'], { cwd })).stderr).toMatch(/x\.ics not found/);
  });

  it('takes every answer as a flag', async () => {
    const cwd = tempDir();
    const r = await run(['init', '--repository', 'acme/app', '--categories', 'q-a, help', '--label', 'support', '--time-zone', 'Europe/Berlin', '--team', 'ops/team.json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8'));
    expect(written).toMatchObject({
      repository: 'acme/app',
      productRepository: 'acme/app',
      discussions: { categories: ['q-a', 'help'], label: 'support' },
      timeZone: 'Europe/Berlin',
      team: 'ops/team.json',
    });
  });

  it('asks on a terminal, with the flags filling in what they give', async () => {
    const asked: string[] = [];
    const prompter: Prompter = {
      input: async (message, opts) => {
        asked.push(message);
        return message.startsWith('Team time zone') ? 'America/Chicago' : opts?.default ?? '';
      },
      select: async () => {
        throw new Error('unused');
      },
      confirm: async () => true,
      checkbox: async () => [],
      editor: async () => '',
    };
    const cwd = tempDir();
    const r = await run(['init', '--repository', 'acme/app'], { cwd, tty: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(asked.some((q) => q.startsWith('Repository whose'))).toBe(false);
    expect(asked.length).toBe(5);
    expect(JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8')).timeZone).toBe('America/Chicago');
  });

  it('never overwrites without --force, and --dry-run writes nothing', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'visit-sre.config.json'), '{"repository":"keep/me"}');
    const refused = await run(['init'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists/);
    expect(refused.stderr).toMatch(/--force/);
    const dry = await run(['init', '--dry-run', '--repository', 'x/y'], { cwd });
    expect(JSON.parse(dry.stdout).repository).toBe('x/y');
    expect(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8')).toBe('{"repository":"keep/me"}');
    const forced = await run(['init', '--force', '--repository', 'x/y'], { cwd });
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8')).repository).toBe('x/y');
  });

  it('replaces a broken config with --force', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'visit-sre.config.json'), '{ broken');
    expect((await run(['init', '--force'], { cwd })).code).toBe(0);
  });

  it('rejects a bad value with exit 2', async () => {
    const r = await run(['init', '--time-zone', 'Mars/Base', '--dry-run'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/timeZone/);
  });
});
