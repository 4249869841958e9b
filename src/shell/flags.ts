import { parseDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { isLogin } from '../core/config.js';

/** The flags every writer takes. */
export interface WriterFlags {
  dryRun?: boolean;
  effort?: string;
  yes?: boolean;
  force?: boolean;
}

/** The effort flag as minutes, for the marker; undefined when not given. */
export function effortMinutes(flags: Pick<WriterFlags, 'effort'>): number | undefined {
  return flags.effort === undefined ? undefined : parseDuration(flags.effort, '--effort');
}

export function parseLogins(values: readonly string[] | undefined, flag: string): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().replace(/^@/, ''))
    .filter(Boolean)
    .map((l) => {
      if (!isLogin(l)) throw new UsageError(`invalid ${flag} "${l}"`, 'give GitHub logins, such as ada-lovelace');
      return l;
    });
}

export function parseNumber(value: string, what = 'discussion number'): number {
  const hint = 'give the number shown in the discussion URL, such as 4321';
  if (!/^#?\d+$/.test(value.trim())) throw new UsageError(`invalid ${what} "${value}"`, hint);
  const n = Number(value.trim().replace(/^#/, ''));
  // GitHub's Int is 32-bit: a larger number names nothing, and GitHub would answer with a raw type error.
  if (n < 1 || n > 2_147_483_647) throw new UsageError(`invalid ${what} "${value}": not a valid number on GitHub (1 to 2147483647)`, hint);
  return n;
}
