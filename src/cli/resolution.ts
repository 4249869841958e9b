import type { Context } from './context.js';
import type { Discussion, Policy } from '../core/conversation.js';
import { UsageError } from '../core/errors.js';
import type { GitHubPort, RepoRef } from '../github/port.js';
import type { Action, WriterFlags } from './writers.js';
import { failed, postOnce } from './writers.js';
import { failureReason, markersOf, mention, withMarker } from './writers.js';

export function defaultClosing(d: Discussion, days: number, author: string | null): string {
  return [
    `Hi ${mention(author)}, we haven't heard back in ${days} days, so we're closing this inquiry for now to keep our support queue current.`,
    '',
    'If this is still a problem, just reply here or open a new discussion with any new details (version, platform, the steps you tried), and we will pick it up again. Thank you for using VisIt!',
  ].join('\n');
}

export interface WontfixPlan {
  number: number;
  url: string;
  body: string | null;
  steps: string[];
}

/**
 * Closes a discussion as wontfix: a polite closing comment with a marker,
 * marked as the answer (or, in a category without answers, the discussion
 * closed as outdated), and the wontfix label. Re-running after a partial
 * failure completes what is missing and repeats nothing.
 */
export async function resolveWontfix(
  ctx: Context,
  gh: GitHubPort,
  repo: RepoRef,
  d: Discussion,
  policy: Pick<Policy, 'team'>,
  opts: { kind: 'resolution' | 'stale'; message?: string; effort?: number; labelId: string; flags: WriterFlags; daysSilent: number; author: string | null },
): Promise<{ action: Action; preview: string | null }> {
  const base = { kind: opts.kind === 'stale' ? 'close-stale' : 'wontfix', number: d.number, url: d.url };
  const previous = [...markersOf(d, policy, 'stale'), ...markersOf(d, policy, 'resolution').filter((m) => m.marker.wontfix === true)].pop();
  const hasLabel = d.labels.includes(ctx.loaded.config.labels.wontfix);
  const done = (d.isAnswered || d.closed) && hasLabel;
  if (done) return { action: { ...base, status: 'skipped', reason: 'already closed as wontfix' }, preview: null };
  const body = previous ? null : withMarker(opts.message ?? defaultClosing(d, opts.daysSilent, opts.author), opts.kind, { wontfix: true }, opts.effort);
  if (opts.flags.dryRun) {
    return { action: { ...base, status: 'planned', reason: previous ? 'completing an earlier closure' : undefined }, preview: body ? `#${d.number} ${d.title}\n\n${body}` : null };
  }
  try {
    const comment = previous ? { id: previous.messageId, url: previous.url } : await postOnce(gh, repo, d, body!);
    let note = '';
    if (!d.isAnswered && !d.closed) {
      if (d.category.isAnswerable) await gh.markAnswer(comment.id);
      else {
        await gh.closeDiscussion(d.id, 'OUTDATED');
        note = `"${d.category.name}" has no answers: closed as outdated`;
      }
    }
    if (!hasLabel) await gh.addLabels(d.id, [opts.labelId]);
    return { action: { ...base, url: comment.url, status: 'done', ...(note ? { reason: note } : {}) }, preview: null };
  } catch (e) {
    return { action: failed(base, e), preview: null };
  }
}

/** The id of the wontfix label, checked before anything is posted. */
export async function wontfixLabel(ctx: Context, gh: GitHubPort, repo: RepoRef): Promise<string> {
  const name = ctx.loaded.config.labels.wontfix;
  const { labelId } = await gh.labelId(repo, name);
  if (!labelId) throw new UsageError(`the label "${name}" does not exist in ${repo.owner}/${repo.name}`, 'create it, or set labels.wontfix in the config');
  return labelId;
}
