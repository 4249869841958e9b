import { DateTime } from 'luxon';
import { markdownText } from '../../core/userText.js';
import { markdownTable } from 'markdown-table';
import type { BusinessCalendar } from '../../core/businessTime.js';
import { businessMinutesBetween } from '../../core/businessTime.js';
import type { Assessment } from '../../core/conversation.js';
import { UPDATED_PREFIX } from '../../core/board.js';
import { dueText, plural } from '../../core/words.js';
import type { Roles } from '../../core/desk.js';
import type { ShiftInfo } from '../../core/notify.js';
import type { Holiday } from '../../core/holidays.js';
import { holidayLabel } from '../../core/holidays.js';

export interface BoardFacts {
  now: number;
  zone: string;
  calendar: BusinessCalendar;
  /** the rota now, the acting roles, who is away, and the next shift */
  rota: Roles;
  acting: Roles;
  away: readonly string[];
  next: ShiftInfo | null;
  items: readonly Assessment[];
  previousPrimary: string | null;
  notHandedOff: readonly Assessment[];
  /** unresolved inquiries whose owner is off duty now (docs/process.md#off-duty-owners); absent: none */
  offDuty?: readonly Assessment[];
  /** serious incidents whose postmortem is not linked yet */
  incidents?: ReadonlyArray<{ number: number; url: string; title: string }>;
  /** notifications held until business hours */
  held: number;
}

/** Most rows the board lists per section: the body of an issue holds 65,536 characters. */
const MAX_ROWS = 40;

/** A login without an @: the board is edited often, and an edit must not ping anyone. */
const person = (login: string | null) => (login ? `[${login}](https://github.com/${login})` : '_nobody_');
/** Cell text: no pipes, no line breaks, no HTML (a title could end the board early), no mentions, links or images. */
const cell = markdownText;

function stateOf(a: Assessment): string {
  if (a.overdue) return '🔴 overdue';
  if (a.dueSoon) return '🟠 due soon';
  if (a.state === 'waiting-on-team') return '🟡 waiting on us';
  if (a.stale) return '⚪ stale';
  return 'waiting on user';
}

/** How late, in whole business hours: the board changes at most hourly for it. */
function lateness(a: Assessment, f: BoardFacts): string {
  if (!a.overdue || a.dueAt === null) return '';
  return dueText(-businessMinutesBetween(f.calendar, a.dueAt, f.now), f.calendar, { hourly: true });
}

/** Most urgent first: the earliest due (overdue the longest) on top; undated last, by number. */
const byDue = (a: Assessment, b: Assessment) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.number - b.number;

function rows(items: readonly Assessment[], f: BoardFacts, local: (ms: number | null) => string): string {
  const shown = [...items].sort(byDue).slice(0, MAX_ROWS);
  const table = markdownTable(
    [
      ['#', 'title', 'state', `due (${f.zone})`, 'clock'],
      ...shown.map((a) => [`[#${a.number}](${a.url})`, cell(a.title), stateOf(a), local(a.dueAt), lateness(a, f)]),
    ],
    { alignDelimiters: false },
  );
  return items.length > MAX_ROWS ? `${table}\n\n_…and ${items.length - MAX_ROWS} more; run \`visit-sre overdue\`._` : table;
}

/** The holidays of the civil week (Monday to Sunday) around now, with their names where known. */
function holidaysThisWeek(f: BoardFacts): Holiday[] {
  const monday = DateTime.fromMillis(f.now, { zone: f.zone }).startOf('week');
  return Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate()!)
    .filter((d) => f.calendar.holidays.has(d))
    .map((date) => ({ date, name: f.calendar.holidayNames.get(date) ?? null }));
}

