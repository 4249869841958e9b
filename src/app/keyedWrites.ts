import type { Message, TeamRule } from '../core/conversation.js';
import { trustedMarker } from '../core/conversation.js';
import { AuthError, OperationalError, RefusedError } from '../core/errors.js';
import type { KeyedEntry } from '../core/keyed.js';
import { markerKeys, RESERVE_TTL_MS, reservedUnits, settle } from '../core/keyed.js';
import { markerKey, parseMarker, withMarker } from '../core/markers.js';
import type { Created, Step } from '../core/plans/plan.js';
import type { RecentDiscussion } from '../github/port.js';
import { parseRepo } from '../github/port.js';
import type { Session } from './execute.js';

/** How far GitHub's clock may run behind ours when matching "created after the attempt started". */
const CLOCK_SKEW_MS = 60_000;

/** Whether a message's author is this token's user; a bot's login may come with or without "[bot]". */
const same = (a: string | null, viewer: string | null) =>
  a !== null && viewer !== null && a.toLowerCase().replace(/\[bot\]$/, '') === viewer.toLowerCase().replace(/\[bot\]$/, '');

/** A comment as the keyed writes see it: its trusted marker, or the marker of one this token's user wrote. */
export interface KeyedComment extends KeyedEntry {
  url: string;
  author: string | null;
}

/** The top-level comments of a thread with the markers the team (or this very token) wrote; a user cannot forge one. */
export function keyedComments(messages: readonly Message[], team: TeamRule, viewer: string | null): KeyedComment[] {
  return messages
    .filter((m) => m.kind === 'comment' && !m.hidden)
    .map((m) => ({
      id: m.id,
      url: m.url,
      author: m.author,
      createdAt: m.createdAt,
      body: m.body,
      marker: trustedMarker(m, team) ?? (same(m.author, viewer) ? parseMarker(m.body) : null),
    }));
}

/** Where keyed comments go: a discussion, or the desk thread. */
export interface KeyedThread {
  /**
   * Its comments, oldest first; `viewer` also trusts the markers this token's
   * user wrote. `since`: at least those created since then (after a write,
   * only the latest need be read); without it, as far back as a copy may be.
   */
  read(viewer: string | null, since?: number): Promise<KeyedComment[]>;
  add(body: string): Promise<{ id: string; url: string }>;
  remove(id: string): Promise<void>;
  edit(id: string, body: string): Promise<void>;
  /** whether to ask who the token is to recognise its own comments (a discussion: yes; the desk thread trusts the team and its bots) */
  asksViewer: boolean;
}

export interface KeyedPost {
  body: string;
  /** the keys its marker carries */
  keys: string[];
  /** its run id, when the marker carries one: how a lost answer finds it */
  run?: string;
  /** a copy already there is reused instead of posting again */
  lookFirst?: boolean;
  /** copies further apart than this are separate writes */
  windowMs?: number;
  /**
   * Reserve the keys first (a short comment without mentions), and post the
   * mentions only for what this run won: no mention goes out twice when runs
   * race, since a comment that is posted has notified, deleted or not.
   */
  reserve?: boolean;
  /** groups of keys that are posted together or not at all (default: all the keys, one group) */
  units?: string[][];
  /** the body for the groups this run won (default: `body`, for the one group) */
  bodyFor?: (won: string[][]) => string;
}

export interface Posted {
  id: string | null;
  url: string | null;
  /** the keys this write holds in the end: all of them, some (another run holds the rest), or none (it removed itself) */
  kept: string[];
  /** another run wrote some or all of it at the same time */
  converged: boolean;
}

/**
 * Posts a keyed comment exactly once (docs/architecture.md#keyed-writes-converge);
 * every writer's comments and notify's feed go through here.
 * - With `lookFirst`, a comment already holding every key is reused.
 * - When the answer is lost (a 5xx or a dropped connection after GitHub may
 *   have applied it), it re-reads the thread and takes only this write: its
 *   run id, or the same key by this token's user created after the attempt
 *   began; else it posts once more.
 * - After posting it reads the thread again: keys an earlier comment holds
 *   are dropped from this one (core/keyed.ts `settle`), and a comment left
 *   with none removes itself.
 */
