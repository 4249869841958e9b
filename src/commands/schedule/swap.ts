import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import type { Role } from '../../core/rotation.js';
import { buildTimeline, onDutyAt } from '../../core/rotation.js';
import { parseDate } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { isUnavailable, weekLabel } from '../../core/rotationPlan.js';
import { escapeText, rewriteEvent, splitCalendar } from '../../calendar/edit.js';
import { attendeeLine, shiftSummary, shiftUid } from '../../calendar/write.js';
import { isUrl } from '../../calendar/source.js';
import { warn } from '../../shell/output.js';
import { readDesk } from '../../core/acting.js';
import { planSwapAnnouncement, planSwapProposal } from '../../core/deskPosts.js';
import type { DeskPost } from '../../core/deskPosts.js';
import { deskTemplate, readLiveDesk } from '../../app/desk/post.js';
import { withSwaps } from '../../app/acting.js';
import { resolveLocation } from '../../store/config.js';
import type { Outcome } from '../../shell/errors.js';
import { rotationFile } from './common.js';
import { writeFileChecked } from '../../shell/files.js';
import { postSwap, printChange, runSwapAccept } from './swapDesk.js';
import type { SwapOptions } from './schedule.flags.js';
import { INPUT_LIMITS } from '../../store/fs.js';

export type { SwapOptions };

const same = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/**
 * A last-minute change of one shift (docs/process.md#swaps). On a calendar written by
 * `schedule generate` the week's event keeps its UID and gets SEQUENCE + 1, so
 * every subscriber's calendar updates in place; on any other calendar (an
 * export, a URL) the swap is proposed on the desk thread and takes effect when
 * the replacement runs `schedule swap --accept`.
 */
