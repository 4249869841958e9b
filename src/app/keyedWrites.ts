import type { Message } from '../core/conversation.js';
import { trustedMarker } from '../core/conversation.js';
import { OperationalError } from '../core/errors.js';
import { markerKey, parseMarker } from '../core/markers.js';
import type { Created, Step } from '../core/plans/plan.js';
import { parseRepo } from '../github/port.js';
import type { Session } from './execute.js';

/** How far GitHub's clock may run behind ours when matching "created after the attempt started". */
const CLOCK_SKEW_MS = 60_000;

/** Whether a message's author is this token's user; a bot's login may come with or without "[bot]". */
const same = (a: string | null, viewer: string | null) =>
  a !== null && viewer !== null && a.toLowerCase().replace(/\[bot\]$/, '') === viewer.toLowerCase().replace(/\[bot\]$/, '');

/** The key of a comment the team (or this very token) wrote; a user cannot forge one. */
function keyOf(m: Message, s: Session, viewer: string | null): string | null {
  if (m.kind !== 'comment' || m.hidden) return null;
  return markerKey(trustedMarker(m, s.team) ?? (same(m.author, viewer) ? parseMarker(m.body) : null));
}

/**
 * Posts a keyed comment exactly once (STYLE 13).
 * - When the answer is lost (a 5xx or a dropped connection after GitHub may
 *   have applied it), it re-reads the thread and takes only this write: the
 *   same key, written by this token's user, created after the attempt began.
 * - After posting it reads the thread again: when another run (another process
 *   or machine) posted the same keyed comment, the first copy stays and the
 *   later one removes itself. Copies further apart than `windowMs` are
 *   separate writes (two escalations an hour apart).
 */
export async function postKeyed(
  s: Session,
  step: Extract<Step, { op: 'comment' }>,
  body: string,
): Promise<{ id: string; url: string; converged?: boolean }> {
  const started = s.now();
  let mine: { id: string; url: string };
  try {
    mine = await s.gh.addDiscussionComment(step.discussionId, body);
  } catch (e) {
    if (!(e instanceof OperationalError)) throw e;
    let landed: Message | undefined;
    try {
      // A token that may not ask who it is (some app tokens) still has the key and the time to go by.
      const viewer = await s.viewer().catch(() => null);
      const fresh = await s.gh.discussion(s.repo, step.number);
      landed = fresh.messages.find(
        (m) =>
          m.kind === 'comment' &&
          (viewer === null || same(m.author, viewer)) &&
          markerKey(parseMarker(m.body)) === step.key &&
          m.createdAt >= started - CLOCK_SKEW_MS,
      );
    } catch {
      throw e;
    }
    mine = landed ? { id: landed.id, url: landed.url } : await s.gh.addDiscussionComment(step.discussionId, body);
  }
  return converge(s, step, mine);
}

async function converge(
  s: Session,
  step: Extract<Step, { op: 'comment' }>,
  mine: { id: string; url: string },
): Promise<{ id: string; url: string; converged?: boolean }> {
  let copies: Message[];
  try {
    const viewer = await s.viewer().catch(() => null);
    const fresh = await s.gh.discussion(s.repo, step.number);
    copies = fresh.messages.filter((m) => m.id === mine.id || keyOf(m, s, viewer) === step.key);
  } catch {
    return mine; // posted; without a fresh read there is nothing to converge on
  }
  const at = copies.findIndex((m) => m.id === mine.id);
  if (at <= 0) return mine;
  const window = step.windowMs ?? Infinity;
  const first = copies.slice(0, at).find((m) => copies[at]!.createdAt - m.createdAt <= window);
  if (!first) return mine;
  await s.gh.deleteDiscussionComment(mine.id);
  return { id: first.id, url: first.url, converged: true };
}

/** Creates the issue once: after a lost answer, looks for it among this user's recent issues by its key. */
export async function createIssueOnce(s: Session, step: Extract<Step, { op: 'create-issue' }>): Promise<Created> {
  try {
    return await s.gh.createIssue(step.repositoryId, step.title, step.body);
  } catch (e) {
    if (!(e instanceof OperationalError)) throw e;
    const viewer = await s.viewer().catch(() => null);
    const found = viewer
      ? (await s.gh.recentIssuesBy(parseRepo(step.repository), viewer).catch(() => [])).find(
          (i) => markerKey(parseMarker(i.body)) === step.key,
        )
      : undefined;
    return found ?? s.gh.createIssue(step.repositoryId, step.title, step.body);
  }
}

/** Creates the discussion once: after a lost answer, looks among the category's latest for its client id. */
export async function createDiscussionOnce(s: Session, step: Extract<Step, { op: 'create-discussion' }>): Promise<Created> {
  try {
    return await s.gh.createDiscussion(step.repositoryId, step.categoryId!, step.title, step.body);
  } catch (e) {
    if (!(e instanceof OperationalError)) throw e;
    const found = (await s.gh.recentDiscussions(parseRepo(step.repository), step.categoryId).catch(() => [])).find((d) =>
      hasClientId(d.body, step.key),
    );
    return found ?? s.gh.createDiscussion(step.repositoryId, step.categoryId!, step.title, step.body);
  }
}

/** A discussion body whose contact marker carries this client id. */
export function hasClientId(body: string, id: string): boolean {
  const m = parseMarker(body);
  return m?.kind === 'contact' && m.id === id;
}
