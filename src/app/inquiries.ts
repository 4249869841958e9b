import type { AppContext } from './context.js';
import type { Assessment, Discussion, Policy } from '../core/conversation.js';
import { assess, teamRuleOf } from '../core/conversation.js';
import { buildTimeline } from '../core/rotation.js';
import { actingAt, actingView, withSwaps } from './acting.js';
import type { Segment } from '../core/rotation.js';
import { parseDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import type { ClosedDiscussion, GitHubPort, RepoRef, RepositoryInfo } from '../github/port.js';
import { parseRepo } from '../github/port.js';
import { isoUtc } from '../core/timeText.js';
import { offDuty } from '../core/acting.js';
import { handoffWeek, keptFor } from '../core/plans/handoff.js';

/** The open discussions in scope, judged: the shared first half of overdue, start and the writers. */
export interface Inquiries {
  github: GitHubPort;
  repo: RepoRef;
  info: RepositoryInfo;
  policy: Policy;
  timeline: Segment[];
  discussions: Discussion[];
  assessments: Assessment[];
}

/** The in-scope discussions closed since `since` (answered or not): open ones alone never show a closure. */
export function closedSince(ctx: AppContext, inq: Pick<Inquiries, 'github' | 'repo' | 'info'>, since: number): Promise<ClosedDiscussion[]> {
  const { categories, label } = ctx.loaded.config.discussions;
  return inq.github.closedSince({ repo: inq.repo, categoryIds: categoryIds(inq.info, categories), label }, since);
}

export async function github(ctx: AppContext): Promise<GitHubPort> {
  return ctx.github();
}

/** Maps the configured category slugs or names to ids; an unknown one is a usage error naming it. */
export function categoryIds(info: RepositoryInfo, wanted: readonly string[]): string[] {
  return wanted.map((w) => {
    const found = info.categories.find((c) => c.slug === w || c.name.toLowerCase() === w.toLowerCase());
    if (!found) {
      throw new UsageError(
        `discussion category "${w}" does not exist in ${info.nameWithOwner}`,
        `fix discussions.categories in the config; the repository has: ${info.categories.map((c) => c.slug).join(', ') || 'no categories'}`,
      );
    }
    return found.id;
  });
}

/** The rotation as a timeline; a missing or broken calendar warns and leaves owners unknown. */
export async function rotationTimeline(ctx: AppContext, from: number, to: number): Promise<Segment[]> {
  try {
    return buildTimeline(await withSwaps(ctx, (await ctx.rotation(from, to)).shifts));
  } catch (e) {
    ctx.warn(`owners unknown: ${(e as Error).message}`);
    return [];
  }
}

export async function policyFor(ctx: AppContext, timeline: Segment[]): Promise<Policy> {
  const config = ctx.loaded.config;
  const view = await actingView(ctx, { live: false });
  return {
    calendar: await ctx.businessCalendar(),
    team: teamRuleOf(ctx.loaded.team, config),
    responseGoalMinutes: parseDuration(config.responseGoal, 'responseGoal'),
    staleAfterDays: config.staleAfterDays,
    // New inquiries belong to the acting Primary (docs/process.md#acting-roles): the delegate, or the Backup while the Primary is away.
    primaryAt: (t) => actingAt(view, timeline, ctx.loaded.team, t).primary.login,
  };
}

/** `includeUnlabelled`: with discussions.label set, also the in-category discussions without it (for desk.labelNew). */
export async function loadInquiries(ctx: AppContext, opts: { includeUnlabelled?: boolean } = {}): Promise<Inquiries> {
  // One spinner from the first request on: the token, the repository, the labels and the desk thread take seconds too.
  return ctx.busy(`reading the open discussions of ${ctx.loaded.config.repository}`, () => readInquiries(ctx, opts));
}

async function readInquiries(ctx: AppContext, opts: { includeUnlabelled?: boolean }): Promise<Inquiries> {
  const config = ctx.loaded.config;
  const gh = await github(ctx);
  const repo = parseRepo(config.repository);
  const info = await gh.repository(repo);
  if (!info.hasDiscussionsEnabled)
    throw new UsageError(
      `${info.nameWithOwner} has discussions turned off`,
      'turn them on in the repository settings, or fix "repository" in the config',
    );
  const ids = categoryIds(info, config.discussions.categories);
  if (config.discussions.label && !(await gh.labelId(repo, config.discussions.label)).labelId) {
    // Searching for a label that does not exist finds nothing: never report that as "nothing overdue".
    throw new UsageError(
      `the label "${config.discussions.label}" does not exist in ${info.nameWithOwner}`,
      'fix discussions.label in the config, or create the label',
    );
  }
  const started = performance.now();
  const discussions = await gh.openDiscussions({ repo, categoryIds: ids, label: opts.includeUnlabelled ? null : config.discussions.label });
  ctx.verbose(
    `read ${discussions.length} open discussions in ${gh.requestCount} GraphQL requests, ${(performance.now() - started).toFixed(0)} ms`,
  );
  return judgeInquiries(ctx, { github: gh, repo, info, discussions });
}

/** The scope's discussions judged: the rotation around them, the policy, and each one's state now. */
export async function judgeInquiries(
  ctx: AppContext,
  read: Pick<Inquiries, 'github' | 'repo' | 'info' | 'discussions'>,
): Promise<Inquiries> {
  const { discussions } = read;
  const earliest = Math.min(ctx.now, ...discussions.map((d) => d.createdAt));
  const timeline = await rotationTimeline(ctx, earliest - 14 * 86_400_000, ctx.now + 35 * 86_400_000);
  const policy = await policyFor(ctx, timeline);
  const assessments = discussions.map((d) => assess(d, policy, ctx.now));
  return { ...read, policy, timeline, assessments };
}

/** Whether an inquiry's owner kept it for the shift starting at `shiftStart` (`handoff --keep` leaves a `keep` marker). */
export function keptByOwner(
  inq: Pick<Inquiries, 'discussions' | 'policy'>,
  shiftStart: number | null,
  zone: string,
): (a: Assessment) => boolean {
  if (shiftStart === null) return () => false;
  const week = handoffWeek(shiftStart, zone);
  const byNumber = new Map(inq.discussions.map((d) => [d.number, d]));
  return (a) => {
    const d = byNumber.get(a.number);
    return a.owner !== null && d !== undefined && keptFor(d, inq.policy.team, a.owner, week);
  };
}

/** The unresolved inquiries whose owner is off duty now (docs/process.md#off-duty-owners): neither acting role, and not kept for this shift. */
export function offDutyItems(
  inq: Pick<Inquiries, 'discussions' | 'policy' | 'assessments'>,
  acting: { primary: string | null; backup: string | null },
  shiftStart: number | null,
  zone: string,
): Assessment[] {
  const kept = keptByOwner(inq, shiftStart, zone);
  return inq.assessments.filter((a) => a.state !== 'resolved' && offDuty(a.owner, acting, kept(a)));
}

/** The §6 Item shape, with a few extra keys. */
export function itemJson(a: Assessment) {
  const t = (ms: number | null) => (ms === null ? null : isoUtc(ms));
  return {
    number: a.number,
    title: a.title,
    url: a.url,
    author: a.author,
    state: a.state,
    owner: a.owner,
    waitingSince: t(a.waitingSince),
    dueAt: t(a.dueAt),
    businessHoursWaiting: a.businessHoursWaiting,
    lastUserActivityAt: t(a.lastUserActivityAt),
    daysSinceUserActivity: a.daysSinceUserActivity,
    overdue: a.overdue,
    dueSoon: a.dueSoon,
    stale: a.stale,
    via: a.via,
  };
}

/** Most urgent first: overdue (latest first), due soon, waiting on the team, stale, waiting on the user. */
export function byUrgency(a: Assessment, b: Assessment): number {
  const rank = (x: Assessment) =>
    x.overdue ? 0 : x.dueSoon ? 1 : x.state === 'waiting-on-team' ? 2 : x.stale ? 3 : x.state === 'waiting-on-user' ? 4 : 5;
  return (
    rank(a) - rank(b) ||
    (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) ||
    (a.lastUserActivityAt ?? Infinity) - (b.lastUserActivityAt ?? Infinity) ||
    a.number - b.number
  );
}
