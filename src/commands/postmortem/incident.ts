import type { Context } from '../../shell/context.js';
import type { Discussion } from '../../core/conversation.js';
import { markersOf, teamRuleOf } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { readDesk } from '../../core/acting.js';
import type { DeskPost } from '../../core/deskPosts.js';
import { planIncident, planPostmortemLink } from '../../core/deskPosts.js';
import { withMarker } from '../../core/markers.js';
import type { ActionResult, Plan } from '../../core/plans/plan.js';
import { skipAction } from '../../core/plans/plan.js';
import { parseRepo } from '../../github/port.js';
import { actingAt, actingView } from '../../app/acting.js';
import { rotationTimeline } from '../../app/inquiries.js';
import { deskPlan, readLiveDesk, rememberPosted } from '../../app/desk/post.js';
import type { GitHubPort } from '../../github/port.js';
import type { Outcome } from '../../shell/errors.js';
import { carryOut, reportActions } from '../../shell/writerIo.js';

/** `incident.notify` as logins: `team` is every member, `primary` and `backup` the acting ones now. */
async function recipients(ctx: Context): Promise<string[]> {
  const names = ctx.loaded.config.incident.notify;
  const timeline = await rotationTimeline(ctx, ctx.now - 86_400_000, ctx.now + 86_400_000);
  const roles = actingAt(await actingView(ctx, { live: false }), timeline, ctx.loaded.team, ctx.now);
  return names.flatMap((n) =>
    n === 'team'
      ? ctx.loaded.team.map((m) => m.login)
      : n === 'primary'
        ? [roles.primary.login ?? []].flat()
        : n === 'backup'
          ? [roles.backup.login ?? []].flat()
          : [n],
  );
}

/**
 * `postmortem --incident`: marks a serious incident on the discussion (a
 * bookkeeping comment, marker `incident`) and posts a short notice to the
 * desk thread @mentioning `incident.notify`; the board and the handoff summary
 * list it for the next project meeting until `postmortem --link URL`.
 */
export async function markIncident(
  ctx: Context,
  gh: GitHubPort,
  d: Discussion,
  flags: { dryRun?: boolean; link?: string },
): Promise<Outcome> {
  const config = ctx.loaded.config;
  if (!config.desk.thread)
    throw new UsageError(
      'incidents go to the desk thread: config key "desk.thread" is not set',
      'set "desk": { "thread": "OWNER/NAME#NUMBER" }',
    );
  const repo = parseRepo(config.repository);
  const team = teamRuleOf(ctx.loaded.team, config);
  const live = await readLiveDesk(ctx);
  const desk = readDesk(live.records);
  const results: ActionResult[] = [];
  let note: DeskPost;
  if (flags.link !== undefined) {
    if (!/^https?:\/\/\S+$/.test(flags.link))
      throw new UsageError(`invalid --link "${flags.link}"`, 'give the URL of the published postmortem');
    note = planPostmortemLink({ number: d.number, url: d.url, postmortem: flags.link, desk });
  } else {
    const by = await gh.viewer().then(
      (v) => v.login,
      () => null,
    );
    const key = 'incident';
    const base = { kind: 'incident-mark', number: d.number, url: d.url };
    const body = withMarker(
      'The support team is treating this as a serious incident: more of us are looking at it, and we will follow up here.',
      'incident',
      by ? { by } : {},
      { key },
    );
    const mark: Plan = {
      actions: [
        markersOf(d, team, 'incident').length
          ? skipAction(base, 'already marked as an incident', key)
          : {
              ...base,
              key,
              preview: `#${d.number} ${d.title}\n\n${body}`,
              steps: [{ op: 'comment', discussionId: d.id, number: d.number, body, key }],
            },
      ],
      warnings: [],
    };
    results.push(...(await carryOut(ctx, mark, flags, { gh, repo, team })));
    note = planIncident({ number: d.number, url: d.url, title: d.title, by, notify: await recipients(ctx), desk });
  }
  const plan = deskPlan(live, note);
  const told = await carryOut(ctx, plan, flags, { gh: live.gh, repo: live.ref.repo, team: live.team });
  if (!flags.dryRun) await rememberPosted(ctx, live, note, told);
  results.push(...told);
  return reportActions(ctx, results, flags, plan);
}
