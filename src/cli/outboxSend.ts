import { UsageError } from '../core/errors.js';
import type { GitHubPort } from '../github/port.js';
import { parseRepo } from '../github/port.js';
import type { OutboxEntry } from '../store/outbox.js';
import { categoryIds } from './inquiries.js';

/**
 * Creates the discussion of an outbox entry exactly once: first looks among
 * the category's latest discussions for one whose contact marker carries the
 * entry's client id (a retry after a lost answer), and creates it only if none.
 */
export async function sendEntry(gh: GitHubPort, entry: OutboxEntry): Promise<{ number: number; url: string; existed: boolean }> {
  const repo = parseRepo(entry.repository);
  const info = await gh.repository(repo);
  const categoryId = entry.category ? categoryIds(info, [entry.category])[0]! : info.categories[0]?.id;
  if (!categoryId) throw new UsageError(`${info.nameWithOwner} has no discussion categories`, 'create one, or fix "repository" in the config');
  const marker = `"id":"${entry.id}"`;
  const existing = (await gh.recentDiscussions(repo, categoryId)).find((d) => d.body.includes(marker) && d.body.includes('"kind":"contact"'));
  if (existing) return { number: existing.number, url: existing.url, existed: true };
  let labelId: string | null = null;
  if (entry.label) {
    labelId = (await gh.labelId(repo, entry.label)).labelId;
    if (!labelId) throw new UsageError(`the label "${entry.label}" does not exist in ${info.nameWithOwner}`, 'create it, or fix discussions.label in the config');
  }
  const created = await gh.createDiscussion(info.id, categoryId, entry.title, entry.body);
  if (labelId) await gh.addLabels(created.id, [labelId]);
  return { ...created, existed: false };
}
