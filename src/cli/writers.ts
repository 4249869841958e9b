import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from './context.js';
import type { Discussion } from '../core/conversation.js';
import { trustedMarker } from '../core/conversation.js';
import type { Marker, MarkerKind } from '../core/markers.js';
import { formatMarker } from '../core/markers.js';
import { parseDuration } from '../core/duration.js';
import { AuthError, NotFoundError, UsageError, VisitSreError } from '../core/errors.js';
import type { GitHubPort, RepoRef } from '../github/port.js';
import { isLogin } from '../core/config.js';
import { writeJson, warn } from './output.js';
import type { Policy } from '../core/conversation.js';

export type ActionStatus = 'done' | 'skipped' | 'failed' | 'planned' | 'queued';

export interface Action {
  kind: string;
  number: number | null;
  url: string | null;
  status: ActionStatus;
  reason?: string;
}

export interface WriterFlags {
  dryRun?: boolean;
  effort?: string;
  yes?: boolean;
  force?: boolean;
}

/** The effort flag as minutes, for the marker; undefined when not given. */
export function effortMinutes(flags: WriterFlags): number | undefined {
  return flags.effort === undefined ? undefined : parseDuration(flags.effort, '--effort');
}

/** A body the tool writes: the text, then its hidden marker line. */
export function withMarker(text: string, kind: MarkerKind, fields: Record<string, unknown>, effort?: number): string {
  return `${text.trimEnd()}\n\n${formatMarker({ kind, ...fields, ...(effort !== undefined ? { effortMinutes: effort } : {}) })}`;
}

/** The team's markers of one kind in a discussion, oldest first, with the message that holds each. */
export function markersOf(d: Discussion, policy: Pick<Policy, 'team'>, kind: MarkerKind): Array<{ marker: Marker; messageId: string; url: string; createdAt: number }> {
  return d.messages.flatMap((m) => {
    const marker = trustedMarker(m, policy.team);
    return marker?.kind === kind ? [{ marker, messageId: m.id, url: m.url, createdAt: m.createdAt }] : [];
  });
}

export function parseLogins(values: readonly string[] | undefined, flag: string): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().replace(/^@/, '')).filter(Boolean).map((l) => {
    if (!isLogin(l)) throw new UsageError(`invalid ${flag} "${l}"`, 'give GitHub logins, such as ada-lovelace');
    return l;
  });
}

