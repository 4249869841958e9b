import path from 'node:path';
import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import { isUrl } from '../../calendar/source.js';
import { resolveLocation } from '../../store/config.js';
import { UsageError } from '../../core/errors.js';
import type { TeamMember } from '../../core/config.js';
import { plural } from '../../core/words.js';

/** The local rotation file the schedule verbs read and write: --out/--calendar, else the config's. */
export function rotationFile(ctx: Context, flag: string | undefined, what: string): string {
  if (flag) return path.resolve(ctx.deps.cwd, flag);
  const configured = ctx.loaded.config.rotation;
  if (!configured) throw new UsageError('no rotation calendar is configured', `set "rotation" in the config, or pass ${what}`);
  const location = resolveLocation(configured, ctx.loaded.dir);
  if (isUrl(location))
    throw new UsageError(
      `the configured rotation is a URL (${new URL(location.replace(/^webcal:/, 'https:')).host})`,
      `pass ${what} to work on a local file, then publish it`,
    );
  return location;
}

export function needTeam(ctx: Context): TeamMember[] {
  if (ctx.loaded.team.length < 2) {
    throw new UsageError(
      `the team has ${plural(ctx.loaded.team.length, 'member')}; planning needs at least two`,
      'list the team in the config or its team file (see schedules/team.json)',
    );
  }
  return ctx.loaded.team;
}

export function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate()!;
}
