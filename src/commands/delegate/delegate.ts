import type { Context } from '../../shell/context.js';
import { parseWhen } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { buildTimeline, onDutyAt } from '../../core/rotation.js';
import { planDelegate, planDelegationAnswer } from '../../core/deskPosts.js';
import type { DelegationAnswer } from '../../core/deskPosts.js';
import type { DelegateOptions } from './delegate.flags.js';
import { parseLogins } from '../../shell/flags.js';
import type { Outcome } from '../../shell/errors.js';
import { deskTemplate, readLiveDesk } from '../../app/desk/post.js';
import { actingAt, proposedByPrimary, viewOf } from '../../app/acting.js';
import { postOrShow } from '../../shell/deskIo.js';

export type { DelegateOptions };

const DAY = 86_400_000;

/**
 * `delegate`: the acting Primary proposes that someone act as Primary for a
 * while; `--accept` and `--decline` by the delegate, `--cancel` by either
 * of them (docs/process.md#delegation). Everything is posted to the desk thread as the
 * token's user, whose login the readers check.
 */
export async function runDelegate(opts: DelegateOptions, ctx: Context): Promise<Outcome> {
  const answers = (['accept', 'decline', 'cancel'] as const).filter((a) => opts[a]);
  if (answers.length > 1) throw new UsageError(`--${answers.join(' and --')} cannot be combined`, 'give one of them');
  const answer: DelegationAnswer | undefined = answers[0];
  if (answer && (opts.to !== undefined || opts.from !== undefined || opts.until !== undefined))
    throw new UsageError(
      `--${answer} answers a proposal on the desk thread and takes no --to, --from or --until`,
      `run \`visit-sre delegate --${answer}\` alone`,
    );
  if (!answer && opts.until === undefined)
    throw new UsageError(
      'delegate needs --until WHEN',
      'for example: visit-sre delegate --until +3h (to the Backup), or --to LOGIN --from 2026-12-01T13:00 --until 2026-12-01T17:00',
    );
  const start = answer ? ctx.now : parseWhen(opts.from ?? 'now', ctx.now, ctx.zone, '--from').toMillis();
  const until = answer ? ctx.now : parseWhen(opts.until!, ctx.now, ctx.zone, '--until').toMillis();
  const live = await readLiveDesk(ctx);
  const me = (await live.gh.viewer()).login;
  const view = viewOf(ctx, live.ref.text, live.records, ctx.now);
  const timeline = buildTimeline((await ctx.rotation(Math.min(start, ctx.now) - 35 * DAY, until + 14 * DAY)).shifts);
  if (answer) {
    const post = planDelegationAnswer({
      answer,
      who: me,
      now: ctx.now,
      zone: ctx.zone,
      desk: view.desk,
      valid: proposedByPrimary(view, timeline, ctx.loaded.team),
      template: await deskTemplate(ctx, `delegate-${answer}`),
    });
    return postOrShow(ctx, live, post, opts);
  }
  const duty = onDutyAt(timeline, start, 0).current;
  const to = opts.to !== undefined ? parseLogins([opts.to], '--to')[0] : duty?.backup?.login;
  if (!to) throw new UsageError('nobody is Backup then, so there is no default delegate', 'pass --to LOGIN');
  const post = planDelegate({
    proposer: me,
    shift: duty?.primary ? { login: duty.primary.login, start: duty.primary.start, end: duty.primary.end } : null,
    mayDelegate: actingAt(view, timeline, ctx.loaded.team, start).mayDelegate,
    to,
    start,
    until,
    now: ctx.now,
    zone: ctx.zone,
    team: ctx.loaded.team,
    desk: view.desk,
    away: view.away,
    template: await deskTemplate(ctx, 'delegate'),
  });
  return postOrShow(ctx, live, post, opts);
}
