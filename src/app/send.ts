import type { TeamRule } from '../core/conversation.js';
import { UsageError } from '../core/errors.js';
import type { ActionResult } from '../core/plans/plan.js';
import { planSend } from '../core/plans/contact.js';
import type { GitHubPort } from '../github/port.js';
import { parseRepo } from '../github/port.js';
import type { OutboxEntry } from '../store/outbox.js';
import { execute, failedResult } from './execute.js';
import { categoryIds } from './inquiries.js';
import { hasClientId } from './keyedWrites.js';

/**
 * Sends one inquiry (from log-call, or from the outbox) exactly once and
 * completely: loads its repository, category and label, looks for a
 * discussion an earlier attempt created with its client id, plans, executes.
 */
export async function sendEntry(
  gh: GitHubPort,
  entry: Omit<OutboxEntry, 'v' | 'queuedAt' | 'reason'>,
  kind: 'log-call' | 'sync',
  opts: { team: TeamRule; now(): number },
): Promise<ActionResult> {
  const base = { kind, number: null, url: null };
  const repo = parseRepo(entry.repository);
  try {
    const info = await gh.repository(repo);
    const categoryId = entry.category ? categoryIds(info, [entry.category])[0]! : (info.categories[0]?.id ?? null);
    if (!categoryId)
      throw new UsageError(`${info.nameWithOwner} has no discussion categories`, 'create one, or fix "repository" in the config');
    let labelId: string | null = null;
    if (entry.label) {
      labelId = (await gh.labelId(repo, entry.label)).labelId;
      if (!labelId)
        throw new UsageError(
          `the label "${entry.label}" does not exist in ${info.nameWithOwner}`,
          'create it, or fix discussions.label in the config',
        );
    }
    // The earliest copy, should an earlier race have left two.
    const existing = (await gh.recentDiscussions(repo, categoryId))
      .filter((d) => hasClientId(d.body, entry.id))
      .sort((a, b) => a.number - b.number)[0];
    const action = planSend({ kind, entry, repositoryId: info.id, categoryId, labelId, existing });
    const [result] = await execute({ actions: [action], warnings: [] }, gh, { repo, ...opts });
    return result!;
  } catch (e) {
    return failedResult(base, e);
  }
}
