import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import type { Assessment } from '../../core/conversation.js';
import { table } from '../../shell/output.js';
import { isoUtc, relative } from '../../core/timeText.js';
import { fittedTable, link, terminalFacts } from '../../shell/terminal.js';
import { greeting } from '../../shell/human.js';
import type { Holiday } from '../../core/holidays.js';
import { holidayLabel } from '../../core/holidays.js';

export interface Briefing {
  as: string;
  role: 'primary' | 'backup' | null;
  shift: { start: number; end: number; primary: string; backup: string } | null;
  holidays: Holiday[];
  handedOff: Assessment[];
  /** the rest of the queue by urgency, without the handed-off rows */
  others: Assessment[];
  /** how many of `others` are left out by --limit */
  more: number;
  counts: { open: number; overdue: number; dueSoon: number; stale: number };
  fruit: Array<{ number: number; title: string; url: string }>;
  outbox: number;
  /** who acts now and who is away, when a delegation or an away notice moves a role (SPEC §10) */
  acting?: string[];
}

/** The briefing a person reads on Monday morning: who they are this week, the counts, then the top of the queue. */
export function briefingText(b: Briefing, ctx: Context): string {
  const p = ctx.paint;
  const term = terminalFacts(ctx.deps);
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('ccc LLL d');
  const when = (ms: number) => (ctx.out.tty ? relative(ms, ctx.now) : isoUtc(ms));
  const status = (a: Assessment) =>
    a.overdue
      ? p.red(`overdue, was due ${when(a.dueAt!)}`)
      : a.dueSoon
        ? p.yellow(`due ${when(a.dueAt!)}`)
        : a.state === 'waiting-on-team'
          ? `due ${when(a.dueAt!)}`
          : a.stale
            ? `stale, user silent ${Math.floor(a.daysSinceUserActivity ?? 0)} days`
            : 'waiting on the user';
  const cells = (a: Assessment) => [`#${a.number}`, a.owner ? `@${a.owner}` : '-', status(a), a.title];
  // A terminal gets titles cut to its width and linked numbers; a pipe gets whole titles and the URLs.
  const rows = (list: Assessment[]) =>
    ctx.out.tty
      ? fittedTable(list.map(cells), term.columns, (cell, r, col) => (col === 0 ? link(cell, list[r]!.url, term.hyperlinks) : cell))
      : table(list.map((a) => [...cells(a), a.url]));
  let text = `${p.bold(`${greeting(ctx.now, ctx.zone)}, @${b.as}.`)} `;
  text += b.role ? `You are ${p.bold(b.role === 'primary' ? 'Primary' : 'Backup')} this week` : 'You are not on duty this week';
  text += b.shift ? ` (${local(b.shift.start)} → ${local(b.shift.end)}).\n` : '.\n';
  if (b.shift) text += `Primary: @${b.shift.primary}   Backup: @${b.shift.backup}\n`;
  for (const line of b.acting ?? []) text += `${line}\n`;
  if (b.holidays.length) text += `Holidays this week: ${b.holidays.map(holidayLabel).join(', ')}\n`;
  const c = b.counts;
  text += `${p.bold('Open')}: ${c.open}   ${p.bold(p.red('Overdue'))}: ${c.overdue}   ${p.bold(p.yellow('Due soon'))}: ${c.dueSoon}   ${p.bold('Stale')}: ${c.stale}\n`;
  if (b.handedOff.length) text += `\n${p.bold(`Handed to you (${b.handedOff.length})`)}\n${rows(b.handedOff)}`;
  const shown = b.others.length;
  text += `\n${p.bold(`Next by urgency (${shown}${b.more ? ` of ${shown + b.more}` : ''})`)}\n${shown ? rows(b.others) : p.dim('none\n')}`;
  if (b.more) text += p.dim(`${b.more} more (--limit 0 lists them all)\n`);
  if (b.fruit.length)
    text += `\n${p.bold('Low-hanging fruit for idle time')}\n${table(b.fruit.map((i) => [link(`#${i.number}`, i.url, term.hyperlinks), i.title]))}`;
  if (b.outbox > 0) text += `\n${p.yellow(`${b.outbox} inquiries wait in the outbox: run \`visit-sre sync\``)}\n`;
  return text;
}