export async function postOnce(s: Session, thread: KeyedThread, post: KeyedPost): Promise<Posted> {
  const viewer = () => (thread.asksViewer ? s.viewer().catch(() => null) : Promise.resolve(null));
  const holds = (c: KeyedComment) => holdsAll(post.keys, c);
  if (post.lookFirst) {
    const there = (await thread.read(await viewer())).find(holds);
    if (there) return { id: there.id, url: there.url, kept: post.keys, converged: false };
  }
  if (post.reserve) return postReserved(s, thread, post);
  const started = s.now();
  const mine = await addOnce(s, thread, post.body, started, async (c, who) =>
    post.run !== undefined
      ? c.marker?.run === post.run && c.marker.kind !== 'reserve'
      : (who === null || same(c.author, who)) && holds(c) && c.createdAt >= started - CLOCK_SKEW_MS,
  );
  let fresh: KeyedComment[];
  try {
    fresh = await thread.read(await viewer(), started - CLOCK_SKEW_MS);
  } catch {
    return { ...mine, kept: post.keys, converged: false }; // posted; without a fresh read there is nothing to converge on
  }
  const own = fresh.find((c) => c.id === mine.id);
  // Not in the read (eventual consistency): it was posted, and keeps what it holds.
  const outcome = own ? settle(fresh, mine.id, post.windowMs) : { action: 'keep' as const, kept: post.keys };
  if (outcome.action === 'keep') return { ...mine, kept: outcome.kept.length ? outcome.kept : post.keys, converged: false };
  const first = fresh.find((c) => c.id !== mine.id && holds(c));
  if (outcome.action === 'delete') {
    await thread.remove(mine.id);
    return { id: first?.id ?? null, url: first?.url ?? null, kept: [], converged: true };
  }
  await thread.edit(mine.id, outcome.body);
  return { ...mine, kept: outcome.kept, converged: true };
}

/** A comment that carries every one of `keys` (a reservation does not count: it mentions nobody). */
const holdsAll = (keys: readonly string[], c: KeyedComment) =>
  c.marker?.kind !== 'reserve' && keys.length > 0 && keys.every((k) => markerKeys(c.marker).includes(k));

/**
 * Adds a comment once: after a lost answer, the thread is read again and a
 * comment that `landed` recognises is taken as this write; else it is posted once more.
 */
async function addOnce(
  s: Session,
  thread: KeyedThread,
  body: string,
  started: number,
  landed: (c: KeyedComment, viewer: string | null) => Promise<boolean> | boolean,
): Promise<{ id: string; url: string }> {
  try {
    return await thread.add(body);
  } catch (e) {
    if (!(e instanceof OperationalError)) throw e;
    let found: KeyedComment | undefined;
    try {
      // A token that may not ask who it is (some app tokens) still has the key and the time to go by.
      const who = thread.asksViewer ? await s.viewer().catch(() => null) : null;
      for (const c of await thread.read(who, started - CLOCK_SKEW_MS)) if (await landed(c, who)) found ??= c;
    } catch {
      throw e;
    }
    return found ?? (await thread.add(body));
  }
}

/**
 * Reserve, read, then post the mentions (core/keyed.ts `reservedUnits`): the
 * reservation is a short comment with the keys and no mention; after reading
 * the thread back, only the units this run was first to reserve are posted,
 * with their mentions, and the reservation removes itself. A run that cannot
 * see its own reservation, or took too long, posts nothing: the next run sends it.
 */
