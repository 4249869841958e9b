import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import { onDutyAt } from '../../core/rotation.js';
import { byUrgency, itemJson, loadInquiries, offDutyItems } from '../../app/inquiries.js';
import { actingAt, actingRolesAt, actingView, awayDuring, dutyInstant } from '../../app/acting.js';
import { notice, warn, writeJson } from '../../shell/output.js';
import { isoUtc } from '../../core/timeText.js';
import { plural } from '../../core/words.js';
import { outboxEntries } from '../../store/outbox.js';
import { parseRepo } from '../../github/port.js';
import { isLogin } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { holidaysBetweenDates } from '../../core/holidays.js';
import type { Assessment } from '../../core/conversation.js';
import { leftBehind } from '../../core/plans/handoff.js';
import { discussionsPage, openWeb } from '../../shell/web.js';
import type { StartOptions } from './start.flags.js';
import type { Briefing } from './render.js';
import { briefingText } from './render.js';

export type { StartOptions };

/** The shift-start briefing (docs/reference.md `start`). */
export async function runStart(opts: StartOptions, ctx: Context): Promise<void> {
  if (opts.as !== undefined && !isLogin(opts.as.replace(/^@/, '')))
    throw new UsageError(`invalid --as "${opts.as}"`, 'give a GitHub login');
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 0)
    throw new UsageError(`invalid --limit "${opts.limit}"`, 'give a whole number, such as 20 (0 for all)');
  if (opts.web) return openWeb(ctx, discussionsPage(ctx));
  const inq = await loadInquiries(ctx);
  const as = opts.as?.replace(/^@/, '') ?? (await inq.github.viewer()).login;
  const duty = onDutyAt(inq.timeline, ctx.now, 1);
  const shift = duty.current ?? duty.upcoming[0] ?? null;
  const role = shift?.primary?.login === as ? 'primary' : shift?.backup?.login === as ? 'backup' : null;
  // Who acts now (docs/process.md#acting-roles): a delegation, or someone away, moves a role for a while.
  const view = await actingView(ctx, { live: false });
  const acting = actingAt(view, inq.timeline, ctx.loaded.team, ctx.now);
  const away = awayDuring(view, ctx.now, shift?.end ?? ctx.now + 7 * 86_400_000);
  const weekStart = shift ? shift.start : DateTime.fromMillis(ctx.now, { zone: ctx.zone }).startOf('week').toMillis();
  const weekEnd = shift ? shift.end : DateTime.fromMillis(weekStart, { zone: ctx.zone }).plus({ weeks: 1 }).toMillis();
  const from = DateTime.fromMillis(weekStart, { zone: ctx.zone }).toISODate()!;
  const to = DateTime.fromMillis(weekEnd, { zone: ctx.zone }).toISODate()!;
  const holidays = holidaysBetweenDates(await ctx.holidays(), from, to);
  const mine = (a: Assessment) => a.owner?.toLowerCase() === as.toLowerCase() || a.handedOffTo?.toLowerCase() === as.toLowerCase();
  const open = inq.assessments.filter((a) => a.state !== 'resolved' && (!opts.mine || mine(a))).sort(byUrgency);
  const handedOff = open.filter((a) => a.handedOffTo?.toLowerCase() === as.toLowerCase());
  // Owned by someone holding no role now (docs/process.md#off-duty-owners): the acting Primary covers them until they are handed over.
  const onDuty = actingRolesAt(view, inq.timeline, ctx.loaded.team)(dutyInstant(inq.policy.calendar, ctx.now));
  const offDuty = offDutyItems(inq, onDuty, duty.current?.start ?? null, ctx.zone).filter((a) => open.includes(a));
  const rest = open.filter((a) => !handedOff.includes(a) && !offDuty.includes(a));
  const config = ctx.loaded.config;
  const fruit = await inq.github.lowHangingFruit(parseRepo(config.productRepository), config.labels.lowHangingFruit);
  const outbox = (await outboxEntries(ctx.deps.env, ctx.deps.homedir)).length;
  const behind = leftBehind({
    timeline: inq.timeline,
    now: ctx.now,
    zone: ctx.zone,
    assessments: inq.assessments,
    discussions: inq.discussions,
    team: inq.policy.team,
  });
  if (behind) {
    // A count and the command, not the list: `start --json` and the board list them.
    const n = behind.items.length;
    warn(
      ctx.deps,
      `${plural(n, 'discussion')} of last week ${n === 1 ? 'was' : 'were'} not handed off: \`visit-sre handoff --from ${behind.from}\``,
    );
    notice(ctx.deps, `  @${behind.from} (last week's Primary) runs it, with \`--keep N…\` for any they keep`);
  }

  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, {
      as,
      role,
      primary: shift?.primary?.login ?? null,
      backup: shift?.backup?.login ?? null,
      actingPrimary: acting.primary.login,
      actingBackup: acting.backup.login,
      away: away.map((a) => ({
        login: a.login,
        from: isoUtc(a.from),
        until: isoUtc(a.until),
        source: a.source,
        ...(a.note ? { note: a.note } : {}),
      })),
      shift: shift ? { start: isoUtc(shift.start), end: isoUtc(shift.end) } : null,
      holidays: holidays.map((h) => h.date),
      handedOff: handedOff.map(itemJson),
      offDuty: offDuty.map(itemJson),
      discussions: open.map(itemJson),
      overdue: open.filter((a) => a.overdue).map((a) => a.number),
      stale: open.filter((a) => a.stale).map((a) => a.number),
      lowHangingFruit: fruit,
      notHandedOver: behind ? { from: behind.from, numbers: behind.items.map((a) => a.number) } : null,
      outbox,
    });
    return;
  }
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('ccc LLL d HH:mm');
  const actingLines = [
    ...(acting.primary.login !== (shift?.primary?.login ?? null) || acting.backup.login !== (shift?.backup?.login ?? null)
      ? [ctx.paint.yellow(`Acting now: Primary @${acting.primary.login ?? 'nobody'}   Backup @${acting.backup.login ?? 'nobody'}`)]
      : []),
    ...(away.length ? [`Away: ${away.map((a) => `@${a.login} ${local(a.from)} → ${local(a.until)}`).join(', ')}`] : []),
  ];
  const briefing: Briefing = {
    as,
    role,
    shift: shift
      ? {
          start: shift.start,
          end: shift.end,
          primary: shift.primary?.login ?? shift.primary?.raw ?? 'nobody',
          backup: shift.backup?.login ?? shift.backup?.raw ?? 'nobody',
        }
      : null,
    holidays,
    handedOff,
    offDuty,
    others: rest,
    limit,
    counts: {
      open: open.length,
      overdue: open.filter((a) => a.overdue).length,
      dueSoon: open.filter((a) => a.dueSoon).length,
      stale: open.filter((a) => a.stale).length,
    },
    fruit,
    outbox,
    acting: actingLines,
  };
  const text = briefingText(briefing, ctx);
  ctx.deps.stdout.write(text);
}
