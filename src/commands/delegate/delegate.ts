import type { Context } from '../../shell/context.js';
import { parseWhen } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { awayFromTeam, readDesk } from '../../core/acting.js';
import { buildTimeline, onDutyAt } from '../../core/rotation.js';
import { planDelegate } from '../../core/deskPosts.js';
import type { DelegateOptions } from './delegate.flags.js';
import { parseLogins } from '../../shell/flags.js';
import type { Outcome } from '../../shell/errors.js';
import { deskTemplate, readLiveDesk } from '../../app/desk/post.js';
import { postOrShow } from '../../shell/deskIo.js';

export type { DelegateOptions };

/** `delegate`: the Primary hands the role to someone (default: the Backup) for a while, on the desk thread. */
export async function runDelegate(opts: DelegateOptions, ctx: Context): Promise<Outcome> {
  if (opts.until === undefined)
    throw new UsageError(
      'delegate needs --until WHEN',
      'for example: visit-sre delegate --until +3h (to the Backup), or --to LOGIN --from 2026-12-01T13:00 --until 2026-12-01T17:00',
    );
  const start = parseWhen(opts.from ?? 'now', ctx.now, ctx.zone, '--from').toMillis();
  const until = parseWhen(opts.until, ctx.now, ctx.zone, '--until').toMillis();
  const live = await readLiveDesk(ctx);
  const rotation = await ctx.rotation(Math.min(start, ctx.now) - 14 * 86_400_000, until + 14 * 86_400_000);
  const duty = onDutyAt(buildTimeline(rotation.shifts), start, 0).current;
  const to = opts.to !== undefined ? parseLogins([opts.to], '--to')[0] : duty?.backup?.login;
  if (!to) throw new UsageError('nobody is Backup then, so there is no default delegate', 'pass --to LOGIN');
  const desk = readDesk(live.records);
  const post = planDelegate({
    shift: duty?.primary ? { login: duty.primary.login, start: duty.primary.start, end: duty.primary.end } : null,
    to,
    start,
    until,
    now: ctx.now,
    zone: ctx.zone,
    team: ctx.loaded.team,
    desk,
    away: [...desk.away, ...awayFromTeam(ctx.loaded.team, ctx.zone)],
    template: await deskTemplate(ctx, 'delegate'),
  });
  return postOrShow(ctx, live, post, opts);
}