async function postReserved(s: Session, thread: KeyedThread, post: KeyedPost): Promise<Posted> {
  const run = post.run ?? `${post.keys[0]}@${s.now()}`;
  const units = post.units ?? [post.keys];
  const started = s.now();
  const note = withMarker('_visit-sre is about to post here; this note removes itself._', 'reserve', { keys: post.keys, run });
  const reservation = await addOnce(s, thread, note, started, (c) => c.marker?.kind === 'reserve' && c.marker.run === run);
  const release = () => thread.remove(reservation.id).catch(() => undefined);
  let won: string[][] = [];
  try {
    const fresh = await thread.read(null, started - RESERVE_TTL_MS);
    if (s.now() - started < RESERVE_TTL_MS / 2) won = reservedUnits(fresh, reservation.id, units, s.now());
  } catch (e) {
    await release();
    throw e;
  }
  if (won.length === 0) {
    await release();
    return { id: null, url: null, kept: [], converged: true };
  }
  const kept = won.flat();
  const body = post.bodyFor ? post.bodyFor(won) : post.body;
  const mine = await addOnce(s, thread, body, started, (c) =>
    post.run !== undefined
      ? c.marker?.kind !== 'reserve' && c.marker?.run === run
      : holdsAll(post.keys, c) && c.createdAt >= started - CLOCK_SKEW_MS,
  );
  await release();
  return { ...mine, kept, converged: kept.length < post.keys.length };
}

/** A discussion as a keyed thread: its whole thread is read back. */
export function discussionThread(s: Session, step: Extract<Step, { op: 'comment' }>): KeyedThread {
  return {
    asksViewer: true,
    read: async (viewer) => keyedComments((await s.gh.discussion(s.repo, step.number)).messages, s.team, viewer),
    add: (body) => s.gh.addDiscussionComment(step.discussionId, body),
    remove: (id) => s.gh.deleteDiscussionComment(id),
    edit: () => Promise.reject(new Error('a discussion comment holds one key: it is removed, never edited')),
  };
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

/** The copies of a discussion in a category, found by its client id, earliest first (numbers grow with creation). */
async function copiesOf(s: Session, step: Extract<Step, { op: 'create-discussion' }>): Promise<RecentDiscussion[]> {
  const recent = await s.gh.recentDiscussions(parseRepo(step.repository), step.categoryId);
  return recent.filter((d) => hasClientId(d.body, step.key)).sort((a, b) => a.number - b.number);
}

/**
 * Creates the discussion once (docs/architecture.md#keyed-writes-converge), as
 * comments are posted once:
 * - after a lost answer it looks among the category's latest for its client
 *   id before one more try;
 * - after creating it looks again: when another run (two `sync` at once)
 *   created the same inquiry, the earliest copy stays and this later one
 *   removes itself, or, where the token may not delete discussions (that
 *   takes the maintain role), closes itself as a duplicate. Only the later
 *   copy acts, and only on itself, so exactly one stays open.
 */
export async function createDiscussionOnce(
  s: Session,
  step: Extract<Step, { op: 'create-discussion' }>,
): Promise<{ created: Created; converged?: 'deleted' | 'closed' }> {
  let mine: Created;
  try {
    mine = await s.gh.createDiscussion(step.repositoryId, step.categoryId!, step.title, step.body);
  } catch (e) {
    if (!(e instanceof OperationalError)) throw e;
    const found = (await copiesOf(s, step).catch(() => []))[0];
    mine = found ?? (await s.gh.createDiscussion(step.repositoryId, step.categoryId!, step.title, step.body));
  }
  let first: RecentDiscussion | undefined;
  try {
    first = (await copiesOf(s, step))[0];
  } catch {
    return { created: mine }; // created; without a fresh read there is nothing to converge on
  }
  if (!first || first.number >= mine.number) return { created: mine };
  const created = { id: first.id, number: first.number, url: first.url };
  try {
    await s.gh.deleteDiscussion(mine.id);
    return { created, converged: 'deleted' };
  } catch (e) {
    if (!(e instanceof AuthError || e instanceof RefusedError)) throw e;
    await s.gh.closeDiscussion(mine.id, 'DUPLICATE');
    return { created, converged: 'closed' };
  }
}

/** A discussion body whose contact marker carries this client id. */
export function hasClientId(body: string, id: string): boolean {
  const m = parseMarker(body);
  return m?.kind === 'contact' && m.id === id;
}