export function parseNumber(value: string, what = 'discussion number'): number {
  if (!/^#?\d+$/.test(value.trim())) throw new UsageError(`invalid ${what} "${value}"`, 'give the number shown in the discussion URL, such as 4321');
  return Number(value.trim().replace(/^#/, ''));
}

/**
 * Commands that post to many discussions ask first on a terminal unless
 * --yes; without a terminal they go ahead only with --yes.
 */
export async function confirmPlan(ctx: Context, flags: WriterFlags, question: string, plan: readonly string[] = []): Promise<boolean> {
  if (flags.yes || flags.dryRun) return true;
  if (!(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY)) throw new UsageError(`${question.replace(/\?$/, '')}: refusing without a terminal`, 'pass --yes to go ahead, or --dry-run to see what would be posted');
  if (plan.length) ctx.deps.stdout.write(`${plan.map((l) => `  ${l}`).join('\n')}\n`);
  return (await ctx.deps.prompter()).confirm(question, false);
}

/** A discussion outside the configured scope: warn, then ask on a terminal unless --force. */
export async function confirmOutOfScope(ctx: Context, d: Discussion, flags: WriterFlags): Promise<void> {
  const wanted = ctx.loaded.config.discussions.categories;
  const label = ctx.loaded.config.discussions.label;
  const inCategory = wanted.length === 0 || wanted.some((c) => c === d.category.slug || c.toLowerCase() === d.category.name.toLowerCase());
  const inLabel = !label || d.labels.includes(label);
  if (inCategory && inLabel) return;
  warn(ctx.deps, `#${d.number} is outside the configured scope (category "${d.category.name}"${label && !inLabel ? `, no "${label}" label` : ''})`);
  if (flags.force || flags.dryRun) return;
  if (!(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY)) throw new UsageError(`#${d.number} is outside the configured scope`, 'pass --force to act on it anyway');
  if (!(await (await ctx.deps.prompter()).confirm(`Act on #${d.number} anyway?`, false))) throw new UsageError('stopped: nothing was posted');
}

export function failureReason(e: unknown): string {
  return e instanceof VisitSreError ? e.message : (e as Error).message;
}

const AUTH_FAILURES = new WeakSet<Action>();

/** A failed action; one that failed on the token makes the command exit 4. */
export function failed(base: Omit<Action, 'status' | 'reason'>, e: unknown): Action {
  const action: Action = { ...base, status: 'failed', reason: failureReason(e) };
  if (e instanceof AuthError) AUTH_FAILURES.add(action);
  return action;
}

/** Prints the actions: the writers' JSON shape, or one line each. Returns the exit code. */
export function report(ctx: Context, actions: Action[], flags: WriterFlags, previews: string[] = []): number {
  const dryRun = Boolean(flags.dryRun);
  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, { dryRun, actions, ...(dryRun ? { previews } : {}) });
  } else {
    const p = ctx.paint;
    for (const text of previews) ctx.deps.stdout.write(`${text}\n${p.dim('─'.repeat(40))}\n`);
    for (const a of actions) {
      const mark = { done: p.green('✓'), planned: p.cyan('•'), skipped: p.dim('-'), failed: p.red('✗'), queued: p.yellow('…') }[a.status];
      const line = `${mark} ${a.kind}${a.number !== null ? ` #${a.number}` : ''}: ${a.status}${a.reason ? ` (${a.reason})` : ''}${a.url ? ` ${p.dim(a.url)}` : ''}\n`;
      (a.status === 'failed' ? ctx.deps.stderr : ctx.deps.stdout).write(line);
    }
  }
  return exitCodeOf(actions);
}

/** 4 when an action failed on the token, 1 when another failed, else 0. */
export function exitCodeOf(actions: readonly Action[]): number {
  if (actions.some((a) => AUTH_FAILURES.has(a))) return 4;
  return actions.some((a) => a.status === 'failed') ? 1 : 0;
}

/** A template from the config, else the one shipped in templates/. */
export async function loadTemplate(ctx: Context, configured: string | null, shipped: string): Promise<{ text: string; source: string }> {
  const file = configured ? path.resolve(ctx.loaded.dir, configured) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates', shipped);
  const text = await ctx.deps.fs.readText(file);
  if (text === undefined) throw new UsageError(`template ${file} not found`, configured ? 'fix "templates" in the config' : 'reinstall visit-sre');
  return { text, source: file };
}

export const mention = (login: string | null | undefined) => (login ? `@${login}` : 'the team');

/**
 * Posts a comment exactly once. When the answer is lost (a 5xx or a dropped
 * connection after GitHub may have applied it), re-reads the thread and looks
 * for the comment's marker line before trying once more.
 */
export async function postOnce(gh: GitHubPort, repo: RepoRef, d: Discussion, body: string): Promise<{ id: string; url: string }> {
  try {
    return await gh.addDiscussionComment(d.id, body);
  } catch (e) {
    if (e instanceof AuthError || e instanceof UsageError || e instanceof NotFoundError) throw e;
    const markerLine = body.trimEnd().split('\n').pop()!;
    let fresh: Discussion;
    try {
      fresh = await gh.discussion(repo, d.number);
    } catch {
      throw e;
    }
    const landed = fresh.messages.find((m) => m.kind === 'comment' && m.body.trimEnd().endsWith(markerLine));
    if (landed) return { id: landed.id, url: landed.url };
    return gh.addDiscussionComment(d.id, body);
  }
}
