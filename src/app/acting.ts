import type { AppContext } from './context.js';
import { relative } from '../core/timeText.js';
import type { ActingRoles, AwayStretch, Delegation, DeskRecord, DeskState } from '../core/acting.js';
import { actingRoles, awayFromTeam, mayPropose, readDesk } from '../core/acting.js';
import type { Segment, Shift } from '../core/rotation.js';
import { applySwaps } from '../core/swaps.js';
import { onDutyAt } from '../core/rotation.js';
import { nextBusinessMinute } from '../core/businessTime.js';
import type { MarkerKind } from '../core/markers.js';
import { DESK_KINDS as DESK_MARKER_KINDS } from '../core/markers.js';
import type { DeskThread } from '../github/port.js';
import { teamRuleOf } from '../core/conversation.js';
import { deskCacheFile, readDeskCache, writeDeskCache } from '../store/deskCache.js';

/** A read younger than this is used as is: `who` stays fast and offline. */
export const DESK_FRESH_MS = 5 * 60_000;
/** How far back away notices, delegations and classified requests are read. */
export const DESK_HISTORY_MS = 30 * 86_400_000;
/** Marker kinds of the desk posts of docs/process.md#acting-roles: all the cache keeps. */
export const DESK_KINDS: MarkerKind[] = [...DESK_MARKER_KINDS];

/** Reads the desk thread's trusted markers created since `since` (epoch ms). */
export type DeskReader = (thread: string, since: number) => Promise<DeskRecord[]>;

/** What the desk thread and the team file say about who is at their desk. */
export interface ActingView {
  /** `desk.thread`, or null when none is configured */
  thread: string | null;
  desk: DeskState;
  /** away notices and team members' `unavailable` ranges */
  away: AwayStretch[];
  /** when the desk thread was read; null when it was not */
  readAt: number | null;
  /** whether it came from the cache */
  cached: boolean;
}

function deskThreadOf(ctx: AppContext): string | null {
  return ctx.loaded.config.desk.thread;
}

const threadReads = new WeakMap<AppContext, { since: number; thread: DeskThread }>();

/** The desk thread as this run already read it, when that read reaches back to `since`: `notify` need not read it again. */
export function deskReadSince(ctx: AppContext, since: number): DeskThread | null {
  const read = threadReads.get(ctx);
  return read && read.since <= since ? read.thread : null;
}

/** Reads the desk thread through the GitHub port: the trusted markers of the team and its trusted bots. */
export function githubDeskReader(ctx: AppContext, opts: { quick: boolean } = { quick: true }): DeskReader {
  return async (_thread, since) => {
    // Loaded only when the thread is read, so `who` with a fresh cache stays light.
    const [{ deskRef }, { deskEntries }] = await Promise.all([import('./desk/thread.js'), import('../core/desk.js')]);
    const ref = deskRef(ctx);
    const gh = await ctx.github();
    const config = ctx.loaded.config;
    const team = teamRuleOf(ctx.loaded.team, config);
    const thread = await gh.deskThread(ref.repo, ref.number, { since, quick: opts.quick });
    threadReads.set(ctx, { since, thread });
    return deskRecords(thread.comments, deskEntries(thread.comments, team, DESK_KINDS));
  };
}

/** The desk posts of docs/process.md#acting-roles among a thread's trusted entries, with the url of each. */
export function deskRecords(
  comments: ReadonlyArray<{ id: string; url: string }>,
  entries: ReadonlyArray<{ marker: DeskRecord['marker']; commentId: string; createdAt: number; author: DeskRecord['author'] }>,
): DeskRecord[] {
  const urls = new Map(comments.map((c) => [c.id, c.url]));
  return entries
    .filter((e) => (DESK_KINDS as string[]).includes(e.marker.kind))
    .map((e) => ({
      marker: e.marker,
      createdAt: e.createdAt,
      author: e.author,
      ...(urls.get(e.commentId) ? { url: urls.get(e.commentId)! } : {}),
    }));
}

/**
 * Loads the acting-roles view. `live`: read the desk thread now (writers,
 * notify), failing with a clear error when it cannot be reached. Otherwise
 * (`who`, `start`): a read younger than DESK_FRESH_MS is used from the cache;
 * an older one is refreshed, and when the thread cannot be reached the last
 * read is used with a warning naming its age, or the rotation alone.
 */
const views = new WeakMap<AppContext, Promise<ActingView>>();

/**
 * The acting view of this run, read once: `policyFor` (ownership), `notify`
 * and `escalate` share it. A live request reuses an earlier read only when it
 * came from GitHub, not from the cache.
 */
export async function actingView(ctx: AppContext, opts: { live: boolean; reader?: DeskReader }): Promise<ActingView> {
  const earlier = views.get(ctx);
  if (earlier && !opts.reader) {
    const view = await earlier.catch(() => null);
    if (view && (!opts.live || (!view.cached && view.thread !== null))) return view;
  }
  // `reader`: what the caller read already (notify's watch: a cached history and the latest comments).
  const fresh = loadActingView(ctx, opts.reader ?? githubDeskReader(ctx, { quick: !opts.live }), opts);
  views.set(ctx, fresh);
  return fresh;
}

/** The acting view of records read from the desk thread (a writer's live read, or the cache). */
export function viewOf(ctx: AppContext, thread: string, entries: readonly DeskRecord[], readAt: number, cached = false): ActingView {
  const desk = readDesk(entries);
  return { thread, desk, away: [...desk.away, ...awayFromTeam(ctx.loaded.team, ctx.zone)], readAt, cached };
}

