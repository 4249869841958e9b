import { DateTime } from 'luxon';
import { terminalText } from '../../core/userText.js';
import type { Context } from '../../shell/context.js';
import type { Assessment } from '../../core/conversation.js';
import { isoUtc } from '../../core/timeText.js';
import type { Cell, Column } from '../../shell/terminal.js';
import { layoutTable, link, linkHint, terminalFacts, wrapText } from '../../shell/terminal.js';
import { businessWeekOf, clockText, plural } from '../../core/words.js';
import { greeting } from '../../shell/human.js';
import type { Holiday } from '../../core/holidays.js';
import { holidayLabel } from '../../core/holidays.js';

export interface Briefing {
  as: string;
  role: 'primary' | 'backup' | null;
  shift: { start: number; end: number; primary: string; backup: string } | null;
  holidays: Holiday[];
  handedOff: Assessment[];
  /** owned by someone off duty (docs/process.md#off-duty-owners), most urgent first */
  offDuty?: Assessment[];
  /** the rest of the queue by urgency, without the handed-off rows */
  others: Assessment[];
  /** how many rows each list shows (--limit; 0: all) */
  limit: number;
  counts: { open: number; overdue: number; dueSoon: number; stale: number };
  fruit: Array<{ number: number; title: string; url: string }>;
  outbox: number;
  /** who acts now and who is away, when a delegation or an away notice moves a role (docs/process.md#acting-roles) */
  acting?: string[];
}

/** The briefing a person reads on Monday morning: who they are this week, the counts, then the top of the queue. */
export function briefingText(b: Briefing, ctx: Context): string {
  const p = ctx.paint;
  const term = terminalFacts(ctx.deps);
  const width = ctx.out.tty ? term.columns : Infinity;
  const week = businessWeekOf(ctx.loaded.config.businessHours);
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('ccc LLL d');
  const status = (a: Assessment) => {
    // A pipe gets the instant (ISO, UTC); a person gets the business clock.
    if (!ctx.out.tty)
      return a.state === 'waiting-on-team' ? `${a.overdue ? 'overdue, was due' : 'due'} ${isoUtc(a.dueAt!)}` : clockText(a, week);
    const text = clockText(a, week);
    return a.overdue ? p.red(text) : a.dueSoon ? p.yellow(text) : text;
  };
  // Numbers link where the terminal shows links; elsewhere a URL column, when it fits, else a line saying where they lead.
  const urls = !ctx.out.tty || !term.hyperlinks;
  const hinted = new Set<string>();
  const list = (
    title: string,
    items: readonly { number: number; url: string }[],
    row: (i: number) => Cell[],
    cols: Column[],
    note = '',
  ) => {
    if (!items.length) return '';
    const shown = b.limit === 0 ? items : items.slice(0, b.limit);
    const rows = shown.map((it, i) => [link(`#${it.number}`, it.url, term.hyperlinks), ...row(i), ...(urls ? [it.url] : [])]);
    const laid = layoutTable(rows, [{}, ...cols, ...(urls ? [{ drop: 0 }] : [])], width);
    // Said once per kind of link (discussions, issues), under the first table that needs it.
    const pattern = linkHint(
      shown.map((it) => it.url),
      width,
    );
    const hint = ctx.out.tty && urls && !laid.shown.includes(cols.length + 1) && !hinted.has(pattern) ? p.dim(`${pattern}\n`) : '';
    if (hint) hinted.add(pattern);
    const more = items.length - shown.length;
    const count = more ? `${shown.length} of ${items.length}` : String(items.length);
    return `\n${p.bold(`${title} (${count}${note})`)}\n${laid.text}${more ? p.dim(`${more} more (--limit 0 lists them all)\n`) : ''}${hint}`;
  };
  const queue = (title: string, items: Assessment[]) => {
    const owners = new Set(items.map((a) => a.owner));
    // One owner for every row is said once in the heading; elsewhere your own rows say "you", not your login again.
    const one = owners.size === 1 ? [...owners][0] : undefined;
    const note = one === undefined || one === b.as ? '' : one ? `, all @${one}` : ', no owner';
    const owner = (a: Assessment) => (a.owner === null ? '-' : a.owner.toLowerCase() === b.as.toLowerCase() ? p.dim('you') : `@${a.owner}`);
    return list(
      title,
      items,
      (i) => [...(one === undefined ? [owner(items[i]!)] : []), status(items[i]!), terminalText(items[i]!.title)],
      [...(one === undefined ? [{ min: 8, shrink: 2, drop: 3 }] : []), {}, { min: 16, shrink: 1 }],
      note,
    );
  };
  let text = `${p.bold(`${greeting(ctx.now, ctx.zone)}, @${b.as}.`)} `;
  text += b.role ? `You are ${p.bold(b.role === 'primary' ? 'Primary' : 'Backup')} this week` : 'You are not on duty this week';
  text += b.shift ? ` (${local(b.shift.start)} → ${local(b.shift.end)}).\n` : '.\n';
  if (b.shift) text += `Primary: @${b.shift.primary}   Backup: @${b.shift.backup}\n`;
  for (const line of b.acting ?? []) text += `${line}\n`;
  if (b.holidays.length) text += `Holidays this week: ${b.holidays.map((h) => terminalText(holidayLabel(h))).join(', ')}\n`;
  const c = b.counts;
  text += `${p.bold('Open')}: ${c.open}   ${p.bold(p.red('Overdue'))}: ${c.overdue}   ${p.bold(p.yellow('Due soon'))}: ${c.dueSoon}   ${p.bold('Stale')}: ${c.stale}\n`;
  text += queue('Handed to you', b.handedOff);
  // Owned by someone holding no role now (docs/process.md#off-duty-owners): the acting Primary's until the week's handoff takes them.
  text += queue('Owned by someone off duty', b.offDuty ?? []);
  text += b.others.length ? queue('Next by urgency', b.others) : `\n${p.bold('Next by urgency (0)')}\n${p.dim('none\n')}`;
  text += list('Low-hanging fruit for idle time', b.fruit, (i) => [terminalText(b.fruit[i]!.title)], [{ min: 16, shrink: 1 }]);
  if (b.outbox > 0)
    text += `\n${p.yellow(`${plural(b.outbox, 'inquiry', 'inquiries')} ${b.outbox === 1 ? 'waits' : 'wait'} in the outbox: run \`visit-sre sync\``)}\n`;
  return ctx.out.tty ? wrapText(text, width) : text;
}
