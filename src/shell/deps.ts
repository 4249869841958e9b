import os from 'node:os';
import { nodeFileSystem } from '../store/fs.js';
import type { GitHubPort } from '../github/port.js';
import type { Deps } from '../app/context.js';
import { UsageError } from '../core/errors.js';

/** Builds the Octokit-backed port; shared by the real Deps and the tests' (which point it at the stand-in). */
export async function octokitGitHub(
  deps: Pick<Deps, 'env' | 'fetch'>,
  opts: {
    verbose?: (line: string) => void;
    retryBaseMs?: number;
    requestTimeoutMs?: number;
    mutationSpacingMs?: number;
    ghAuthToken: () => Promise<string | undefined>;
  },
): Promise<GitHubPort> {
  const [{ createClient }, { GraphqlTracker }] = await Promise.all([import('../github/client.js'), import('../github/tracker.js')]);
  const client = await createClient({
    env: deps.env,
    fetch: deps.fetch,
    ghAuthToken: opts.ghAuthToken,
    log: opts.verbose,
    retryBaseMs: opts.retryBaseMs,
    requestTimeoutMs: opts.requestTimeoutMs,
  });
  return new GraphqlTracker(client, opts.mutationSpacingMs);
}

/**
 * A wait in milliseconds from the environment (VISIT_SRE_RETRY_BASE_MS and
 * the like): undefined when unset, a UsageError naming the variable when it
 * is not a whole number of at least `min` (a -1 must not become no wait at all).
 */
export function millisFromEnv(env: Deps['env'], name: string, min = 1): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const ms = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(ms) || ms < min)
    throw new UsageError(
      `${name}="${text}" is not a whole number of milliseconds${min > 0 ? ` of at least ${min}` : ''}`,
      `fix or unset ${name}`,
    );
  return ms;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses VISIT_SRE_NOW; undefined when it is not an ISO-8601 instant with an offset. */
export function parseNowOverride(value: string): number | undefined {
  if (!INSTANT.test(value.trim())) return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : t;
}

/** `gh auth token`, when the GitHub CLI is installed and logged in. */
async function ghAuthToken(): Promise<string | undefined> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('gh', ['auth', 'token'], { timeout: 5000, env: process.env }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
  });
}

/** The real world: the only place that touches process.*, the environment and the wall clock. */
export function processDeps(): Deps {
  const env = process.env;
  const interruptListeners: Array<() => void> = [];
  process.on('SIGINT', () => {
    for (const listener of [...interruptListeners].reverse()) listener();
    process.exit(130);
  });
  const deps: Deps = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env,
    cwd: process.cwd(),
    homedir: os.homedir(),
    now: () => {
      const fixed = env.VISIT_SRE_NOW ? parseNowOverride(env.VISIT_SRE_NOW) : undefined;
      return fixed ?? Date.now();
    },
    fetch: (...args) => globalThis.fetch(...args),
    fs: nodeFileSystem,
    prompter: async () => (await import('./prompt.js')).inquirerPrompter(deps.stdin, deps.stdout),
    // VISIT_SRE_RETRY_BASE_MS, VISIT_SRE_REQUEST_TIMEOUT_MS and VISIT_SRE_MUTATION_SPACING_MS shorten waits for the tool's own end-to-end tests.
    github: (opts = {}) =>
      (github ??= octokitGitHub(deps, {
        verbose: opts.verbose,
        ghAuthToken,
        retryBaseMs: millisFromEnv(env, 'VISIT_SRE_RETRY_BASE_MS'),
        requestTimeoutMs: millisFromEnv(env, 'VISIT_SRE_REQUEST_TIMEOUT_MS'),
        mutationSpacingMs: millisFromEnv(env, 'VISIT_SRE_MUTATION_SPACING_MS', 0),
      })),
    openBrowser: async (url) => (await import('./web.js')).openInBrowser(url, { env, platform: process.platform }),
    onInterrupt: (listener) => {
      interruptListeners.push(listener);
      return () => {
        const i = interruptListeners.indexOf(listener);
        if (i >= 0) interruptListeners.splice(i, 1);
      };
    },
  };
  let github: Promise<GitHubPort> | undefined;
  return deps;
}
