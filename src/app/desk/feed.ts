import type { Policy } from '../../core/conversation.js';
import { AuthError, NotFoundError, UsageError } from '../../core/errors.js';
import type { DeskEntry } from '../../core/desk.js';
import { keysOf, repairs, rewriteNotify } from '../../core/desk.js';
import type { GitHubPort, RepoRef } from '../../github/port.js';
import type { Desk } from './thread.js';
import { ownComment, readDeskThread } from './thread.js';

export interface Posted {
  /** the keys this run's comment holds after convergence (empty when it removed itself) */
  kept: string[];
  url: string | null;
  /** the desk as read after the write */
  desk: Desk;
  /** this run's comment after convergence, if it stayed */
  entry: DeskEntry | null;
}

/**
 * Posts one keyed notify comment so that, across racing runs, each key stays
 * exactly once (SPEC §9, STYLE 13). A lost answer is settled by re-reading
 * for this run's id before one more try. After writing it reads the thread
 * again: a key belongs to the earliest comment that carries it, so this run's
 * comment edits out keys an earlier comment holds, or deletes itself when it
 * holds nothing else. Only the later comment acts, and only on itself.
 */
export async function postKeyed(
  gh: GitHubPort,
  ref: { repo: RepoRef; number: number },
  desk: Desk,
  policy: Pick<Policy, 'team'>,
  body: string,
  run: string,
  since: number,
): Promise<Posted> {
  let url: string | null = null;
  try {
    url = (await gh.addThreadComment(desk.thread, body)).url;
  } catch (e) {
    if (e instanceof AuthError || e instanceof UsageError || e instanceof NotFoundError) throw e;
    const again = await readDeskThread(gh, ref, policy, since, ['notify']);
    if (!ownComment(again.entries, run)) url = (await gh.addThreadComment(desk.thread, body)).url;
  }
  const fresh = await readDeskThread(gh, ref, policy, since);
  const mine = ownComment(fresh.entries, run);
  if (!mine) return { kept: [], url, desk: fresh, entry: null };
  const repair = repairs(fresh.entries).find((r) => r.commentId === mine.commentId);
  if (!repair) return { kept: keysOf(mine), url, desk: fresh, entry: mine };
  if (repair.action === 'delete') {
    await gh.deleteThreadComment(fresh.thread, mine.commentId);
    return { kept: [], url: null, desk: fresh, entry: null };
  }
  await gh.updateThreadComment(fresh.thread, mine.commentId, repair.body);
  const earlier = new Set(fresh.entries.filter((e) => e.marker.kind === 'notify' && e.index < mine.index).flatMap(keysOf));
  const kept = keysOf(mine).filter((k) => !earlier.has(k));
  return { kept, url, desk: fresh, entry: { ...mine, body: repair.body, marker: { ...mine.marker, keys: kept } } };
}

/** A notify comment whose marker lists exactly `pending` as the keys the webhook still owes. */
export function withPending(entry: DeskEntry, pending: readonly string[]): string {
  return rewriteNotify(entry.body, entry.marker, { pending });
}
