/**
 * The few error kinds the tool distinguishes. Adapters translate library
 * errors into these; commands throw them or return them inside their result,
 * and only cli/errors.ts (the mapping) and cli/main.ts turn them into exit codes.
 */
export class VisitSreError extends Error {
  /** An optional second line telling the user what to do. */
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** Bad flag, bad value, invalid config, malformed calendar: exit 2. */
export class UsageError extends VisitSreError {}

/** A discussion, issue, repository or file that does not exist: exit 2. */
export class NotFoundError extends VisitSreError {}

/** No token, bad token, missing permission: exit 4. */
export class AuthError extends VisitSreError {}

/**
 * GitHub refused one item for good (a locked discussion, one this viewer may
 * not write to): a batch skips it and goes on. Alone, it is a permission
 * failure: exit 4.
 */
export class RefusedError extends AuthError {}

/** Network, GitHub or file I/O failure: exit 1. */
export class OperationalError extends VisitSreError {}

/** The user interrupted (Ctrl-C, closed prompt): exit 130. */
export class InterruptedError extends VisitSreError {}
