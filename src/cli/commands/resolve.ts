import type { Context } from '../context.js';
import type { Message } from '../../core/conversation.js';
import { assess } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { parseRepo } from '../../github/port.js';
import { github, policyFor, rotationTimeline } from '../inquiries.js';
import type { Action, WriterFlags } from '../writers.js';
import { failed, postOnce } from '../writers.js';
import { confirmOutOfScope, effortMinutes, failureReason, markersOf, parseNumber, report, withMarker } from '../writers.js';
import { resolveWontfix, wontfixLabel } from '../resolution.js';

export interface ResolveOptions extends WriterFlags {
  answer?: string;
  wontfix?: boolean;
  message?: string;
}

function quote(text: string): string {
  const lines = text.replace(/<!--[\s\S]*?-->/g, '').trim().split('\n').slice(0, 6);
  return lines.map((l) => `> ${l}`).join('\n');
}

/** Marks the answer (the VisIt convention for replies), or closes as wontfix. */
export async function runResolve(numberText: string, opts: ResolveOptions, ctx: Context): Promise<number> {
  const number = parseNumber(numberText);
  if (opts.answer && opts.wontfix) throw new UsageError('--answer and --wontfix cannot go together');
  const effort = effortMinutes(opts);
  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const labelId = opts.wontfix ? await wontfixLabel(ctx, gh, repo) : null;
  const d = await gh.discussion(repo, number);
  await confirmOutOfScope(ctx, d, opts);
  const timeline = await rotationTimeline(ctx, d.createdAt - 14 * 86_400_000, ctx.now + 86_400_000);
  const policy = await policyFor(ctx, timeline);
  const state = assess(d, policy, ctx.now);

  if (opts.wontfix) {
    const { action, preview } = await resolveWontfix(ctx, gh, repo, d, policy, {
      kind: 'resolution',
      message: opts.message,
      effort,
      labelId: labelId!,
      flags: opts,
      daysSilent: Math.floor(state.daysSinceUserActivity ?? 0),
      author: state.author,
    });
    return report(ctx, [action], opts, preview ? [preview] : []);
  }

  const base = { kind: 'answer', number, url: d.url };
  if (d.isAnswered || d.closed) return report(ctx, [{ ...base, status: 'skipped', reason: d.closed ? 'already closed' : 'already answered' }], opts);
  let chosen: Message | undefined;
  if (opts.answer) {
    const wanted = opts.answer.trim();
    chosen = d.messages.find((m) => m.kind !== 'post' && (m.url === wanted || wanted.endsWith(`#${m.url.split('#')[1]}`)));
    if (!chosen) throw new UsageError(`${wanted} is not a comment of #${number}`, 'copy the link from the comment\'s "Copy link" menu');
  } else {
    const candidates = d.messages.filter((m) => m.kind !== 'post' && !m.hidden);
    if (candidates.length === 0) throw new UsageError(`#${number} has no comments to mark as the answer`, 'answer it first, or use --wontfix');
    if (!(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY)) throw new UsageError('which comment is the answer?', 'pass --answer COMMENT_URL');
    const id = await (await ctx.deps.prompter()).select(
      `Which comment answers #${number}?`,
      candidates.map((m) => ({ value: m.id, name: `${m.kind === 'reply' ? '  ↳ ' : ''}@${m.author ?? 'ghost'}: ${m.body.replace(/<!--[\s\S]*?-->/g, '').replace(/\s+/g, ' ').slice(0, 70)}` })),
    );
    chosen = candidates.find((m) => m.id === id)!;
  }

  const actions: Action[] = [];
  if (!d.category.isAnswerable) {
    if (opts.dryRun) return report(ctx, [{ ...base, status: 'planned', reason: `"${d.category.name}" has no answers: would close as resolved` }], opts);
    try {
      await gh.closeDiscussion(d.id, 'RESOLVED');
      actions.push({ ...base, url: chosen.url, status: 'done', reason: `"${d.category.name}" has no answers: closed as resolved` });
    } catch (e) {
      actions.push(failed(base, e));
    }
    return report(ctx, actions, opts);
  }
  if (chosen.kind === 'comment') {
    if (opts.dryRun) return report(ctx, [{ ...base, url: chosen.url, status: 'planned' }], opts);
    try {
      await gh.markAnswer(chosen.id);
      actions.push({ ...base, url: chosen.url, status: 'done' });
    } catch (e) {
      actions.push(failed(base, e));
    }
    return report(ctx, actions, opts);
  }
  // A threaded reply cannot be the answer: a top-level comment links to it and is marked instead.
  const earlier = markersOf(d, policy, 'resolution').find((m) => m.marker.answer === chosen!.url);
  const body = withMarker(`The answer to this question is in [this reply](${chosen.url}) by @${chosen.author ?? 'ghost'}:\n\n${quote(chosen.body)}`, 'resolution', { answer: chosen.url }, effort);
  if (opts.dryRun) return report(ctx, [{ ...base, status: 'planned', reason: earlier ? 'marking the earlier link comment' : undefined }], opts, earlier ? [] : [`#${number} ${d.title}\n\n${body}`]);
  try {
    const link = earlier ? { id: earlier.messageId, url: earlier.url } : await postOnce(gh, repo, d, body);
    await gh.markAnswer(link.id);
    actions.push({ ...base, url: link.url, status: 'done', reason: 'answered by a reply: linked from a top-level comment' });
  } catch (e) {
    actions.push(failed(base, e));
  }
  return report(ctx, actions, opts);
}
