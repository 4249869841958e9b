import { DateTime } from 'luxon';
import { markdownText } from '../../core/userText.js';
import type { AppContext } from '../context.js';
import type { Message, Policy } from '../../core/conversation.js';
import { parseDeskThread } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import type { MarkerKind } from '../../core/markers.js';
import type { DeskEntry } from '../../core/desk.js';
import { deskEntries } from '../../core/desk.js';
import type { Notification } from '../../core/notify.js';
import type { DeskThread, GitHubPort, RepoRef } from '../../github/port.js';
import { withMarker } from '../../core/markers.js';
import type { BusinessWeek } from '../../core/words.js';
import { businessWeekOf, dueText, plural, STANDARD_WEEK } from '../../core/words.js';

/** `desk.thread` as a repository and a number; a clear usage error naming the key when it is missing. */
export function deskRef(ctx: AppContext): { repo: RepoRef; number: number; text: string } {
  const text = ctx.loaded.config.desk.thread;
  const where = ctx.loaded.file ? ` in ${ctx.loaded.file}` : '';
  if (!text)
    throw new UsageError(
      `no desk thread: config key "desk.thread" is not set${where}`,
      'set "desk": { "thread": "OWNER/NAME#NUMBER" } to an issue or discussion the team owns',
    );
  const ref = parseDeskThread(text);
  if (!ref)
    throw new UsageError(
      `config key "desk.thread" must be "OWNER/NAME#NUMBER", not "${text}"${where}`,
      'point it at an issue or discussion the team owns',
    );
  return { repo: { owner: ref.owner, name: ref.name }, number: ref.number, text };
}

export interface Desk {
  thread: DeskThread;
  /** trusted markers of the thread's comments, of any kind, oldest first */
  entries: DeskEntry[];
}

/** Reads the desk thread back to `since`, with its trusted markers (any kind, or those asked for). */
export async function readDeskThread(
  gh: GitHubPort,
  ref: { repo: RepoRef; number: number },
  policy: Pick<Policy, 'team'>,
  since?: number,
  kinds?: readonly MarkerKind[],
): Promise<Desk> {
  const thread = await gh.deskThread(ref.repo, ref.number, since === undefined ? {} : { since });
  return { thread, entries: deskEntries(thread.comments, policy.team, kinds) };
}

const ICON: Record<string, string> = { new: '🆕', 'due-soon': '🟠', overdue: '🔴', 'handoff-reminder': '⏰', 'missed-handoff': '⚠️' };

/** One line per notification, with the @mentions that deliver it. */
export function notificationLine(
  n: Notification,
  zone: string,
  opts: { mentions: boolean; week?: BusinessWeek; offDutyOwner?: string | null } = { mentions: true },
): string {
  const week = opts.week ?? STANDARD_WEEK;
  const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('ccc LLL d HH:mm');
  const to = n.to.length ? n.to.map((l) => (opts.mentions ? `@${l}` : l)).join(' ') : 'nobody on duty';
  const icon = ICON[n.state ?? n.when] ?? '🔴';
  // A classified reminder's text is the team's template (no content of the inquiry), so its markdown stays.
  if (n.when === 'contact-reminder') return `- 📞 ${n.title.replace(/\s*[\r\n]+\s*/g, ' ')} → ${to}`;
  if (n.when === 'classified-reminder') return `- 🔒 ${n.title.replace(/\s*[\r\n]+\s*/g, ' ')} → ${to}`;
  if (n.when === 'delegate-expired') return `- ⌛ ${n.title.replace(/\s*[\r\n]+\s*/g, ' ')} → ${to}`;
  if (n.when === 'off-duty')
    return `- 👤 [#${n.number}](${n.url}) ${markdownText(n.title)} — owned by ${markdownText(n.owner ?? 'someone')}, who is off duty: yours meanwhile${n.dueAt !== null ? `, due ${local(n.dueAt)}` : ''} → ${to}`;
  if (n.when === 'handoff-reminder')
    return `- ${icon} End of shift (${local(n.shift!.end)}): ${plural(n.count ?? 0, 'unresolved discussion')} to hand off with \`visit-sre handoff\` → ${to}`;
  if (n.when === 'missed-handoff')
    return `- ${icon} Missed handoff: ${plural(n.count ?? 0, 'unresolved discussion')} of the last shift still belong to ${n.shift?.primary ?? 'its Primary'}; run \`visit-sre handoff --from ${n.shift?.primary ?? 'LOGIN'}\` → ${to}`;
  const what =
    n.state === 'new'
      ? `new inquiry, due ${local(n.dueAt!)}`
      : n.state === 'due-soon'
        ? `due soon, at ${local(n.dueAt!)}`
        : `${dueText(-(n.lateMinutes ?? 0), week)}, was due ${local(n.dueAt!)}`;
  const owner =
    opts.offDutyOwner !== undefined ? `; owned by ${markdownText(opts.offDutyOwner ?? 'someone')}, who is off duty: yours meanwhile` : '';
  return `- ${icon} [#${n.number}](${n.url}) ${markdownText(n.title)} — ${what}${owner} → ${to}`;
}

/**
 * The lines of a run's notifications, one per inquiry: an off-duty notice sent
 * with a stage of the same inquiry joins that stage's line (the acting Primary
 * is named once), and is its own line only when it goes alone.
 */
export function notificationLines(
  notifications: readonly Notification[],
  zone: string,
  opts: { mentions: boolean; week?: BusinessWeek },
): string[] {
  const staged = new Set(notifications.filter((n) => n.number !== null && n.when !== 'off-duty').map((n) => n.number));
  const offDuty = new Map(notifications.filter((n) => n.when === 'off-duty' && staged.has(n.number)).map((n) => [n.number, n]));
  return notifications.flatMap((n) => {
    if (n.when === 'off-duty' && staged.has(n.number)) return [];
    const off = n.number !== null && n.when !== 'off-duty' ? offDuty.get(n.number) : undefined;
    if (!off) return [notificationLine(n, zone, opts)];
    const to = [...n.to, ...off.to.filter((l) => !n.to.some((t) => t.toLowerCase() === l.toLowerCase()))];
    return [notificationLine({ ...n, to }, zone, { ...opts, offDutyOwner: off.owner ?? null })];
  });
}

/** The one comment a run posts: a line per notification, then the trusted notify marker with every key they cover. */
export function notifyComment(
  notifications: readonly Notification[],
  ctx: Pick<AppContext, 'zone' | 'now' | 'loaded'>,
  run: string,
): string {
  const week = businessWeekOf(ctx.loaded.config.businessHours);
  const head = `**Support desk** · ${DateTime.fromMillis(ctx.now, { zone: ctx.zone }).toFormat('ccc LLL d HH:mm ZZZZ')}`;
  return withMarker(`${head}\n\n${notificationLines(notifications, ctx.zone, { mentions: true, week }).join('\n')}`, 'notify', {
    keys: notifications.flatMap((n) => n.covers),
    run,
  });
}

/** The comment of this run in a fresh read of the thread, found by its run id. */
export function ownComment(entries: readonly DeskEntry[], run: string): DeskEntry | undefined {
  return entries.find((e) => e.marker.kind === 'notify' && e.marker.run === run);
}

/** The thread's comments since `since` (for a re-read that must reach back to this run's own). */
export function commentsSince(comments: readonly Message[], since: number): Message[] {
  return comments.filter((c) => c.createdAt >= since);
}
