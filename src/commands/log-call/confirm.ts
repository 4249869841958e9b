import type { Context } from '../../shell/context.js';
import { addressee, markersOf, teamRuleOf, trustedMarker } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { readDesk } from '../../core/acting.js';
import { planContactConfirmed } from '../../core/deskPosts.js';
import { withMarker } from '../../core/markers.js';
import { misdirected } from '../../core/plans/contact.js';
import type { ActionResult, Plan } from '../../core/plans/plan.js';
import { skipAction } from '../../core/plans/plan.js';
import { parseRepo } from '../../github/port.js';
import { github } from '../../app/inquiries.js';
import { deskPlan, readLiveDesk, rememberPosted } from '../../app/desk/post.js';
import type { Outcome } from '../../shell/errors.js';
import { parseNumber } from '../../shell/flags.js';
import type { WriterFlags } from '../../shell/flags.js';
import { warn } from '../../shell/output.js';
import { carryOut, reportActions } from '../../shell/writerIo.js';

/**
 * `log-call --confirm NUMBER`: the owner of a contact someone else received
 * tells that the customer reached them, the three-way handoff of
 * docs/process.md. A comment on the discussion (the team's response: the
 * owner has talked to the customer) and a note on the desk thread, so
 * `notify` stops reminding.
 */
export async function confirmContact(ctx: Context, numberText: string, flags: WriterFlags): Promise<Outcome> {
  const number = parseNumber(numberText);
  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const d = await gh.discussion(repo, number);
  const team = teamRuleOf(ctx.loaded.team, ctx.loaded.config);
  const post = d.messages.find((m) => m.kind === 'post');
  const contact = post ? trustedMarker(post, team) : null;
  const receiver = typeof contact?.receiver === 'string' ? contact.receiver : null;
  const owner = typeof contact?.handler === 'string' ? contact.handler : null;
  if (contact?.kind !== 'contact' || !owner || !misdirected({ receiver, handler: owner }))
    throw new UsageError(`#${number} is not a contact that someone other than its owner received`, 'nothing to confirm');
  const viewer = await gh.viewer().then(
    (v) => v.login,
    () => null,
  );
  if (viewer && viewer.toLowerCase() !== owner.toLowerCase())
    warn(ctx.deps, `@${owner} owns #${number}, not you: confirming that the customer reached @${owner}`);
  const key = 'contact-confirmed';
  const base = { kind: 'contact-confirmed', number, url: d.url };
  const body = withMarker(
    `Hi ${addressee(d, team)}, @${owner} from the support team has talked with you directly; this inquiry continues with them. (The customer reached the owner: the handoff from @${receiver} is complete.)`,
    'contact-confirmed',
    { owner, receiver, by: viewer ?? owner },
    { key },
  );
  const plan: Plan = {
    actions: [
      markersOf(d, team, 'contact-confirmed').length
        ? skipAction(base, 'already confirmed', key)
        : { ...base, key, preview: `#${number} ${d.title}\n\n${body}`, steps: [{ op: 'comment', discussionId: d.id, number, body, key }] },
    ],
    warnings: [],
  };
  const results: ActionResult[] = await carryOut(ctx, plan, flags, { gh, repo, team });
  if (ctx.loaded.config.desk.thread && !results.some((r) => r.status === 'failed')) {
    const live = await readLiveDesk(ctx);
    const note = planContactConfirmed({ number, url: d.url, owner, desk: readDesk(live.records) });
    const told = await carryOut(ctx, deskPlan(live, note), flags, { gh: live.gh, repo: live.ref.repo, team: live.team });
    if (!flags.dryRun) await rememberPosted(ctx, live, note, told);
    results.push(...told);
  }
  return reportActions(ctx, results, flags, plan);
}
