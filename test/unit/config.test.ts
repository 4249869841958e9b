import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig, validateConfig, webhookUrlProblem } from '../../src/core/config.js';
import { loadConfig } from '../../src/store/config.js';
import { nodeFileSystem } from '../../src/store/fs.js';
import { tempDir } from '../support/deps.js';

describe('validateConfig', () => {
  it('fills every default for an empty object', () => {
    expect(validateConfig({}, 'c.json')).toEqual(defaultConfig());
  });

  it('merges nested objects key by key', () => {
    const c = validateConfig({ labels: { wontfix: 'closed: no reply' }, discussions: { label: 'support' } }, 'c.json');
    expect(c.labels).toEqual({ wontfix: 'closed: no reply', reviewed: 'reviewed', lowHangingFruit: 'low hanging fruit' });
    expect(c.discussions.categories).toEqual(defaultConfig().discussions.categories);
    expect(c.discussions.label).toBe('support');
  });

  it.each([
    [{ reposit: 'a/b' }, /config key "reposit" is not a known key \(in c\.json\)/],
    [{ repository: 'visit' }, /"repository" must be OWNER\/NAME/],
    [{ staleAfterDays: '21' }, /"staleAfterDays" must be a whole number/],
    [{ businessHours: { days: 'Mon' } }, /"businessHours\.days" must be an array of strings/],
    [{ businessHours: { windows: ['8-12'] } }, /"businessHours" is invalid/],
    [{ timeZone: 'Pacific/Nowhere' }, /"timeZone" is invalid/],
    [{ holidays: { dates: ['2026-02-30'] } }, /"holidays\.dates\[0\]" must be a date/],
    [{ responseGoal: 'four hours' }, /"responseGoal" must be a duration/],
    [{ team: [{ login: 'ann', percentTime: 150 }] }, /"team\[0\]\.percentTime" must be a number from 0 to 100/],
    [{ team: [{ name: 'Ann' }] }, /"team\[0\]" needs a "login"/],
    [{ team: [{ login: 'ann' }, { login: 'ANN' }] }, /"team\[1\]\.login" repeats/],
    [{ team: [{ login: 'ann', unavailable: [{ from: '2026-02-02', to: '2026-02-01' }] }] }, /ends before it starts/],
    [{ teamAssociations: ['ADMIN'] }, /"teamAssociations\[0\]" must be one of/],
    [[], /config key "" must be an object/],
  ])('rejects %j', (raw, message) => {
    expect(() => validateConfig(raw, 'c.json')).toThrow(message);
  });
});

describe('a webhook URL (desk.webhook and VISIT_SRE_WEBHOOK alike)', () => {
  it.each([
    ['https://hooks.slack.com/services/T0/B0/x', null],
    ['https://example.webhook.office.com/webhookb2/x', null],
    ['http://127.0.0.1:8080/hook', null],
    ['http://localhost/hook', null],
    ['http://[::1]:9/hook', null],
    ['http://hooks.example/T1', /^must be an https:\/\/ URL \(http:\/\/ only to this machine/],
    ['http://127.0.0.1.evil.example/hook', /^must be an https/],
    ['ftp://hooks.example/x', /^must be an https/],
    ['not a url', /it is not a URL$/],
    ['', /it is not a URL$/],
  ])('%j: %s', (url, want) => {
    const problem = webhookUrlProblem(url);
    if (want === null) expect(problem).toBeNull();
    else expect(problem).toMatch(want);
    if (problem && url) expect(problem).not.toContain(url);
  });
});

describe('finding the config file (§2 order)', () => {
  const write = (file: string, value: unknown) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  };
  const setup = () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const cwd = path.join(root, 'work', 'deep', 'er');
    mkdirSync(cwd, { recursive: true });
    return { root, home, cwd, env: { XDG_CONFIG_HOME: path.join(home, 'xdg') } as Record<string, string> };
  };
  const load = (flag: string | undefined, s: ReturnType<typeof setup>) =>
    loadConfig(flag, { fs: nodeFileSystem, env: s.env, cwd: s.cwd, homedir: s.home });

  it('--config, then VISIT_SRE_CONFIG, then the nearest parent, then XDG', async () => {
    const s = setup();
    write(path.join(s.home, 'xdg', 'visit-sre', 'config.json'), { repository: 'x/xdg', team: [] });
    expect((await load(undefined, s)).config.repository).toBe('x/xdg');
    write(path.join(s.root, 'work', 'visit-sre.config.json'), { repository: 'x/parent', team: [] });
    expect((await load(undefined, s)).config.repository).toBe('x/parent');
    write(path.join(s.root, 'env.json'), { repository: 'x/env', team: [] });
    s.env.VISIT_SRE_CONFIG = path.join(s.root, 'env.json');
    expect((await load(undefined, s)).config.repository).toBe('x/env');
    write(path.join(s.root, 'flag.json'), { repository: 'x/flag', team: [] });
    expect((await load(path.join(s.root, 'flag.json'), s)).config.repository).toBe('x/flag');
  });

  it('resolves the team file relative to the config file', async () => {
    const s = setup();
    write(path.join(s.root, 'conf', 'visit-sre.config.json'), { team: 'people/team.json' });
    write(path.join(s.root, 'conf', 'people', 'team.json'), [{ login: 'ann', name: 'Ann' }]);
    const loaded = await load(path.join(s.root, 'conf', 'visit-sre.config.json'), s);
    expect(loaded.team).toEqual([
      { login: 'ann', name: 'Ann', percentTime: 50, experienced: false, classifiedAccess: false, unavailable: [] },
    ]);
    expect(loaded.dir).toBe(path.join(s.root, 'conf'));
  });

  it('uses defaults when there is no file at all', async () => {
    const s = setup();
    const loaded = await load(undefined, s);
    expect(loaded.file).toBeNull();
    expect(loaded.team).toEqual([]);
  });

  it.each([
    ['a missing --config file', undefined, 'flag', /config file .*missing\.json not found \(from --config\)/],
    ['malformed JSON, with line and column', '{\n  "repository": "a/b",\n}', undefined, /visit-sre\.config\.json:3:1: malformed JSON/],
    ['a missing team file', { team: 'nope.json' }, undefined, /config key "team" names .*nope\.json, which does not exist/],
  ])('%s is a usage error naming the file', async (_name, content, how, message) => {
    const s = setup();
    if (content !== undefined) write(path.join(s.cwd, 'visit-sre.config.json'), content);
    await expect(load(how === 'flag' ? 'missing.json' : undefined, s)).rejects.toThrow(message);
  });
});
