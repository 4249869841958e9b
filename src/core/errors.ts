/**
 * The few error kinds the tool distinguishes. Adapters translate library
 * errors into these; only cli/main.ts turns them into exit codes.
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

/** Network, GitHub or file I/O failure: exit 1. */
export class OperationalError extends VisitSreError {}

/** The user interrupted (Ctrl-C, closed prompt): exit 130. */
export class InterruptedError extends VisitSreError {}
