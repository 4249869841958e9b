import type { Context } from '../cli/context.js';
import type { Desk } from '../cli/desk.js';
import { readDesk as readDeskThread } from '../cli/desk.js';
import type { TeamRule } from '../core/conversation.js';
import { teamRule } from '../core/conversation.js';
import type { DeskRecord } from '../core/acting.js';
import type { DeskPost, Template } from '../core/deskPosts.js';
import { AuthError, NotFoundError, UsageError } from '../core/errors.js';
import type { GitHubPort, RepoRef } from '../github/port.js';
import type { Action } from '../cli/writers.js';
import { failed, loadTemplate } from '../cli/writers.js';
import { deskCacheFile, writeDeskCache } from '../store/deskCache.js';
import { DESK_HISTORY_MS, DESK_KINDS } from './acting.js';

/** The desk thread, read now, for a command that posts to it: a missing or bad `desk.thread` is a usage error naming the key. */
export interface LiveDesk {
  gh: GitHubPort;
  ref: { repo: RepoRef; number: number; text: string };
  team: TeamRule;
  desk: Desk;
  records: DeskRecord[];
}

export async function readLiveDesk(ctx: Context): Promise<LiveDesk> {
  const { deskRef } = await import('../cli/desk.js');
  const ref = deskRef(ctx);
  const gh = await ctx.deps.github({ verbose: ctx.out.verbose ? (line) => ctx.verbose(line) : undefined });
  const config = ctx.loaded.config;
  const team = teamRule(ctx.loaded.team.map((m) => m.login), config.teamAssociations, config.trustedBots);
  const live: LiveDesk = { gh, ref, team, desk: await readDeskThread(gh, ref, { team }, ctx.now - DESK_HISTORY_MS), records: [] };
  refresh(ctx, live, live.desk);
  return live;
}

function refresh(ctx: Context, live: LiveDesk, desk: Desk): void {
  const urls = new Map(desk.thread.comments.map((c) => [c.id, c.url]));
  live.desk = desk;
  live.records = desk.entries.filter((e) => (DESK_KINDS as string[]).includes(e.marker.kind)).map((e) => ({ marker: e.marker, createdAt: e.createdAt, ...(urls.has(e.commentId) ? { url: urls.get(e.commentId)! } : {}) }));
}

/** Keeps `who` in step with what this machine just read or wrote. */
export async function saveDeskCache(ctx: Context, live: LiveDesk): Promise<void> {
  await writeDeskCache(ctx.deps.fs, deskCacheFile(ctx.deps.env, ctx.deps.homedir, live.ref.text), { v: 1, thread: live.ref.text, readAt: ctx.now, entries: live.records });
}

const keyed = (desk: Desk, key: string) => desk.entries.filter((e) => e.marker.key === key).sort((a, b) => a.index - b.index);

/**
 * Posts one keyed comment to the desk thread, exactly once (STYLE 13): a key
 * already there is skipped; a lost answer is settled by re-reading for the
 * key before one more try; after posting, the thread is read again and, when
 * a racing run posted the same key, the later copy removes itself.
 */
export async function postToDesk(ctx: Context, live: LiveDesk, post: DeskPost): Promise<Action> {
  const base = { kind: post.kind, number: live.ref.number, url: live.desk.thread.url };
  if (post.alreadyPosted) return { ...base, url: keyed(live.desk, post.key)[0] ? urlOf(live.desk, keyed(live.desk, post.key)[0]!.commentId) : base.url, status: 'skipped', reason: 'already on the desk thread' };
  const since = ctx.now - DESK_HISTORY_MS;
  const reread = async () => readDeskThread(live.gh, live.ref, { team: live.team }, since);
  let mine: { id: string; url: string } | null = null;
  try {
    try {
      mine = await live.gh.addThreadComment(live.desk.thread, post.body);
    } catch (e) {
      if (e instanceof AuthError || e instanceof UsageError || e instanceof NotFoundError) throw e;
      if (keyed(await reread(), post.key).length === 0) mine = await live.gh.addThreadComment(live.desk.thread, post.body);
    }
    const fresh = await reread();
    refresh(ctx, live, fresh);
    await saveDeskCache(ctx, live);
    const copies = keyed(fresh, post.key);
    if (copies.length === 0) return { ...base, url: mine?.url ?? base.url, status: 'done', reason: 'posted, but the desk thread does not trust it: is your login on the team?' };
    const first = copies[0]!;
    if (mine && first.commentId !== mine.id && copies.some((c) => c.commentId === mine!.id)) {
      await live.gh.deleteThreadComment(fresh.thread, mine.id);
      return { ...base, url: urlOf(fresh, first.commentId), status: 'done', reason: 'another run posted the same at the same time; this copy was removed' };
    }
    return { ...base, url: urlOf(fresh, first.commentId), status: 'done' };
  } catch (e) {
    return failed(base, e);
  }
}

function urlOf(desk: Desk, commentId: string): string {
  return desk.thread.comments.find((c) => c.id === commentId)?.url ?? desk.thread.url;
}

/** A desk template, as shipped in templates/. */
export async function deskTemplate(ctx: Context, name: string): Promise<Template> {
  return loadTemplate(ctx, null, `${name}.md`);
}
