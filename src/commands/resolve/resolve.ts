import type { Context } from '../../shell/context.js';
import type { Discussion, Message, TeamRule } from '../../core/conversation.js';
import { assess, trustedMarker } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { answerCandidates, isBookkeeping, planAnswer, planWontfix } from '../../core/plans/resolve.js';
import { fixesOf } from '../../core/fixes.js';
import { parseRepo } from '../../github/port.js';
import { github, policyFor, rotationTimeline } from '../../app/inquiries.js';
import { loadTemplate } from '../../app/templates.js';
import type { Outcome } from '../../shell/errors.js';
import { effortMinutes, parseNumber } from '../../shell/flags.js';
import { carryOut, confirmOutOfScope, reportActions } from '../../shell/writerIo.js';
import type { ResolveOptions } from './resolve.flags.js';
import { wontfixLabel } from '../../app/labels.js';

export type { ResolveOptions };

/** The comment that answers: the one given by URL, else asked for on a terminal among the team's real replies. */
async function chooseAnswer(ctx: Context, d: Discussion, team: TeamRule, wanted: string | undefined): Promise<Message> {
  if (wanted) {
    const url = wanted.trim();
    const chosen = d.messages.find((m) => m.kind !== 'post' && (m.url === url || url.endsWith(`#${m.url.split('#')[1]}`)));
    if (!chosen) throw new UsageError(`${url} is not a comment of #${d.number}`, 'copy the link from the comment\'s "Copy link" menu');
    if (isBookkeeping(chosen, team))
      throw new UsageError(
        `${url} is the tool's bookkeeping (${trustedMarker(chosen, team)!.kind}), not an answer`,
        'give the comment that answers the question',
      );
    return chosen;
  }
  const candidates = answerCandidates(d, team);
  if (candidates.length === 0)
    throw new UsageError(`#${d.number} has no reply by the team to mark as the answer`, 'answer it first, or use --wontfix');
  if (!(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY)) throw new UsageError('which comment is the answer?', 'pass --answer COMMENT_URL');
  const id = await (await ctx.deps.prompter()).select(
    `Which comment answers #${d.number}?`,
    candidates.map((m) => ({
      value: m.id,
      name: `${m.kind === 'reply' ? '  ↳ ' : ''}@${m.author ?? 'ghost'}: ${m.body
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/\s+/g, ' ')
        .slice(0, 70)}`,
    })),
  );
  return candidates.find((m) => m.id === id)!;
}

/** Marks the answer (the VisIt convention for replies), or closes as wontfix. */
export async function runResolve(numberText: string, opts: ResolveOptions, ctx: Context): Promise<Outcome> {
  const number = parseNumber(numberText);
  if (opts.answer && opts.wontfix) throw new UsageError('--answer and --wontfix cannot go together');
  if (opts.workaround && opts.wontfix)
    throw new UsageError('--workaround and --wontfix cannot go together', '--workaround marks an answer that helped for now');
  const effort = effortMinutes(opts);
  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const label = opts.wontfix ? await wontfixLabel(ctx, gh, repo) : null;
  const d = await gh.discussion(repo, number);
  await confirmOutOfScope(ctx, d, opts);
  const timeline = await rotationTimeline(ctx, d.createdAt - 14 * 86_400_000, ctx.now + 86_400_000);
  const policy = await policyFor(ctx, timeline);
  const target = { gh, repo, team: policy.team };
  if (label) {
    const template = await loadTemplate(ctx, ctx.loaded.config.templates.closing, 'closing.md');
    const facts = {
      discussion: d,
      assessment: assess(d, policy, ctx.now),
      team: policy.team,
      label,
      staleAfterDays: policy.staleAfterDays,
      template,
    };
    const plan = { actions: [planWontfix(facts, { kind: 'resolution', message: opts.message, effort, force: opts.force })], warnings: [] };
    return reportActions(ctx, await carryOut(ctx, plan, opts, target), opts, plan);
  }
  const resolved = d.isAnswered || d.closed;
  // A resolved discussion is skipped without asking which comment answers it; a workaround may still be marked on its answer.
  const chosen = !resolved
    ? await chooseAnswer(ctx, d, policy.team, opts.answer)
    : opts.workaround
      ? opts.answer
        ? await chooseAnswer(ctx, d, policy.team, opts.answer)
        : (d.messages.find((m) => m.isAnswer) ?? null)
      : null;
  if (opts.workaround && !chosen)
    throw new UsageError(`#${number} is closed with no answer marked`, 'pass --answer COMMENT_URL: the comment that is the workaround');
  const longTerm = fixesOf(d, policy.team).longTerm.at(-1)?.issue ?? null;
  const plan = planAnswer({ discussion: d, team: policy.team, chosen, effort, workaround: opts.workaround, longTerm });
  return reportActions(ctx, await carryOut(ctx, plan, opts, target), opts, plan);
}
