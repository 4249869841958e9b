import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Ran, runBin } from '../support/bin.js';
import { REPO_ROOT, tempDir } from '../support/deps.js';

// `npm run playground` as a user starts it (README, "Tour"): spawned through npm
// in its own process group, so a signal to the group is what Ctrl-C in a
// terminal sends. Its export lines are read from its stdout and given to the
// built binary as they are; the stand-in lives in the playground's process, so
// what reached it is read back over GraphQL, and from the line it prints when it stops.

interface Playground {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  /** Resolves with the exit code and signal once the playground and everything holding its output are gone. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let running: Playground | undefined;
afterEach(() => {
  // A test that failed half-way leaves no stand-in behind, not even one whose npm is gone (its group outlives npm).
  if (running?.child.pid) {
    try {
      process.kill(-running.child.pid, 'SIGKILL');
    } catch {}
  }
  running = undefined;
});

function startPlayground(): Playground {
  const home = tempDir('visit-sre-playground-home-');
  const child = spawn('npm', ['run', 'playground'], {
    cwd: REPO_ROOT,
    detached: true,
    // Nothing of this machine's GitHub login or npm settings.
    env: { PATH: process.env.PATH ?? '', HOME: home, npm_config_update_notifier: 'false', PLAYGROUND_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  running = { child, out: () => out, err: () => err, closed };
  return running;
}

/** Waits for `text` on the playground's stdout: polls on each chunk, gives up when it exits or after `ms`. */
function waitFor(pg: Playground, text: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!pg.out().includes(text)) return;
      done();
      resolve(pg.out());
    };
    const gone = () => {
      done();
      reject(new Error(`the playground ended before printing ${JSON.stringify(text)}:\n${pg.out()}\n${pg.err()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${JSON.stringify(text)} within ${ms} ms:\n${pg.out()}\n${pg.err()}`));
    }, ms);
    const done = () => {
      clearTimeout(timer);
      pg.child.stdout?.off('data', check);
      pg.child.off('close', gone);
    };
    pg.child.stdout?.on('data', check);
    pg.child.on('close', gone);
    check();
  });
}

/** The `export NAME='value'` lines, as a shell would read them. */
function exportsOf(out: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export ([A-Z_]+)='((?:[^']|'\\'')*)'$/gm)) env[m[1]!] = m[2]!.replaceAll(`'\\''`, `'`);
  return env;
}