/** The board as markdown: who is on duty, the queue by owner, stale, not handed off, and when it changed. */
export function renderBoard(f: BoardFacts): string {
  const local = (ms: number | null) => (ms === null ? '' : DateTime.fromMillis(ms, { zone: f.zone }).toFormat('ccc LLL d HH:mm'));
  const out: string[] = ['## Support desk', ''];
  const acting = (role: 'primary' | 'backup') => (f.acting[role] !== f.rota[role] ? ` (acting: ${person(f.acting[role])})` : '');
  out.push(
    `**On duty:** Primary ${person(f.rota.primary)}${acting('primary')} · Backup ${person(f.rota.backup)}${acting('backup')}${f.away.length ? ` · away: ${f.away.map(person).join(', ')}` : ''}`,
  );
  if (f.next) out.push(`**Next** (from ${local(f.next.start)}): Primary ${person(f.next.primary)} · Backup ${person(f.next.backup)}`);
  const holidays = holidaysThisWeek(f);
  if (holidays.length) out.push(`**Holidays this week:** ${holidays.map((h) => cell(holidayLabel(h))).join(', ')}`);
  out.push('');

  const open = f.items.filter((a) => a.state !== 'resolved');
  const waiting = open.filter((a) => a.state === 'waiting-on-team');
  const counts = `**${waiting.length}** waiting on us (**${open.filter((a) => a.overdue).length}** overdue, **${open.filter((a) => a.dueSoon).length}** due soon) · **${open.length - waiting.length}** waiting on users (**${open.filter((a) => a.stale).length}** stale)`;
  out.push(counts, '');

  const owners = [...new Set(waiting.map((a) => a.owner))].sort((a, b) => (a ?? '~').localeCompare(b ?? '~'));
  for (const owner of owners) {
    const mine = waiting.filter((a) => a.owner === owner);
    const others = open.filter((a) => a.owner === owner && a.state === 'waiting-on-user').length;
    out.push(
      `### ${owner ?? 'No owner'} (${mine.length} waiting${others ? `, ${others} waiting on users` : ''})`,
      '',
      rows(mine, f, local),
      '',
    );
  }
  if (waiting.length === 0) out.push('_Nothing is waiting on the team._', '');

  const offDuty = f.offDuty ?? [];
  if (offDuty.length) {
    // Nobody on duty holds these: the acting Primary covers them until they are handed over.
    out.push(`### Owned by someone off duty (${offDuty.length}): the acting Primary's meanwhile`, '');
    out.push(
      markdownTable(
        [
          ['#', 'title', 'owner', 'state', `due (${f.zone})`],
          ...[...offDuty]
            .sort(byDue)
            .slice(0, MAX_ROWS)
            .map((a) => [`[#${a.number}](${a.url})`, cell(a.title), cell(a.owner ?? ''), stateOf(a), local(a.dueAt)]),
        ],
        { alignDelimiters: false },
      ),
      '',
    );
  }

  const stale = open.filter((a) => a.stale).sort((a, b) => (a.lastUserActivityAt ?? 0) - (b.lastUserActivityAt ?? 0));
  if (stale.length) {
    out.push(`### Stale (${stale.length})`, '');
    out.push(
      markdownTable(
        [
          ['#', 'title', 'owner', 'user silent'],
          ...stale
            .slice(0, MAX_ROWS)
            .map((a) => [
              `[#${a.number}](${a.url})`,
              cell(a.title),
              a.owner ?? '',
              plural(Math.floor(a.daysSinceUserActivity ?? 0), 'day'),
            ]),
        ],
        { alignDelimiters: false },
      ),
      '',
    );
  }
  if (f.incidents?.length) {
    out.push(`### Incidents for the next project meeting (${f.incidents.length})`, '');
    out.push(
      f.incidents
        .slice(0, MAX_ROWS)
        .map((i) => `- [#${i.number}](${i.url}) ${cell(i.title)} — postmortem not linked yet`)
        .join('\n'),
      '',
    );
  }
  if (f.notHandedOff.length) {
    out.push(`### Not handed off by ${person(f.previousPrimary)} (${f.notHandedOff.length})`, '');
    out.push(
      f.notHandedOff
        .slice(0, MAX_ROWS)
        .map((a) => `- [#${a.number}](${a.url}) ${cell(a.title)}`)
        .join('\n'),
      '',
    );
  }
  if (f.held) out.push(`_${plural(f.held, 'notification')} will go out when business hours begin._`, '');
  out.push(
    `${UPDATED_PREFIX}${DateTime.fromMillis(f.now, { zone: f.zone }).toFormat('ccc LLL d HH:mm ZZZZ')} by \`visit-sre notify\`, which rewrites this board only when something on it changes.</sub>`,
  );
  return out.join('\n');
}
