import type { Context } from '../context.js';
import { onDutyAt } from '../../core/rotation.js';
import { UsageError } from '../../core/errors.js';
import { parseRepo } from '../../github/port.js';
import { github, policyFor, rotationTimeline } from '../inquiries.js';
import { assess } from '../../core/conversation.js';
import type { Action, WriterFlags } from '../writers.js';
import { failed, postOnce } from '../writers.js';
import { confirmOutOfScope, effortMinutes, failureReason, markersOf, parseLogins, parseNumber, report, withMarker } from '../writers.js';
import { warn } from '../output.js';

export interface EscalateOptions extends WriterFlags {
  to?: string[];
  reason?: string;
}

/** A retry within this window with the same people is the same escalation, not a new one. */
const SAME_ESCALATION_MS = 15 * 60_000;

/** @mentions the Backup on duty, or the given developers, with an escalation marker. */
export async function runEscalate(numberText: string, opts: EscalateOptions, ctx: Context): Promise<number> {
  const number = parseNumber(numberText);
  let to = parseLogins(opts.to, '--to');
  const effort = effortMinutes(opts);
  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const d = await gh.discussion(repo, number);
  await confirmOutOfScope(ctx, d, opts);
  const timeline = await rotationTimeline(ctx, Math.min(d.createdAt, ctx.now) - 14 * 86_400_000, ctx.now + 14 * 86_400_000);
  const policy = await policyFor(ctx, timeline);
  const state = assess(d, policy, ctx.now);
  const base = { kind: 'escalation', number, url: d.url };
  if (state.state === 'resolved') return report(ctx, [{ ...base, status: 'skipped', reason: 'already resolved' }], opts);

  const previous = markersOf(d, policy, 'escalation');
  const mentioned = new Set(previous.flatMap((p) => (Array.isArray(p.marker.to) ? (p.marker.to as string[]) : [])));
  const duty = onDutyAt(timeline, ctx.now, 0).current;
  const last = previous[previous.length - 1];
  const recent = last !== undefined && ctx.now - last.createdAt < SAME_ESCALATION_MS;
  const lastTo = (last?.marker.to as string[] | undefined) ?? [];
  if (recent && (to.length === 0 || [...to].sort().join() === [...lastTo].sort().join())) {
    // A re-run right after an escalation (say, after a lost answer) is the same escalation.
    return report(ctx, [{ ...base, url: last.url, status: 'skipped', reason: `already escalated to ${lastTo.map((l) => `@${l}`).join(', ')} minutes ago` }], opts);
  }
  if (to.length === 0) {
    const backup = duty?.backup?.login ?? null;
    if (previous.length === 0 && backup) {
      to = [backup];
    } else {
      const skip = new Set([...mentioned, duty?.primary?.login, state.owner].filter(Boolean) as string[]);
      const candidates = ctx.loaded.team.filter((m) => !skip.has(m.login));
      if (candidates.length === 0) throw new UsageError(`everyone on the team has been asked about #${number} already`, 'pass --to LOGIN to ask someone again');
      if (!(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY)) {
        throw new UsageError(
          `#${number} was escalated before (to ${[...mentioned].map((l) => `@${l}`).join(', ') || 'nobody on duty'}); choose who to ask next`,
          `not yet asked: ${candidates.map((m) => `${m.login}${m.experienced ? ' (experienced)' : ''}`).join(', ')} — pass --to LOGIN`,
        );
      }
      to = await (await ctx.deps.prompter()).checkbox(
        `Who should look at #${number} next?`,
        candidates.map((m) => ({ value: m.login, name: `${m.name} (@${m.login})${m.experienced ? ' – experienced' : ''}` })),
      );
      if (to.length === 0) throw new UsageError('nobody chosen: nothing was posted');
    }
  }
  for (const l of to) if (!ctx.loaded.team.some((m) => m.login === l)) warn(ctx.deps, `@${l} is not on the team`);

  const text = `${to.map((l) => `@${l}`).join(' ')}, could you help with this one?${opts.reason ? `\n\n${opts.reason}` : ''}`;
  const body = withMarker(text, 'escalation', { to, ...(opts.reason ? { reason: opts.reason } : {}) }, effort);
  let action: Action;
  if (opts.dryRun) return report(ctx, [{ ...base, status: 'planned' }], opts, [`#${number} ${d.title}\n\n${body}`]);
  try {
    const c = await postOnce(gh, repo, d, body);
    action = { ...base, url: c.url, status: 'done' };
  } catch (e) {
    action = failed(base, e);
  }
  return report(ctx, [action], opts);
}
