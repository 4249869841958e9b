import { AuthError, InterruptedError, NotFoundError, OperationalError, UsageError, VisitSreError } from '../core/errors.js';

export { AuthError, InterruptedError, NotFoundError, OperationalError, UsageError, VisitSreError };

export const EXIT = {
  ok: 0,
  operational: 1,
  usage: 2,
  auth: 4,
  found: 8,
  interrupted: 130,
} as const;

/** The one mapping from error kinds to exit codes. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof NotFoundError) return EXIT.usage;
  if (error instanceof AuthError) return EXIT.auth;
  if (error instanceof InterruptedError) return EXIT.interrupted;
  return EXIT.operational;
}

/** One or two lines for stderr: what is wrong, and what to do. */
export function describeError(error: unknown): string {
  if (error instanceof VisitSreError) {
    return `error: ${error.message}${error.hint ? `\n${error.hint}` : ''}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `error: ${message}\nrun again with --verbose for details`;
}
