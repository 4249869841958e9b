import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import type { Role } from '../../core/rotation.js';
import { parseDate } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { isUnavailable, weekLabel } from '../../core/rotationPlan.js';
import { escapeText, rewriteEvent, splitCalendar } from '../../calendar/edit.js';
import { attendeeLine, shiftSummary, shiftUid } from '../../calendar/write.js';
import { warn, writeJson } from '../../shell/output.js';
import { readDesk } from '../../core/acting.js';
import { planSwapAnnouncement } from '../../core/deskPosts.js';
import { deskPlan, deskTemplate, readLiveDesk, rememberPosted } from '../../app/desk/post.js';
import { carryOut } from '../../shell/writerIo.js';
import type { Outcome } from '../../shell/errors.js';
import { rotationFile } from './common.js';
import { writeFileChecked } from '../../shell/files.js';
import type { SwapOptions } from './schedule.flags.js';

export type { SwapOptions };

/**
 * A last-minute change of one shift: the week's event keeps its UID and gets
 * SEQUENCE + 1, so every subscriber's calendar updates in place.
 */
export async function runSwap(opts: SwapOptions, ctx: Context): Promise<Outcome | void> {
  const role = opts.role.toLowerCase() as Role;
  if (role !== 'primary' && role !== 'backup') throw new UsageError(`invalid --role "${opts.role}"`, 'use primary or backup');
  const login = opts.with.replace(/^@/, '');
  const member = ctx.loaded.team.find((m) => m.login.toLowerCase() === login.toLowerCase());
  if (!member) throw new UsageError(`@${login} is not on the team`, `choose one of: ${ctx.loaded.team.map((m) => m.login).join(', ')}`);
  const day = DateTime.fromISO(parseDate(opts.week, ctx.now, ctx.zone, '--week'), { zone: ctx.zone });
  const monday = day.startOf('week').toISODate()!;
  const file = rotationFile(ctx, undefined, '--out FILE');
  const text = await ctx.deps.fs.readText(file);
  if (text === undefined) throw new UsageError(`rotation calendar ${file} not found`, 'run `visit-sre schedule generate` first');
  const cal = splitCalendar(text, ctx.zone);
  const uidOf = (m: string, r: Role) => shiftUid(m, r, ctx.zone);
  const find = (m: string, r: Role) => cal.events.find((e) => e.uid === uidOf(m, r));
  const target = find(monday, role);
  if (!target)
    throw new UsageError(
      `no ${role} event for week ${weekLabel(monday)} in ${file}`,
      'swap edits calendars written by `visit-sre schedule generate`',
    );
  const loginOf = (raw: string | undefined) =>
    raw ? (/^X-VISIT-SRE-LOGIN:(.*)$/m.exec(raw.replace(/\r?\n[ \t]/g, ''))?.[1]?.trim() ?? null) : null;
  const from = loginOf(target.raw);
  const other = loginOf(find(monday, role === 'primary' ? 'backup' : 'primary')?.raw);
  const week = (n: number) => DateTime.fromISO(monday).plus({ weeks: n }).toISODate()!;
  const byLogin = (l: string | null) => ctx.loaded.team.find((m) => m.login === l);

  const broken: string[] = [];
  if (isUnavailable(member, monday)) broken.push(`@${member.login} is unavailable that week`);
  if (other === member.login) broken.push(`@${member.login} is already ${role === 'primary' ? 'Backup' : 'Primary'} that week`);
  if (role === 'primary') {
    for (const n of [-1, 1])
      if (loginOf(find(week(n), 'primary')?.raw) === member.login)
        broken.push(`@${member.login} is Primary the week ${n < 0 ? 'before' : 'after'}`);
  }
  const primary = role === 'primary' ? member : byLogin(other);
  const backup = role === 'backup' ? member : byLogin(other);
  if (primary && backup && !primary.experienced && !backup.experienced)
    broken.push(`neither @${primary.login} (Primary) nor @${backup.login} (Backup) is experienced`);
  if (broken.length && !opts.force) throw new UsageError(`refusing the swap: ${broken.join('; ')}`, 'pass --force to make it anyway');

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
  const swap = {
    role,
    monday,
    weekLabel: weekLabel(monday),
    to: { login: member.login, name: member.name },
    from,
    broken,
    sequence,
    template: await deskTemplate(ctx, 'swap'),
  };

  if (opts.dryRun) {
    ctx.deps.stdout.write(updated);
    ctx.deps.stderr.write(`${planSwapAnnouncement({ ...swap, desk: readDesk([]) }).text}\n`);
    return;
  }
  // The desk thread is read first, so a thread that cannot be reached changes nothing.
  const live = ctx.loaded.config.desk.thread ? await readLiveDesk(ctx) : null;
  // Rewriting the rotation in place is what a swap is for; another --out file is never overwritten without --force.
  await writeFileChecked(ctx, out, updated, out === file || Boolean(opts.force));
  const post = planSwapAnnouncement({ ...swap, desk: readDesk(live?.records ?? []) });
  const action = live ? (await carryOut(ctx, deskPlan(live, post), opts, { gh: live.gh, repo: live.ref.repo, team: live.team }))[0]! : null;
  if (live && action) await rememberPosted(ctx, live, post, [action]);
  if (!live) warn(ctx.deps, 'no desk thread is configured ("desk.thread"): send the announcement to the team yourself');
  if (action?.status === 'failed')
    warn(ctx.deps, `the calendar is changed, but the announcement could not be posted (${action.reason}): post it yourself`);
  const actions = action ? [action] : [];
  if (ctx.out.json)
    writeJson(ctx.deps.stdout, {
      dryRun: false,
      file: out,
      week: weekLabel(monday),
      role,
      from,
      to: member.login,
      sequence,
      forced: broken.length > 0,
      announcement: post.text,
      actions: actions.map(({ failure: _f, ...a }) => a),
    });
  else ctx.deps.stdout.write(`${post.text}\n${action?.status === 'done' ? `Posted to the desk thread: ${action.url}\n` : ''}`);
  return { kind: 'actions', actions };
}
