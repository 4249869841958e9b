import { PassThrough } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import type { Deps, InStream } from '../../src/app/context.js';
import { nodeFileSystem } from '../../src/store/fs.js';
import { main } from '../../src/main.js';
import { millisFromEnv, octokitGitHub } from '../../src/shell/deps.js';
import type { Prompter } from '../../src/app/context.js';
import type { GitHubPort } from '../../src/github/port.js';

export class Buffer_ {
  text = '';
  isTTY: boolean;
  columns = 100;
  constructor(tty = false) {
    this.isTTY = tty;
  }
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface TestDeps extends Deps {
  stdout: Buffer_;
  stderr: Buffer_;
  /** what Ctrl-C does before the exit: runs the onInterrupt listeners, latest first */
  interrupt(): void;
}

/** A new empty folder, inside the run's own temporary folder when vitest made one (test/support/tmpRoot.ts). */
export function tempDir(prefix = 'visit-sre-test-'): string {
  return mkdtempSync(path.join(process.env.VISIT_SRE_TEST_TMP ?? os.tmpdir(), prefix));
}

/** A Deps made of buffers, a fixed clock and a private home: nothing leaks in from the machine. */
export function testDeps(
  opts: {
    now?: string;
    cwd?: string;
    env?: Record<string, string>;
    tty?: boolean;
    prompter?: Prompter;
    fetch?: typeof globalThis.fetch;
    /** the stand-in's URL and token: the GitHub port talks to it, retries in milliseconds */
    github?: { url: string; token: string | null };
    /** a GitHub port to use as it is, such as the in-memory one (test/support/memoryGitHub.ts) */
    githubPort?: GitHubPort;
  } = {},
): TestDeps {
  const home = tempDir('visit-sre-home-');
  const stdin = new PassThrough() as unknown as InStream;
  stdin.isTTY = opts.tty ?? false;
  const now = Date.parse(opts.now ?? '2026-11-25T18:00:00Z');
  const ghEnv: Record<string, string> = opts.github
    ? { GITHUB_API_URL: opts.github.url, ...(opts.github.token ? { GH_TOKEN: opts.github.token } : {}) }
    : {};
  let github: ReturnType<Deps['github']> | undefined;
  const interruptListeners: Array<() => void> = [];
  const deps: TestDeps = {
    stdout: new Buffer_(opts.tty),
    stderr: new Buffer_(opts.tty),
    stdin,
    env: {
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_STATE_HOME: path.join(home, '.state'),
      ...ghEnv,
      ...opts.env,
    },
    cwd: opts.cwd ?? tempDir(),
    homedir: home,
    now: () => now,
    fetch:
      opts.fetch ??
      (async () => {
        throw new Error('network disabled in tests');
      }),
    fs: nodeFileSystem,
    prompter: async () => {
      if (!opts.prompter) throw new Error('no prompter in this test');
      return opts.prompter;
    },
    github: (o = {}) =>
      (github ??= opts.githubPort
        ? Promise.resolve(opts.githubPort)
        : octokitGitHub(
            { env: deps.env, fetch: globalThis.fetch },
            {
              verbose: o.verbose,
              retryBaseMs: 1,
              requestTimeoutMs: millisFromEnv(deps.env, 'VISIT_SRE_REQUEST_TIMEOUT_MS'),
              mutationSpacingMs: 5,
              ghAuthToken: async () => undefined,
            },
          )),
    onInterrupt: (listener) => {
      interruptListeners.push(listener);
      return () => {
        const i = interruptListeners.indexOf(listener);
        if (i >= 0) interruptListeners.splice(i, 1);
      };
    },
    interrupt: () => [...interruptListeners].reverse().forEach((l) => l()),
  };
  return deps;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  deps: TestDeps;
}

/** Runs the CLI in-process, as a user would type it. */
export async function run(argv: string[], opts: Parameters<typeof testDeps>[0] = {}): Promise<RunResult> {
  const deps = testDeps(opts);
  const code = await main(argv, deps);
  return { code, stdout: deps.stdout.text, stderr: deps.stderr.text, deps };
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The team's shared real-world calendars, when the shared folder sits beside the repo (as in CI). */
export const SHARED_FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'ics-real');
/** A byte-for-byte copy of them (see its SOURCES.md for licences), so a clone anywhere can run the tests. */
export const REAL_FIXTURES = path.resolve(REPO_ROOT, 'test', 'fixtures', 'ics-real');
