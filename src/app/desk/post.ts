import type { AppContext } from '../context.js';
import type { Desk } from './thread.js';
import { readDeskThread } from './thread.js';
import type { TeamRule } from '../../core/conversation.js';
import { teamRuleOf } from '../../core/conversation.js';
import type { DeskRecord } from '../../core/acting.js';
import type { DeskPost, Template } from '../../core/deskPosts.js';
import { parseMarker } from '../../core/markers.js';
import type { ActionResult, Plan, Step, ThreadRef } from '../../core/plans/plan.js';
import type { GitHubPort, RepoRef } from '../../github/port.js';
import { deskCacheFile, writeDeskCache } from '../../store/deskCache.js';
import { DESK_HISTORY_MS, deskRecords } from '../acting.js';
import type { Session } from '../execute.js';
import type { KeyedThread } from '../keyedWrites.js';
import { keyedComments } from '../keyedWrites.js';
import { loadTemplate } from '../templates.js';

/** The desk thread, read now, for a command that posts to it: a missing or bad `desk.thread` is a usage error naming the key. */
export interface LiveDesk {
  gh: GitHubPort;
  ref: { repo: RepoRef; number: number; text: string };
  team: TeamRule;
  desk: Desk;
  /** its trusted markers of the kinds of docs/process.md#acting-roles */
  records: DeskRecord[];
}

const recordsOf = (desk: Desk): DeskRecord[] => deskRecords(desk.thread.comments, desk.entries);

export async function readLiveDesk(ctx: AppContext): Promise<LiveDesk> {
  const { deskRef } = await import('./thread.js');
  const ref = deskRef(ctx);
  const gh = await ctx.github();
  const config = ctx.loaded.config;
  const team = teamRuleOf(ctx.loaded.team, config);
  const desk = await readDeskThread(gh, ref, { team }, ctx.now - DESK_HISTORY_MS);
  const live = { gh, ref, team, desk, records: recordsOf(desk) };
  await saveDeskCache(ctx, live);
  return live;
}

/** Keeps `who` in step with what this machine just read, or wrote. */
export async function saveDeskCache(ctx: AppContext, live: Pick<LiveDesk, 'ref' | 'records'>): Promise<void> {
  await writeDeskCache(ctx.deps.fs, deskCacheFile(ctx.deps.env, ctx.deps.homedir, live.ref.text), {
    v: 2,
    thread: live.ref.text,
    readAt: ctx.now,
    entries: live.records,
  });
}

/** A desk post as a plan of one action for the executor: skipped when its key is on the thread already. */
export function deskPlan(live: LiveDesk, post: DeskPost): Plan {
  const { owner, name } = live.ref.repo;
  const step: Step = {
    op: 'desk-comment',
    desk: { owner, name, number: live.ref.number },
    thread: { kind: live.desk.thread.kind, id: live.desk.thread.id },
    body: post.body,
    keys: [post.key],
    lookFirst: true,
  };
  const earlier = live.records.find((r) => r.marker.key === post.key);
  return {
    actions: [
      {
        kind: post.kind,
        number: live.ref.number,
        url: earlier?.url ?? live.desk.thread.url,
        key: post.key,
        ...(post.alreadyPosted ? { skip: post.already ?? 'already on the desk thread' } : {}),
        ...(post.done ? { doneText: post.done } : {}),
        plannedReason: post.reason,
        plannedText: `would ${post.reason}`,
        preview: post.body,
        summary: post.reason,
        steps: post.alreadyPosted ? [] : [step],
      },
    ],
    warnings: post.notes,
  };
}

/** After a post, the cache holds it too, so `who` on this machine sees it at once. */
export async function rememberPosted(ctx: AppContext, live: LiveDesk, post: DeskPost, results: readonly ActionResult[]): Promise<void> {
  if (!results.some((r) => r.status === 'done')) return;
  const marker = parseMarker(post.body);
  if (marker)
    await saveDeskCache(ctx, {
      ref: live.ref,
      records: [
        ...live.records,
        // After everything read, whatever this machine's clock says: an answer must come after the proposal it answers.
        // Not a millisecond later than GitHub would stamp it (readDesk's sort is stable, so the last record stays last):
        // a post stamped past now would not be in force now, and under a fixed clock never.
        {
          marker,
          createdAt: Math.max(ctx.now, ...live.records.map((r) => r.createdAt)),
          author: post.author ?? null,
          ...(results[0]?.url ? { url: results[0].url } : {}),
        },
      ],
    });
}

/**
 * The desk thread as a keyed thread for the executor (app/keyedWrites.ts):
 * a first look reaches back as far as the desk posts are read; the reads
 * after a write only the latest comments.
 */
export function deskKeyedThread(s: Session, step: Extract<Step, { op: 'desk-comment' }>): KeyedThread {
  const ref = { owner: step.desk.owner, name: step.desk.name };
  let thread: ThreadRef | undefined = step.thread;
  const read = async (since: number) => {
    const t = await s.gh.deskThread(ref, step.desk.number, { since });
    thread ??= t;
    return t;
  };
  return {
    asksViewer: false,
    read: async (_viewer, since) => keyedComments((await read(since ?? s.now() - DESK_HISTORY_MS)).comments, s.team, null),
    add: async (body) => s.gh.addThreadComment(thread ?? (await read(s.now())), body),
    remove: async (id) => s.gh.deleteThreadComment(thread ?? (await read(s.now())), id),
    edit: async (id, body) => s.gh.updateThreadComment(thread ?? (await read(s.now())), id, body),
  };
}

/** A desk template, as shipped in templates/. */
export async function deskTemplate(ctx: AppContext, name: string): Promise<Template> {
  return loadTemplate(ctx, null, `${name}.md`);
}
