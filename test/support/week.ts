import { afterEach } from 'vitest';
import path from 'node:path';
import type { Standin } from './standin/server.mjs';
import { startStandin } from './standin/server.mjs';
import { REPO_ROOT, testDeps } from './deps.js';
import type { TestDeps } from './deps.js';
import { main } from '../../src/main.js';

export const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
export const WEEK_CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
export const ROTATION = path.join(REPO_ROOT, 'schedules', 'rotation.ics');
/** Tue Dec 1 2026, 11:00 Pacific: #101 overdue, #102 and #108 due soon, #104 stale. */
export const TUESDAY = '2026-12-01T19:00:00Z';

export interface WeekRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON */
  json(): any;
}

/**
 * The visit-week scenario on a stand-in started on first use and closed after
 * each test; `sre(args)` runs the CLI in-process against it, on Tuesday.
 */
export function weekStandin(): {
  sre(
    args: string[],
    opts?: { tty?: boolean; columns?: number; env?: Record<string, string>; setup?: (deps: TestDeps) => void },
  ): Promise<WeekRun>;
  standin(): Standin;
} {
  let standin: Standin | undefined;
  afterEach(async () => {
    await standin?.close();
    standin = undefined;
  });
  return {
    standin: () => standin!,
    async sre(args, opts = {}) {
      standin ??= await startStandin(WEEK);
      standin.setClock(TUESDAY);
      const deps = testDeps({
        now: TUESDAY,
        tty: opts.tty,
        env: { VISIT_SRE_CONFIG: WEEK_CONFIG, ...opts.env },
        github: { url: standin.url, token: standin.token },
      });
      if (opts.columns) deps.stdout.columns = opts.columns;
      opts.setup?.(deps);
      const code = await main(args, deps);
      const { text: stdout } = deps.stdout;
      return { code, stdout, stderr: deps.stderr.text, json: () => JSON.parse(stdout) };
    },
  };
}
