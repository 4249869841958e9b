import { AuthError, InterruptedError, NotFoundError, OperationalError, RefusedError, UsageError, VisitSreError } from '../core/errors.js';
import type { ActionResult } from '../core/plans/plan.js';

export { AuthError, InterruptedError, NotFoundError, OperationalError, RefusedError, UsageError, VisitSreError };

export const EXIT = {
  ok: 0,
  operational: 1,
  usage: 2,
  auth: 4,
  found: 8,
  interrupted: 130,
} as const;

/**
 * What a command ended with, when it did not throw. Commands return these and
 * never exit codes: only this file and main.ts turn them into one.
 */
export type Outcome =
  /** overdue --fail-on-overdue, schedule check --fail-on-problems: found what the user asked to fail on */
  | { kind: 'problems-found' }
  /** a writer's actions; `problemsFound` when it also reports (overdue --close-stale --fail-on-overdue) */
  | { kind: 'actions'; actions: readonly ActionResult[]; problemsFound?: boolean }
  /** doctor: some checks failed; `auth` when the token was the trouble */
  | { kind: 'checks-failed'; auth: boolean };

/** The one mapping from error kinds to exit codes. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof NotFoundError) return EXIT.usage;
  if (error instanceof AuthError) return EXIT.auth;
  if (error instanceof InterruptedError) return EXIT.interrupted;
  return EXIT.operational;
}

/**
 * The exit code of a result: for writers, 4 when an action failed on the
 * token, 1 when another failed, 2 when an inquiry was queued because of a
 * usage error (it will not send until the config is fixed); else 8 for
 * problems found, else 0.
 */
export function exitCodeOf(outcome: Outcome | void): number {
  if (!outcome) return EXIT.ok;
  switch (outcome.kind) {
    case 'problems-found':
      return EXIT.found;
    case 'checks-failed':
      return outcome.auth ? EXIT.auth : EXIT.operational;
    case 'actions': {
      const failed = outcome.actions.filter((a) => a.status === 'failed');
      if (failed.some((a) => a.failure === 'auth')) return EXIT.auth;
      if (failed.length) return EXIT.operational;
      if (outcome.actions.some((a) => a.status === 'queued' && (a.failure === 'usage' || a.failure === 'not-found'))) return EXIT.usage;
      return outcome.problemsFound ? EXIT.found : EXIT.ok;
    }
  }
}

/** One or two lines for stderr: what is wrong, and what to do. */
export function describeError(error: unknown): string {
  if (error instanceof VisitSreError) {
    return `error: ${error.message}${error.hint ? `\n${error.hint}` : ''}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `error: ${message}\nrun again with --verbose for details`;
}
