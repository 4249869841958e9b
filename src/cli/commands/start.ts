import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { onDutyAt } from '../../core/rotation.js';
import { byUrgency, itemJson, loadInquiries } from '../../app/inquiries.js';
import { isoUtc, relative, table, warn, writeJson } from '../output.js';
import { outboxEntries } from '../../store/outbox.js';
import { parseRepo } from '../../github/port.js';
import { isLogin } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import type { Assessment } from '../../core/conversation.js';
import { leftBehind } from '../../core/plans/handoff.js';

export interface StartOptions {
  as?: string;
}

/** The shift-start briefing (SPEC §6 `start`). */
export async function runStart(opts: StartOptions, ctx: Context): Promise<void> {
  if (opts.as !== undefined && !isLogin(opts.as.replace(/^@/, ''))) throw new UsageError(`invalid --as "${opts.as}"`, 'give a GitHub login');
  const inq = await loadInquiries(ctx);
  const as = opts.as?.replace(/^@/, '') ?? (await inq.github.viewer()).login;
  const duty = onDutyAt(inq.timeline, ctx.now, 1);
  const shift = duty.current ?? duty.upcoming[0] ?? null;
  const role = shift?.primary?.login === as ? 'primary' : shift?.backup?.login === as ? 'backup' : null;
  const weekStart = shift ? shift.start : DateTime.fromMillis(ctx.now, { zone: ctx.zone }).startOf('week').toMillis();
  const weekEnd = shift ? shift.end : DateTime.fromMillis(weekStart, { zone: ctx.zone }).plus({ weeks: 1 }).toMillis();
  const from = DateTime.fromMillis(weekStart, { zone: ctx.zone }).toISODate()!;
  const to = DateTime.fromMillis(weekEnd, { zone: ctx.zone }).toISODate()!;
  const holidays = (await ctx.holidays()).filter((h) => h.date >= from && h.date < to).map((h) => h.date);
  const open = inq.assessments.filter((a) => a.state !== 'resolved').sort(byUrgency);
  const handedOff = open.filter((a) => a.handedOffTo?.toLowerCase() === as.toLowerCase());
  const config = ctx.loaded.config;
  const fruit = await inq.github.lowHangingFruit(parseRepo(config.productRepository), config.labels.lowHangingFruit);
  const outbox = (await outboxEntries(ctx.deps.env, ctx.deps.homedir)).length;
  const behind = leftBehind({ timeline: inq.timeline, now: ctx.now, zone: ctx.zone, assessments: inq.assessments, discussions: inq.discussions, team: inq.policy.team });
  if (behind) {
    warn(ctx.deps, `@${behind.from} (last shift's Primary) still owns ${behind.items.length} unresolved discussion${behind.items.length === 1 ? '' : 's'} that ${behind.items.length === 1 ? 'was' : 'were'} not handed over: ${behind.items.map((a) => `#${a.number}`).join(', ')}`);
    ctx.deps.stderr.write(`  ask @${behind.from} to run \`visit-sre handoff --from ${behind.from}\` (with \`--keep N…\` for any they keep)\n`);
  }

  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, {
      as,
      role,
      primary: shift?.primary?.login ?? null,
      backup: shift?.backup?.login ?? null,
      shift: shift ? { start: isoUtc(shift.start), end: isoUtc(shift.end) } : null,
      holidays,
      handedOff: handedOff.map(itemJson),
      discussions: open.map(itemJson),
      overdue: open.filter((a) => a.overdue).map((a) => a.number),
      stale: open.filter((a) => a.stale).map((a) => a.number),
      lowHangingFruit: fruit,
      notHandedOver: behind ? { from: behind.from, numbers: behind.items.map((a) => a.number) } : null,
      outbox,
    });
    return;
  }
  const p = ctx.paint;
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('ccc LLL d HH:mm');
  const when = (ms: number) => (ctx.out.tty ? relative(ms, ctx.now) : isoUtc(ms));
  const status = (a: Assessment) =>
    a.overdue ? p.red(`overdue, was due ${when(a.dueAt!)}`) : a.dueSoon ? p.yellow(`due ${when(a.dueAt!)}`) : a.state === 'waiting-on-team' ? `due ${when(a.dueAt!)}` : a.stale ? `stale, user silent ${Math.floor(a.daysSinceUserActivity ?? 0)} days` : 'waiting on the user';
  const rows = (list: Assessment[]) => table(list.map((a) => [`#${a.number}`, a.owner ? `@${a.owner}` : '-', status(a), a.title]));
  let text = `${p.bold(`Good morning, @${as}.`)} `;
  text += role ? `You are ${p.bold(role === 'primary' ? 'Primary' : 'Backup')} this week` : 'You are not on duty this week';
  text += shift ? ` (${local(shift.start)} → ${local(shift.end)}).\n` : '.\n';
  if (shift) text += `Primary: ${shift.primary ? `@${shift.primary.login ?? shift.primary.raw}` : 'nobody'}   Backup: ${shift.backup ? `@${shift.backup.login ?? shift.backup.raw}` : 'nobody'}\n`;
  if (holidays.length) text += `Holidays this week: ${holidays.map((d) => DateTime.fromISO(d).toFormat('ccc LLL d')).join(', ')}\n`;
  text += `\n${p.bold(`Handed to you (${handedOff.length})`)}\n${handedOff.length ? rows(handedOff) : p.dim('none\n')}`;
  text += `\n${p.bold(`Open discussions by urgency (${open.length})`)}\n${open.length ? rows(open) : p.dim('none\n')}`;
  text += `\n${p.bold('Overdue')}: ${open.filter((a) => a.overdue).length}   ${p.bold('Stale')}: ${open.filter((a) => a.stale).length}\n`;
  if (fruit.length) text += `\n${p.bold('Low-hanging fruit for idle time')}\n${table(fruit.map((i) => [`#${i.number}`, i.title, p.dim(i.url)]))}`;
  if (outbox > 0) text += `\n${p.yellow(`${outbox} inquiries wait in the outbox: run \`visit-sre sync\``)}\n`;
  ctx.deps.stdout.write(text);
}
