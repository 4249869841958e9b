import type { AppContext } from '../context.js';
import type { Discussion } from '../../core/conversation.js';
import { teamRuleOf } from '../../core/conversation.js';
import type { DeskRecord } from '../../core/acting.js';
import type { DeskEntry } from '../../core/desk.js';
import { deskEntries, keysOf, webhookPending } from '../../core/desk.js';
import { digestOf } from '../../core/digest.js';
import { OperationalError } from '../../core/errors.js';
import { onDutyAt } from '../../core/rotation.js';
import type { DiscussionChange } from '../../github/port.js';
import { parseRepo } from '../../github/port.js';
import type { WatchState } from '../../store/watchState.js';
import { readWatchState, watchStateFile, writeWatchState } from '../../store/watchState.js';
import { actingView, DESK_HISTORY_MS, deskReadSince, deskRecords } from '../acting.js';
import type { Inquiries } from '../inquiries.js';
import { categoryIds, judgeInquiries, loadInquiries } from '../inquiries.js';
import type { Desk } from './thread.js';
import { deskRef, readDeskThread } from './thread.js';
import { plural } from '../../core/words.js';

/**
 * notify's reads within a workflow token's budget (docs/process.md#cost-of-a-watch).
 * A run that finds the state an earlier run saved reads only what changed
 * since a little before that run: the desk thread's latest comments, a search
 * of the discussions updated since (ids and times only), and the threads of
 * just those; the rest is the state's. A run without usable state reads
 * everything, as before. Both judge the same discussions with the same rules,
 * so they decide the same (test/stress/watchBudget.test.ts holds them to it).
 */
export interface Watched {
  inq: Inquiries;
  /** the desk thread as read: its body, and the comments this run needed (the latest, or since the oldest open waiting) */
  desk: Desk;
  /** notification keys already sent */
  sent: Set<string>;
  /** notify comments whose webhook delivery is still owed */
  pending: Array<{ entry: DeskEntry; keys: string[] }>;
  /** whether an earlier run's state was used */
  warm: boolean;
  /** Saves what this run learned, and what it sent and still owes, for the next run. */
  save(done: { sent: readonly string[]; pending: Array<{ entry: DeskEntry; keys: string[] }> }): Promise<void>;
}

/** How far before the last run's start changes are looked for again: clocks and GitHub's search index lag. */
export const WATCH_OVERLAP_MS = 60 * 60_000;
/** State older than this is not caught up on: a run reads everything instead. */
export const WATCH_MAX_AGE_MS = 7 * 86_400_000;
/** Threads read by id cost a point per six: a batch is filled up with the discussions read longest ago. */
const BATCH = 6;

function fingerprintOf(ctx: AppContext, includeUnlabelled: boolean): string {
  const c = ctx.loaded.config;
  return JSON.stringify({
    repository: c.repository.toLowerCase(),
    categories: c.discussions.categories,
    label: includeUnlabelled ? null : c.discussions.label,
    desk: c.desk.thread,
    team: ctx.loaded.team.map((m) => m.login.toLowerCase()).sort(),
    associations: [...c.teamAssociations].sort(),
    bots: [...c.trustedBots].sort(),
  });
}

/** The instant from which desk comments must be read to see every key that can still matter: the shift's start, the oldest open waiting. */
function keysSince(ctx: AppContext, inq: Inquiries): number {
  const shift = onDutyAt(inq.timeline, ctx.now, 0).current?.start ?? ctx.now;
  return Math.min(shift, ...inq.assessments.map((a) => a.waitingSince ?? ctx.now)) - 60_000;
}

const sentOf = (entries: readonly DeskEntry[]): Array<[string, number]> =>
  entries.filter((e) => e.marker.kind === 'notify').flatMap((e) => keysOf(e).map((k): [string, number] => [k, e.createdAt]));

export async function readWatched(ctx: AppContext, opts: { includeUnlabelled: boolean }): Promise<Watched> {
  deskRef(ctx); // a missing or malformed desk.thread is a usage error before anything is read
  const fingerprint = fingerprintOf(ctx, opts.includeUnlabelled);
  const file = watchStateFile(ctx.deps.env, ctx.deps.homedir, deskRef(ctx).text);
  const state = await readWatchState(ctx.deps.fs, file, fingerprint);
  const usable = state && ctx.now >= state.readAt && ctx.now - state.readAt <= WATCH_MAX_AGE_MS;
  const read =
    (usable && (await ctx.busy(`reading what changed in ${ctx.loaded.config.repository}`, () => warm(ctx, opts, state)))) ||
    (await cold(ctx, opts));
  const team = read.inq.policy.team;
  return {
    inq: read.inq,
    desk: read.desk,
    sent: new Set(read.sent.map(([k]) => k)),
    pending: read.pending.map((entry) => ({ entry, keys: webhookPending([entry])[0]?.keys ?? [] })),
    warm: read.warm,
    async save(done) {
      // What a run without state would read back: the desk posts' 30 days, or further to the oldest open waiting.
      const since = Math.min(keysSince(ctx, read.inq), ctx.now - DESK_HISTORY_MS);
      const sent = new Map([...read.sent, ...done.sent.map((k): [string, number] => [k, ctx.now])]);
      await writeWatchState(ctx.deps.fs, file, {
        v: 1,
        fingerprint,
        readAt: ctx.now,
        repository: read.inq.info,
        discussions: read.inq.discussions.map((d) => digestOf(d, team)),
        fetched: read.fetched,
        desk: {
          records: read.records.filter((r) => r.createdAt >= ctx.now - DESK_HISTORY_MS),
          sent: [...sent].filter(([, at]) => at >= since),
          pending: done.pending.map((p) => p.entry),
        },
      });
    },
  };
}

