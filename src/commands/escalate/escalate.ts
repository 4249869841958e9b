import type { Context } from '../../shell/context.js';
import { assess } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { choiceText, planEscalate } from '../../core/plans/escalate.js';
import { parseRepo } from '../../github/port.js';
import { github, policyFor, rotationTimeline } from '../../app/inquiries.js';
import type { Outcome } from '../../shell/errors.js';
import { effortMinutes, parseLogins, parseNumber } from '../../shell/flags.js';
import { carryOut, confirmOutOfScope, reportActions } from '../../shell/writerIo.js';
import { actingRolesAt, actingView } from '../../app/acting.js';
import type { EscalateOptions } from './escalate.flags.js';

export type { EscalateOptions };

/** @mentions the acting Backup, or the given developers, with an escalation marker; never someone who declined, unless named. */
export async function runEscalate(numberText: string, opts: EscalateOptions, ctx: Context): Promise<Outcome> {
  const number = parseNumber(numberText);
  const to = parseLogins(opts.to, '--to');
  const effort = effortMinutes(opts);
  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const d = await gh.discussion(repo, number);
  await confirmOutOfScope(ctx, d, opts);
  const timeline = await rotationTimeline(ctx, Math.min(d.createdAt, ctx.now) - 14 * 86_400_000, ctx.now + 14 * 86_400_000);
  const policy = await policyFor(ctx, timeline);
  // The acting Backup: away notices and delegations on the desk thread, unavailability in the team file (docs/process.md#acting-roles).
  const acting = actingRolesAt(await actingView(ctx, { live: false }), timeline, ctx.loaded.team)(ctx.now);
  const facts = {
    now: ctx.now,
    discussion: d,
    assessment: assess(d, policy, ctx.now),
    team: policy.team,
    members: ctx.loaded.team,
    timeline,
    acting,
  };
  let plan = planEscalate(facts, { to, reason: opts.reason, effort });
  if (plan.choose) {
    const { candidates } = plan.choose;
    if (!(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY)) {
      throw new UsageError(
        choiceText(number, plan.choose),
        `not yet asked: ${candidates.map((m) => `${m.login}${m.experienced ? ' (experienced)' : ''}`).join(', ')} — pass --to LOGIN`,
      );
    }
    ctx.deps.stderr.write(`${choiceText(number, plan.choose)}\n`);
    const chosen = await (await ctx.deps.prompter()).checkbox(
      `Who should look at #${number} next?`,
      candidates.map((m) => ({ value: m.login, name: `${m.name} (@${m.login})${m.experienced ? ' – experienced' : ''}` })),
    );
    if (chosen.length === 0) throw new UsageError('nobody chosen: nothing was posted');
    plan = planEscalate(facts, { to: chosen, reason: opts.reason, effort });
  }
  if (plan.choose) throw new UsageError('nobody chosen: nothing was posted');
  return reportActions(ctx, await carryOut(ctx, plan, opts, { gh, repo, team: policy.team }), opts, plan);
}
