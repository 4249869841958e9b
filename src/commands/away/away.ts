import type { Context } from '../../shell/context.js';
import { parseWhen } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { parseDuration } from '../../core/duration.js';
import { awayFromTeam, readDesk } from '../../core/acting.js';
import { buildTimeline, onDutyAt } from '../../core/rotation.js';
import { planAway, planCancelAway } from '../../core/deskPosts.js';
import type { AwayOptions } from './away.flags.js';
import { postOrShow, speaker } from '../../shell/deskIo.js';
import type { Outcome } from '../../shell/errors.js';
import { deskTemplate, readLiveDesk } from '../../app/desk/post.js';

export type { AwayOptions };

/** `away`: tells the team, on the desk thread, that someone will be away from their desk; `--cancel` withdraws the latest notice. */
export async function runAway(opts: AwayOptions, ctx: Context): Promise<Outcome> {
  if (opts.cancel && (opts.from !== undefined || opts.until !== undefined || opts.note !== undefined)) {
    throw new UsageError(
      '--cancel withdraws your latest away notice and takes no --from, --until or --note',
      'run `visit-sre away --cancel` alone (with --as LOGIN for someone else)',
    );
  }
  if (!opts.cancel && opts.until === undefined)
    throw new UsageError(
      'away needs --until WHEN',
      'for example: visit-sre away --until +3h, or --from 2026-12-01T13:00 --until 2026-12-02T10:00',
    );
  const from = opts.cancel ? ctx.now : parseWhen(opts.from ?? 'now', ctx.now, ctx.zone, '--from').toMillis();
  const until = opts.cancel ? ctx.now : parseWhen(opts.until!, ctx.now, ctx.zone, '--until').toMillis();
  if (!opts.cancel && until <= from)
    throw new UsageError(`--until ${opts.until} is not after --from ${opts.from ?? 'now'}`, 'give an --until later than --from');

  const live = await readLiveDesk(ctx);
  const who = await speaker(live, opts.as, ctx);
  const desk = readDesk(live.records);
  const rotation = await ctx.rotation(Math.min(from, ctx.now) - 14 * 86_400_000, until + 14 * 86_400_000);
  const duty = onDutyAt(buildTimeline(rotation.shifts), Math.max(from, ctx.now), 0).current;
  const primary = duty?.primary?.login ?? null;
  const backup = duty?.backup?.login ?? null;
  const post = opts.cancel
    ? planCancelAway({ who, now: ctx.now, zone: ctx.zone, primary, backup, desk, template: await deskTemplate(ctx, 'away-cancel') })
    : planAway({
        who,
        from,
        until,
        ...(opts.note !== undefined ? { note: opts.note } : {}),
        now: ctx.now,
        zone: ctx.zone,
        cal: await ctx.businessCalendar(),
        goalMinutes: parseDuration(ctx.loaded.config.responseGoal, 'responseGoal'),
        primary,
        backup,
        team: ctx.loaded.team,
        desk,
        away: [...desk.away, ...awayFromTeam(ctx.loaded.team, ctx.zone)],
        template: await deskTemplate(ctx, 'away'),
      });
  return postOrShow(ctx, live, post, opts);
}
