import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { weekStandin } from '../support/week.js';
import type { OpenerWorld } from '../../src/shell/web.js';
import { openInBrowser } from '../../src/shell/web.js';

const URL_101 = 'https://github.com/visit-dav/visit/discussions/101';
const PAGE = 'https://github.com/visit-dav/visit/discussions';
const week = weekStandin();
const web = (args: string[], openBrowser: ((url: string) => Promise<void>) | undefined) =>
  week.sre(args, { env: { NO_COLOR: '1' }, setup: (deps) => void (deps.openBrowser = openBrowser) });

describe('--web says whether a browser opened', () => {
  it.each([
    [['view', '101', '--web'], URL_101],
    [['start', '--as', 'grace-hopper', '--web'], PAGE],
  ])('%j: opened, it says so on stderr and exits 0', async (args, url) => {
    const opened: string[] = [];
    const r = await web(args, async (u) => void opened.push(u));
    expect(r.code, r.stderr).toBe(0);
    expect(opened).toEqual([url]);
    expect(r.stderr).toBe(`Opening ${url} in your browser.\n`);
    expect(r.stdout).toBe('');
  });

  it.each([
    [['view', '101', '--web'], URL_101],
    [['start', '--as', 'grace-hopper', '--web'], PAGE],
  ])('%j: when the opener fails, it says nothing opened, gives the URL, and exits 1', async (args, url) => {
    const r = await web(args, async () => {
      throw new Error('xdg-open exited with code 3');
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: no browser opened: xdg-open exited with code 3\nopen ${url} yourself\n`);
    expect(r.stdout).toBe('');
  });

  it('with no opener at all (as in these tests by default) it is the same failure', async () => {
    const r = await web(['view', '101', '--web'], undefined);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: no browser opened: no browser can be opened from here\nopen ${URL_101} yourself\n`);
  });
});

/** A child process that does what it is told: fails to start, exits with a code, or keeps running. */
function fakeSpawn(behave: (child: EventEmitter) => void) {
  const calls: Array<{ command: string; args: readonly string[] }> = [];
  const spawn = (command: string, args: readonly string[]) => {
    calls.push({ command, args });
    const child = Object.assign(new EventEmitter(), { unref: () => {} });
    queueMicrotask(() => behave(child));
    return child as unknown as ChildProcess;
  };
  return { calls, spawn: spawn as OpenerWorld['spawn'] };
}
const started = (then?: (c: EventEmitter) => void) => (c: EventEmitter) => {
  c.emit('spawn');
  then?.(c);
};

describe('the system opener', () => {
  afterEach(() => vi.useRealTimers());
  const linux = { DISPLAY: ':0' };

  it('on Linux with no display and no $BROWSER it opens nothing and says why', async () => {
    const fake = fakeSpawn(started());
    await expect(openInBrowser(URL_101, { env: {}, platform: 'linux', spawn: fake.spawn })).rejects.toThrow('no display and no $BROWSER');
    expect(fake.calls).toEqual([]);
  });

  it('an opener that is not installed, or that exits with an error, is a failure', async () => {
    const missing = fakeSpawn((c) => c.emit('error', Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT' })));
    await expect(openInBrowser(URL_101, { env: linux, platform: 'linux', spawn: missing.spawn })).rejects.toThrow(
      'xdg-open is not installed',
    );
    const failing = fakeSpawn(started((c) => c.emit('exit', 3, null)));
    await expect(openInBrowser(URL_101, { env: linux, platform: 'linux', spawn: failing.spawn })).rejects.toThrow(
      'xdg-open exited with code 3',
    );
    expect(failing.calls).toEqual([{ command: 'xdg-open', args: [URL_101] }]);
  });

  it('an opener that exits 0 opened the page', async () => {
    const fake = fakeSpawn(started((c) => c.emit('exit', 0, null)));
    await expect(openInBrowser(URL_101, { env: {}, platform: 'darwin', spawn: fake.spawn })).resolves.toBeUndefined();
    expect(fake.calls).toEqual([{ command: 'open', args: [URL_101] }]);
  });

  it('$BROWSER is used even with no display, and a browser still running after the grace time opened', async () => {
    vi.useFakeTimers();
    const fake = fakeSpawn(started());
    let done = false;
    const opening = openInBrowser(URL_101, { env: { BROWSER: 'w3m' }, platform: 'linux', spawn: fake.spawn, graceMs: 2000 }).then(
      () => (done = true),
    );
    await vi.advanceTimersByTimeAsync(1999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await opening;
    expect(done).toBe(true);
    expect(fake.calls).toEqual([{ command: 'w3m', args: [URL_101] }]);
  });
});
