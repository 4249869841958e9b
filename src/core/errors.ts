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

/** What GitHub could not find, as the failed query named it. */
export type Missing = { kind: 'repository'; repository: string } | { kind: 'discussion' | 'issue'; repository: string; number: number };

/** A discussion, issue, repository or file that does not exist: exit 2. */
export class NotFoundError extends VisitSreError {
  readonly missing?: Missing;
  constructor(message: string, hint?: string, missing?: Missing) {
    super(message, hint);
    if (missing) this.missing = missing;
  }
}

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

/** Where the values of a run came from: its command line, and the config file's keys (docs/reference.md#exit-codes). */
export interface Origins {
  argv: readonly string[];
  /** the config file, null when every key is a default */
  file: string | null;
  /** config keys and their values, as OWNER/NAME or OWNER/NAME#NUMBER */
  keys: Readonly<Record<string, string | null | undefined>>;
}

/**
 * The second line of a not-found error: where the missing name or number came
 * from (an argument, a flag, a config key) and what to do, so a number typed
 * on the command line is never blamed on the config.
 */
export function notFoundHint(missing: Missing, origins: Origins): string {
  const { argv } = origins;
  const given = (value: string) => {
    const i = argv.findIndex((a) => a === value || a.endsWith(`=${value}`));
    if (i < 0) return null;
    const flag = argv[i]!.includes('=') ? argv[i]!.split('=')[0] : argv[i - 1]?.startsWith('-') ? argv[i - 1] : null;
    return flag ? `the ${flag} you gave` : 'the argument you gave';
  };
  const key = (value: string) => {
    const k = Object.entries(origins.keys).find(([, v]) => v && (v === value || v.startsWith(`${value}#`)))?.[0];
    return k ? `config key "${k}"${origins.file ? ` in ${origins.file}` : ''}` : null;
  };
  if (missing.kind === 'repository') {
    const repo = missing.repository;
    const flag = given(repo);
    if (flag) return `${repo} is ${flag}: check its OWNER/NAME, and that the token can see it`;
    const fromKey = key(repo);
    return fromKey
      ? `${repo} is ${fromKey}: check it there, and that the token can see it`
      : `check that ${repo} exists, and that the token can see it`;
  }
  const ref = `#${missing.number}`;
  const what = missing.kind === 'discussion' ? 'a discussion' : 'an issue';
  if (argv.some((a) => a === String(missing.number) || a === ref))
    return `${ref} is the number you gave: check that it is ${what} of ${missing.repository}`;
  const fromKey = key(`${missing.repository}${ref}`);
  if (fromKey) return `${missing.repository}${ref} is ${fromKey}: check it there, and that the token can see it`;
  return `check that ${missing.repository} has ${what} ${ref}, and that the token can see it`;
}