export async function loadActingView(ctx: AppContext, reader: DeskReader, opts: { live: boolean }): Promise<ActingView> {
  const team = awayFromTeam(ctx.loaded.team, ctx.zone);
  const thread = opts.live ? (await import('./desk/thread.js')).deskRef(ctx).text : deskThreadOf(ctx);
  if (!thread) return { thread: null, desk: readDesk([]), away: team, readAt: null, cached: false };
  const file = deskCacheFile(ctx.deps.env, ctx.deps.homedir, thread);
  const cache = opts.live ? undefined : await readDeskCache(ctx.deps.fs, file, thread);
  const view = (entries: DeskRecord[], readAt: number, cached: boolean): ActingView => viewOf(ctx, thread, entries, readAt, cached);
  if (cache && ctx.now - cache.readAt >= 0 && ctx.now - cache.readAt < DESK_FRESH_MS) return view(cache.entries, cache.readAt, true);
  let entries: DeskRecord[];
  try {
    entries = await reader(thread, ctx.now - DESK_HISTORY_MS);
  } catch (e) {
    if (opts.live) throw e;
    const why = e instanceof Error ? e.message : String(e);
    if (cache) {
      ctx.warn(
        `the desk thread ${thread} could not be read (${why}); away notices and delegations as read ${relative(Math.min(cache.readAt, ctx.now), ctx.now).replace(/^now$/, 'just now')}`,
      );
      return view(cache.entries, cache.readAt, true);
    }
    ctx.warn(`the desk thread ${thread} could not be read (${why}); showing the rotation without away notices or delegations`);
    return { thread, desk: readDesk([]), away: team, readAt: null, cached: false };
  }
  await writeDeskCache(ctx.deps.fs, file, { v: 2, thread, readAt: ctx.now, entries });
  return view(entries, ctx.now, false);
}

/**
 * The rotation's shifts with the swaps accepted on the desk thread applied
 * (docs/process.md#swaps): what who, start, notify and handoff read on every machine.
 */
export async function withSwaps(ctx: AppContext, shifts: readonly Shift[]): Promise<Shift[]> {
  const view = await actingView(ctx, { live: false });
  return applySwaps(shifts, view.desk.swaps, ctx.zone, ctx.loaded.team);
}

/** The rota and the acting roles at `at`. */
export function actingAt(view: ActingView, timeline: readonly Segment[], team: AppContext['loaded']['team'], at: number): ActingRoles {
  const current = onDutyAt(timeline, at, 0).current;
  return actingRoles({
    at,
    primary: current?.primary?.login ?? null,
    backup: current?.backup?.login ?? null,
    team,
    away: view.away,
    delegations: view.desk.delegations,
  });
}

/**
 * Whether a delegation's proposer could propose it (docs/process.md#delegation): the rota's
 * Primary at its start, or whoever stood in for them then. Every reader
 * ignores the rest; `actingRoles` applies the same rule at each instant.
 */
export function proposedByPrimary(
  view: ActingView,
  timeline: readonly Segment[],
  team: AppContext['loaded']['team'],
): (d: Delegation) => boolean {
  return (d) => mayPropose(d.from, actingAt(view, timeline, team, d.start).mayDelegate);
}

/**
 * The instant that says who is on duty for an inquiry's sake: now in
 * business hours, else the next business minute (on a Sunday, Monday's shift
 * is on duty for Saturday's question; its owner is not off duty).
 */
export function dutyInstant(cal: Parameters<typeof nextBusinessMinute>[0], now: number): number {
  return nextBusinessMinute(cal, now);
}

/** The acting Primary and Backup at any instant, as logins: what plans take. */
export function actingRolesAt(
  view: ActingView,
  timeline: readonly Segment[],
  team: AppContext['loaded']['team'],
): (t: number) => { primary: string | null; backup: string | null } {
  return (t) => {
    const r = actingAt(view, timeline, team, t);
    return { primary: r.primary.login, backup: r.backup.login };
  };
}

/** Every instant the acting roles may change: away stretches and delegations starting or ending, shifts turning; sorted. */
export function actingChanges(view: ActingView, timeline: readonly Segment[]): number[] {
  return [
    ...view.away.flatMap((a) => [a.from, a.until]),
    ...view.desk.delegations.flatMap((d) => [d.start, d.until, d.acceptedAt ?? d.start, d.endedAt ?? d.until]),
    ...timeline.flatMap((s) => [s.start, s.end]),
  ].sort((a, b) => a - b);
}

/**
 * When the acting holder of a role next changes after `at` (an away stretch
 * or a delegation starting or ending, or the rota moving on); null when
 * nothing in view changes it.
 */
export function actingUntil(
  view: ActingView,
  timeline: readonly Segment[],
  team: AppContext['loaded']['team'],
  at: number,
  role: 'primary' | 'backup',
): number | null {
  const holder = actingAt(view, timeline, team, at)[role].login;
  const bounds = actingChanges(view, timeline).filter((b) => b > at);
  for (const b of bounds) if (actingAt(view, timeline, team, b)[role].login !== holder) return b;
  return null;
}

/** Away stretches that overlap [from, to), soonest first. */
export function awayDuring(view: ActingView, from: number, to: number): AwayStretch[] {
  return view.away.filter((a) => a.from < to && a.until > from).sort((a, b) => a.from - b.from || (a.login < b.login ? -1 : 1));
}