interface Read {
  inq: Inquiries;
  desk: Desk;
  records: DeskRecord[];
  sent: Array<[string, number]>;
  pending: DeskEntry[];
  /** when each discussion's thread was last read, by number */
  fetched: Record<string, number>;
  warm: boolean;
}

async function cold(ctx: AppContext, opts: { includeUnlabelled: boolean }): Promise<Read> {
  const inq = await loadInquiries(ctx, opts);
  await actingView(ctx, { live: true });
  const history = deskReadSince(ctx, ctx.now - DESK_HISTORY_MS);
  const since = keysSince(ctx, inq);
  const reach = deskReadSince(ctx, since);
  const desk = reach
    ? { thread: reach, entries: deskEntries(reach.comments, inq.policy.team) }
    : await readDeskThread(inq.github, deskRef(ctx), inq.policy, since);
  const records = history
    ? deskRecords(history.comments, deskEntries(history.comments, inq.policy.team))
    : deskRecords(desk.thread.comments, desk.entries);
  const fetched = Object.fromEntries(inq.discussions.map((d) => [String(d.number), ctx.now]));
  const pending = webhookPending(desk.entries).map((p) => p.entry);
  return { inq, desk, records, sent: sentOf(desk.entries), pending, fetched, warm: false };
}

/** Catches up on an earlier run's state; null when it cannot (too much changed): read everything. */
async function warm(ctx: AppContext, opts: { includeUnlabelled: boolean }, state: WatchState): Promise<Read | null> {
  const config = ctx.loaded.config;
  const gh = await ctx.github();
  const repo = parseRepo(config.repository);
  const team = teamRuleOf(ctx.loaded.team, config);
  const ref = deskRef(ctx);
  const from = state.readAt - WATCH_OVERLAP_MS;
  // The desk thread: its latest comments; the history before them is the state's.
  const deskSince = Math.max(from, ctx.now - DESK_HISTORY_MS);
  const thread = await gh.deskThread(ref.repo, ref.number, { since: deskSince });
  const latest = deskEntries(thread.comments, team).filter((e) => e.createdAt >= deskSince);
  const records = [...state.desk.records.filter((r) => r.createdAt < deskSince), ...deskRecords(thread.comments, latest)];
  await actingView(ctx, { live: true, reader: async () => records });
  let changes: DiscussionChange[];
  try {
    changes = await gh.discussionsUpdated(repo, from);
  } catch (e) {
    if (e instanceof OperationalError) return null;
    throw e;
  }
  const ids = categoryIds(state.repository, config.discussions.categories);
  const label = opts.includeUnlabelled ? null : config.discussions.label;
  const inScope = (c: DiscussionChange) =>
    !c.closed && (ids.length === 0 || ids.includes(c.categoryId)) && (!label || c.labels.includes(label));
  const known = new Map(state.discussions.map((d) => [d.number, d]));
  const wanted = changes.filter((c) => inScope(c) && !((known.get(c.number)?.updatedAt ?? -1) >= c.updatedAt));
  const fetched = { ...state.fetched };
  // A batch costs the same with six as with one: fill it with the discussions read longest ago, in case a change went unseen.
  const fill = wanted.length
    ? [...known.values()]
        .filter((d) => !wanted.some((c) => c.number === d.number))
        .sort((a, b) => (fetched[a.number] ?? 0) - (fetched[b.number] ?? 0) || a.number - b.number)
        .slice(0, (BATCH - (wanted.length % BATCH)) % BATCH)
    : [];
  const fresh = await gh.discussionsById(repo, [...wanted.map((c) => c.id), ...fill.map((d) => d.id)]);
  const byNumber = new Map<number, Discussion>(known);
  for (const c of changes) if (!inScope(c)) byNumber.delete(c.number);
  for (const d of fresh) {
    fetched[String(d.number)] = ctx.now;
    if (d.closed || (label && !d.labels.includes(label))) byNumber.delete(d.number);
    else byNumber.set(d.number, d);
  }
  const discussions = [...byNumber.values()].sort((a, b) => a.createdAt - b.createdAt || a.number - b.number);
  ctx.verbose(
    `watch: ${plural(changes.length, 'discussion')} changed since the last run, ${wanted.length} read again, ${discussions.length} open in scope`,
  );
  const inq = await judgeInquiries(ctx, { github: gh, repo, info: state.repository, discussions });
  const desk = { thread, entries: deskEntries(thread.comments, team) };
  const sent = [...state.desk.sent.filter(([, at]) => at < deskSince), ...sentOf(latest)];
  const pending = [...state.desk.pending.filter((p) => p.createdAt < deskSince), ...webhookPending(latest).map((p) => p.entry)];
  return { inq, desk, records, sent, pending, fetched, warm: true };
}