export async function runSwap(opts: SwapOptions, ctx: Context): Promise<Outcome | void> {
  if (opts.accept) return runSwapAccept(opts, ctx);
  if (!opts.week || !opts.role || !opts.with)
    throw new UsageError('schedule swap needs --week, --role and --with', 'or --accept, to take a swap proposed to you');
  const role = opts.role.toLowerCase() as Role;
  if (role !== 'primary' && role !== 'backup') throw new UsageError(`invalid --role "${opts.role}"`, 'use primary or backup');
  const login = opts.with.replace(/^@/, '');
  const member = ctx.loaded.team.find((m) => same(m.login, login));
  if (!member) throw new UsageError(`@${login} is not on the team`, `choose one of: ${ctx.loaded.team.map((m) => m.login).join(', ')}`);
  const monday = DateTime.fromISO(parseDate(opts.week, ctx.now, ctx.zone, '--week'), { zone: ctx.zone }).startOf('week');
  const label = weekLabel(monday.toISODate()!);

  // Who holds each role around that week, as every reader sees it: the calendar and the swaps accepted on the desk thread.
  const rotation = await ctx.rotation(monday.minus({ weeks: 2 }).toMillis(), monday.plus({ weeks: 3 }).toMillis());
  const timeline = buildTimeline(await withSwaps(ctx, rotation.shifts));
  const holder = (weeks: number, r: Role) =>
    onDutyAt(timeline, monday.plus({ weeks, days: 2, hours: 12 }).toMillis(), 0).current?.[r] ?? null;
  const relieved = holder(0, role);
  const from = relieved?.login ?? null;
  const fromRaw = relieved?.raw || 'nobody';
  const other = holder(0, role === 'primary' ? 'backup' : 'primary')?.login ?? null;
  if (same(from, member.login))
    throw new UsageError(
      `@${member.login} is already ${role === 'primary' ? 'Primary' : 'Backup'} for ${label}: the swap changes nothing`,
      'name someone else with --with',
    );

  const broken: string[] = [];
  if (isUnavailable(member, monday.toISODate()!)) broken.push(`@${member.login} is unavailable that week`);
  if (same(other, member.login)) broken.push(`@${member.login} is already ${role === 'primary' ? 'Backup' : 'Primary'} that week`);
  if (role === 'primary')
    for (const n of [-1, 1])
      if (same(holder(n, 'primary')?.login, member.login))
        broken.push(`@${member.login} is Primary the week ${n < 0 ? 'before' : 'after'}`);
  const byLogin = (l: string | null) => ctx.loaded.team.find((m) => same(m.login, l));
  const primary = role === 'primary' ? member : byLogin(other);
  const backup = role === 'backup' ? member : byLogin(other);
  if (primary && backup && !primary.experienced && !backup.experienced)
    broken.push(`neither @${primary.login} (Primary) nor @${backup.login} (Backup) is experienced`);
  if (broken.length && !opts.force) throw new UsageError(`refusing the swap: ${broken.join('; ')}`, 'pass --force to make it anyway');

  // A calendar visit-sre wrote holds the week's event under its stable UID: that one is edited in place.
  const configured = ctx.loaded.config.rotation ? resolveLocation(ctx.loaded.config.rotation, ctx.loaded.dir) : null;
  const file = configured && isUrl(configured) && !opts.out ? null : rotationFile(ctx, undefined, '--out FILE');
  const text = file ? await ctx.deps.fs.readInput(file, { what: 'calendar', bytes: INPUT_LIMITS.calendar }) : undefined;
  const target = text
    ? splitCalendar(text, ctx.zone).events.find((e) => e.uid === shiftUid(monday.toISODate()!, role, ctx.zone))
    : undefined;
  const change = { week: label, monday: monday.toISODate()!, role, from, fromRaw, to: member.login };
  const desk = ctx.loaded.config.desk.thread ? readDesk([]) : null;

  if (!target || !text || !file) {
    if (!ctx.loaded.config.desk.thread && !opts.dryRun)
      throw new UsageError(
        `${rotation.source} was not written by visit-sre, so it is not edited: the swap is proposed on the desk thread, and no desk thread is configured`,
        'set "desk.thread" in the config, or change the shared calendar yourself',
      );
    const plan =
      (d = desk ?? readDesk([])) =>
      async (): Promise<DeskPost> =>
        planSwapProposal({
          ...change,
          monday: change.monday,
          weekLabel: label,
          to: member,
          broken,
          desk: d,
          template: await deskTemplate(ctx, 'swap-proposal'),
        });
    if (opts.dryRun) return printChange(ctx, { ...change, edit: 'proposal' }, (await plan()()).text);
    const live = await readLiveDesk(ctx);
    const post = await plan(readDesk(live.records))();
    return postSwap(ctx, opts, live, post, { ...change, edit: 'proposal', calendar: rotation.source });
  }

  const sequence = Number(/^SEQUENCE:(\d+)/m.exec(target.raw)?.[1] ?? 0) + 1;
  const stamp = DateTime.fromMillis(ctx.now, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  const rewritten = rewriteEvent(
    target.raw,
    {
      SEQUENCE: `SEQUENCE:${sequence}`,
      DTSTAMP: `DTSTAMP:${stamp}`,
      SUMMARY: `SUMMARY:${escapeText(shiftSummary(role, member.name, member.login))}`,
      'X-VISIT-SRE-LOGIN': `X-VISIT-SRE-LOGIN:${member.login}`,
      ...(member.email ? { ATTENDEE: attendeeLine(member.name, member.email) } : {}),
    },
    ['ATTENDEE'],
  );
  const updated = text.replace(/\r?\n/g, '\r\n').replace(target.raw, rewritten);
  const out = opts.out ? rotationFile(ctx, opts.out, '--out FILE') : file;
  const announce = async (d = readDesk([])) =>
    planSwapAnnouncement({
      role,
      monday: change.monday,
      weekLabel: label,
      to: member,
      from,
      broken,
      sequence,
      desk: d,
      template: await deskTemplate(ctx, 'swap'),
    });
  if (opts.dryRun) return printChange(ctx, { ...change, edit: 'calendar' }, (await announce()).text);
  // The desk thread is read first, so a thread that cannot be reached changes nothing.
  const live = ctx.loaded.config.desk.thread ? await readLiveDesk(ctx) : null;
  // Rewriting the rotation in place is what a swap is for; another --out file is never overwritten without --force.
  await writeFileChecked(ctx, out, updated, out === file || Boolean(opts.force));
  const post = await announce(readDesk(live?.records ?? []));
  if (!live) {
    warn(ctx.deps, 'no desk thread is configured ("desk.thread"): send the announcement to the team yourself');
    ctx.deps.stdout.write(
      ctx.out.json
        ? `${JSON.stringify({ dryRun: false, file: out, ...change, sequence, announcement: post.text, actions: [] })}\n`
        : `${post.text}\n`,
    );
    return { kind: 'actions', actions: [] };
  }
  return postSwap(ctx, opts, live, post, { ...change, edit: 'calendar', file: out, sequence, forced: broken.length > 0 });
}
