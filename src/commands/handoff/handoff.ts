import type { Context } from '../../shell/context.js';
import { handoffSummary, planHandoff, SUMMARY_WEEK_MS } from '../../core/plans/handoff.js';
import { actingChanges, actingRolesAt, actingView, dutyInstant } from '../../app/acting.js';
import { openIncidents } from '../../core/deskPosts.js';
import { closedSince, loadInquiries } from '../../app/inquiries.js';
import { loadTemplate } from '../../app/templates.js';
import type { Outcome } from '../../shell/errors.js';
import { effortMinutes, parseLogins, parseNumber } from '../../shell/flags.js';
import { carryOut, reportActions } from '../../shell/writerIo.js';
import type { HandoffOptions } from './handoff.flags.js';
import { plural } from '../../core/words.js';

export type { HandoffOptions };

/** End of week: hands each unresolved discussion of the outgoing Primary, and of those they covered, to the next one. */
export async function runHandoff(opts: HandoffOptions, ctx: Context): Promise<Outcome> {
  const keep = new Set(
    (opts.keep ?? [])
      .flatMap((k) => k.split(','))
      .filter(Boolean)
      .map((k) => parseNumber(k)),
  );
  const [to] = parseLogins(opts.to ? [opts.to] : [], '--to');
  const [backup] = parseLogins(opts.backup ? [opts.backup] : [], '--backup');
  const [from] = parseLogins(opts.from ? [opts.from] : [], '--from');
  const effort = effortMinutes(opts);
  const inq = await loadInquiries(ctx);
  const viewer = from
    ? null
    : await inq.github.viewer().then(
        (v) => v.login,
        () => null,
      );
  const view = await actingView(ctx, { live: false });
  const facts = {
    now: ctx.now,
    zone: ctx.zone,
    discussions: inq.discussions,
    assessments: inq.assessments,
    team: inq.policy.team,
    members: ctx.loaded.team.map((m) => m.login),
    timeline: inq.timeline,
    viewer,
    template: await loadTemplate(ctx, ctx.loaded.config.templates.handoff, 'handoff.md'),
    keepTemplate: await loadTemplate(ctx, null, 'keep.md'),
    actingAt: actingRolesAt(view, inq.timeline, ctx.loaded.team),
    actingChanges: actingChanges(view, inq.timeline),
    dutyAt: dutyInstant(inq.policy.calendar, ctx.now),
  };
  const plan = planHandoff(facts, { to, backup, from, keep, effort });
  const writes = (kind: string) => plan.actions.filter((a) => !a.skip && a.kind === kind).length;
  const question = [
    writes('handoff') && `${plural(writes('handoff'), 'handoff comment')} to @${plan.to}`,
    writes('keep') && plural(writes('keep'), 'keep note'),
  ]
    .filter(Boolean)
    .join(' and ');
  const results = await carryOut(
    ctx,
    plan,
    opts,
    { gh: inq.github, repo: inq.repo, team: inq.policy.team },
    `Post ${question || 'nothing'}?`,
  );
  const outcome = reportActions(ctx, results, opts, plan);
  const handed = new Set(
    results
      .filter((a) => a.kind === 'handoff' && (a.status === 'done' || a.status === 'planned' || a.reason?.startsWith('already')))
      .map((a) => a.number),
  );
  if (!ctx.out.json) {
    const closed = await closedSince(ctx, inq, ctx.now - SUMMARY_WEEK_MS).catch((e: Error) => {
      ctx.warn(`the summary leaves out what was closed this week: ${e.message}`);
      return [];
    });
    const incidents = openIncidents(view.desk);
    ctx.deps.stdout.write(`\n${handoffSummary({ ...facts, closed, incidents }, { ...plan, keep, handed })}`);
  }
  return outcome;
}
