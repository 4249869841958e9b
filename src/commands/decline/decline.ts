import type { Context } from '../../shell/context.js';
import { assess } from '../../core/conversation.js';
import { planDecline } from '../../core/plans/decline.js';
import { parseWhen } from '../../core/timeInput.js';
import { parseRepo } from '../../github/port.js';
import { github, policyFor, rotationTimeline } from '../../app/inquiries.js';
import { actingRolesAt, actingView } from '../../app/acting.js';
import { loadTemplate } from '../../app/templates.js';
import type { Outcome } from '../../shell/errors.js';
import { effortMinutes, parseNumber } from '../../shell/flags.js';
import { carryOut, confirmOutOfScope, reportActions } from '../../shell/writerIo.js';
import type { DeclineOptions } from './decline.flags.js';

export type { DeclineOptions };

const DAY = 86_400_000;

/** `decline NUMBER`: an enlisted developer declines or defers, and tells the acting Primary in the discussion (docs/process.md#escalation). */
export async function runDecline(numberText: string, opts: DeclineOptions, ctx: Context): Promise<Outcome> {
  const number = parseNumber(numberText);
  const until = opts.until === undefined ? undefined : parseWhen(opts.until, ctx.now, ctx.zone, '--until').toMillis();
  const effort = effortMinutes(opts);
  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const d = await gh.discussion(repo, number);
  await confirmOutOfScope(ctx, d, opts);
  const timeline = await rotationTimeline(ctx, Math.min(d.createdAt, ctx.now) - 14 * DAY, ctx.now + 14 * DAY);
  const policy = await policyFor(ctx, timeline);
  const acting = actingRolesAt(await actingView(ctx, { live: false }), timeline, ctx.loaded.team)(ctx.now);
  const plan = planDecline(
    {
      now: ctx.now,
      zone: ctx.zone,
      discussion: d,
      assessment: assess(d, policy, ctx.now),
      team: policy.team,
      who: (await gh.viewer()).login,
      actingPrimary: acting.primary,
      template: await loadTemplate(ctx, null, 'decline.md'),
    },
    { ...(until !== undefined ? { until } : {}), ...(opts.reason ? { reason: opts.reason } : {}), effort },
  );
  return reportActions(ctx, await carryOut(ctx, plan, opts, { gh, repo, team: policy.team }), opts, plan);
}