/** The desk thread's comments as GitHub (the stand-in) holds them now. */
async function deskComments(env: Record<string, string>): Promise<Array<{ author: string; body: string }>> {
  const query =
    '{ repository(owner: "visit-dav", name: "visit") { issue(number: 1) { comments(first: 50) { nodes { author { login } body } } } } }';
  const res = await fetch(`${env.GITHUB_API_URL}/graphql`, {
    method: 'POST',
    headers: { authorization: `bearer ${env.GITHUB_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const json = (await res.json()) as {
    data: { repository: { issue: { comments: { nodes: Array<{ author: { login: string }; body: string }> } } } };
  };
  return json.data.repository.issue.comments.nodes.map((c) => ({ author: c.author.login, body: c.body }));
}

/** Runs one shell line in bash after `source`-ing the playground's env file, as the README's second terminal does. */
function inShell(envFile: string, line: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const sh = spawn('bash', ['-c', `source '${envFile}' && ${line}`], {
      env: { PATH: process.env.PATH ?? '', HOME: tempDir('visit-sre-playground-shell-'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    sh.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    sh.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    sh.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The `$ ` lines of the README's "Tour" section, in order (its console blocks; a `## ` inside one is output, not a heading). */
function tourLines(readme: string): string[] {
  const lines = readme.split('\n');
  const start = lines.indexOf('## Tour: the playground');
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of lines.slice(start + 1)) {
    if (fence === null && line.startsWith('## ')) break;
    if (line.startsWith('```')) fence = fence === null ? line.slice(3) : null;
    else if (fence === 'console' && line.startsWith('$ ')) out.push(line.slice(2));
  }
  return start < 0 ? [] : out;
}

const BANNER_END = 'Ctrl-C stops the stand-in';
const STOPPED = /^stopped: (\d+) GraphQL requests, (\d+) of them writes$/m;

describe('npm run playground (the README tour, as a user runs it)', () => {
  it('prints exports the built tool works with, keeps running, and stops cleanly on Ctrl-C', async () => {
    const pg = startPlayground();
    const banner = await waitFor(pg, BANNER_END, 60_000);

    // What a user sees at 80x24: npm's header and the banner, every line in 80 columns (a path it names permitting).
    const shown = banner.slice(0, banner.indexOf(BANNER_END)).split('\n');
    expect(shown.length).toBeLessThanOrEqual(23);
    const wide = shown.filter((l) => l.length > 80 && !l.includes(os.tmpdir()) && !l.includes(REPO_ROOT));
    expect(wide).toEqual([]);

    const env = exportsOf(banner);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['GITHUB_API_URL', 'GITHUB_TOKEN', 'VISIT_SRE_CONFIG', 'VISIT_SRE_NOW']));
    expect(env.GITHUB_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.VISIT_SRE_NOW).toBe('2026-12-01T11:00:00-08:00');
    expect(existsSync(env.VISIT_SRE_CONFIG!)).toBe(true);
    expect(banner).toMatch(/^unset GH_TOKEN /m);
    const envFile = /^ {2}source (.+)$/m.exec(banner)?.[1];
    expect(envFile && existsSync(envFile)).toBe(true);

    // who: the week's Primary and Backup, from the copied rotation.
    const who = await runBin(['who'], { env });
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toMatch(/^primary\tgrace-hopper\t/m);
    expect(who.stdout).toMatch(/^backup\tedsger-d\t/m);

    // notify --dry-run: the overdue inquiry for its owner, to the desk thread, and nothing written there.
    const notify = await runBin(['notify', '--dry-run'], { env });
    expect(notify.code, notify.stderr).toBe(0);
    expect(notify.stdout).toContain('Would post to https://github.com/visit-dav/visit/issues/1:');
    expect(notify.stdout).toMatch(/^- 🔴 \[#101\].* overdue by \d+ business h.* → @grace-hopper$/m);
    expect(notify.stdout).toContain('Would rewrite the board:');
    expect(await deskComments(env)).toEqual([]);

    // A delegation by agreement: the Primary proposes, the delegate accepts with their own token.
    const delegate = await runBin(['delegate', '--to', 'edsger-d', '--until', '+4h'], { env });
    expect(delegate.code, delegate.stderr).toBe(0);
    const accept = await runBin(['delegate', '--accept'], { env: { ...env, GITHUB_TOKEN: 'edsger-d' } });
    expect(accept.code, accept.stderr).toBe(0);
    const comments = await deskComments(env);
    expect(comments.map((c) => [c.author, c.body.split('\n')[0]?.split(':')[0]])).toEqual([
      ['grace-hopper', '**Delegation proposed'],
      ['edsger-d', '**Delegation accepted'],
    ]);
    // In force at once, though the playground's clock stands still.
    const after = await runBin(['who', '--json'], { env });
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ actingPrimary: { login: 'edsger-d', reason: 'delegation' } });

    // The env file, sourced as the README says, gives the same tool a shell function.
    const sourced = await inShell(envFile!, 'visit-sre overdue', { GH_TOKEN: 'a-real-token-left-in-the-shell' });
    expect(sourced.code, sourced.stderr).toBe(0);
    // (Its `unset` line keeps a real token in that shell from being sent to the stand-in: that would be exit 4.)
    expect(sourced.stdout).toMatch(/^\s+#101\s+Pseudocolor plot of a Silo file shows nothing$/m);

    // Still running after all that; Ctrl-C stops it: the group gets SIGINT, as from a terminal.
    expect(pg.child.exitCode).toBeNull();
    process.kill(-pg.child.pid!, 'SIGINT');
    const end = await pg.closed;
    // Stopped by Ctrl-C, as a shell reports it (130), with no npm error and no stack trace.
    expect(String(end.signal ?? end.code)).toMatch(/^(SIGINT|130)$/);
    expect(pg.err()).not.toMatch(/^\s+at |npm error|ERR!|Error:/m);
    const stopped = STOPPED.exec(pg.out());
    expect(stopped, pg.out()).not.toBeNull();
    expect(Number(stopped![2])).toBeGreaterThanOrEqual(2);
    expect(Number(stopped![1])).toBeGreaterThan(Number(stopped![2]));
    // Its port and its folder are gone.
    await expect(fetch(`${env.GITHUB_API_URL}/graphql`, { method: 'POST' })).rejects.toThrow();
    expect(existsSync(path.dirname(env.VISIT_SRE_CONFIG!))).toBe(false);
  }, 180_000);

  it("runs every command of the README's tour, in order, as written", async () => {
    const tour = tourLines(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
    expect(tour[0]).toBe('npm run playground');
    const steps = tour.slice(1);
    expect(steps.length).toBeGreaterThan(15);
    // Only the tool, as anyone of the team: nothing else the test would have to pretend to run.
    expect(steps.filter((l) => !/^(GITHUB_TOKEN=[a-z-]+ )?visit-sre /.test(l))).toEqual([]);
    const pg = startPlayground();
    const banner = await waitFor(pg, BANNER_END, 60_000);
    const envFile = /^ {2}source (.+)$/m.exec(banner)![1]!;
    for (const line of steps) {
      const r = await inShell(envFile, line);
      expect(r.code, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stderr, line).not.toMatch(/^error:/m);
    }
    process.kill(-pg.child.pid!, 'SIGINT');
    await pg.closed;
    // Everything the tour posts reached the stand-in: the notify run, away, delegation, calls, claim, escalation.
    expect(Number(STOPPED.exec(pg.out())?.[2])).toBeGreaterThanOrEqual(10);
  }, 300_000);

  it('stops when npm alone is sent SIGTERM, rather than hold its port with nobody to stop it', async () => {
    const pg = startPlayground();
    const banner = await waitFor(pg, BANNER_END, 60_000);
    const env = exportsOf(banner);
    // npm passes the signal to the shell it runs the script in, which dies of it at once.
    pg.child.kill('SIGTERM');
    const end = await pg.closed;
    expect(String(end.signal ?? end.code)).toMatch(/^(SIGTERM|143)$/);
    expect(pg.out()).toMatch(STOPPED);
    expect(pg.err()).not.toMatch(/^\s+at |npm error|ERR!|Error:/m);
    await expect(fetch(`${env.GITHUB_API_URL}/graphql`, { method: 'POST' })).rejects.toThrow();
  }, 120_000);
});
