import type { ResponseSummary, Row, Stats } from '../../core/stats.js';
import { ROW_COLUMNS } from '../../core/stats.js';
import { plural } from '../../core/words.js';
import type { Paint } from '../../shell/output.js';
import { jsonText, tsv } from '../../shell/output.js';
import type { Cell } from '../../shell/terminal.js';
import { fitTable, wrapText } from '../../shell/terminal.js';

export const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
/** Primary weeks for people to read: a week split by a swap makes fractions, but 2.01 reads as 2 (the JSON keeps two decimals). */
export const weeks = (x: number) => String(Math.round(x * 10) / 10);
export const hours = (x: number | null) => (x === null ? '–' : `${x} h`);

/** What `stats --json` prints: everything but the chart-only figures. */
export function statsJson(s: Stats): Omit<Stats, 'distribution' | 'goalHours'> {
  const { distribution: _d, goalHours: _g, ...json } = s;
  return json;
}

/** "60% of 5", with the unanswered ones named, for one group's first responses. */
export function withinText(r: ResponseSummary): string {
  return r.withinGoal === null ? '–' : `${pct(r.withinGoal)} of ${r.count}${r.unanswered ? ` (${r.unanswered} with no response yet)` : ''}`;
}

/** A headline figure: its label and value, and shorter forms of either for a narrow terminal. */
export type Pair = [label: string, value: string, short?: { label?: string; value?: string }];

/** The headline figures as label/value pairs: the same words in the terminal, markdown and HTML. */
export function headline(s: Stats): Pair[] {
  const fr = s.firstResponse;
  const firstResponse = `${hours(fr.medianHours)} / ${hours(fr.p90Hours)}`;
  const pairs: Pair[] = [
    [
      'Inquiries',
      `${s.inquiries} (${Object.entries(s.byVia)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    ],
    [
      'First response on GitHub, median / p90',
      `${firstResponse}${fr.unanswered ? ', at least: unanswered ones count at their wait so far' : ''}`,
      { label: 'First response, median / p90', value: `${firstResponse}${fr.unanswered ? ' at least' : ''}` },
    ],
    [`Within the ${s.goalHours} h goal`, withinText(fr)],
    [
      'No response yet',
      `${s.unanswered.overdue} past the due time, ${s.unanswered.notYetDue} not yet due`,
      { value: `${s.unanswered.overdue} overdue, ${s.unanswered.notYetDue} not yet due` },
    ],
    [
      'Logged calls (reported apart: the logging is their first response)',
      `${s.calls.count}, ${s.calls.resolved} resolved, ${s.calls.effortHours} h effort`,
    ],
  ];
  if (s.journal.inquiries)
    pairs.push([
      `Classified, ${s.journal.source}`,
      `${plural(s.journal.inquiries, 'inquiry', 'inquiries')}, ${s.journal.effortHours} h effort (no content)`,
    ]);
  if (s.housekeeping.entries)
    pairs.push([
      `Housekeeping, ${s.housekeeping.source}`,
      `${plural(s.housekeeping.entries, 'entry', 'entries')}, ${s.housekeeping.effortHours} h effort`,
    ]);
  pairs.push(
    ['Resolution, median', `${hours(s.resolution.medianHours)} (${s.resolution.count} resolved)`],
    ['Closed as wontfix', String(s.wontfix)],
    [
      'Escalations / handoffs / promotions',
      `${s.escalations} / ${s.handoffs} / ${s.promotions}`,
      { label: 'Escalations/handoffs/promotions' },
    ],
    [
      'Workarounds / long-term fixes',
      `${s.workarounds} / ${s.longTermFixes}${s.workaroundsWithoutFix ? ` (${plural(s.workaroundsWithoutFix, 'workaround')} without a long-term fix yet)` : ''}`,
    ],
    ['Recorded effort', `${s.effortHours} h${s.journal.inquiries || s.housekeeping.entries ? `, including ${s.journal.source}` : ''}`],
  );
  return pairs;
}

export function statsTsv(s: Stats): string {
  return tsv([
    ['inquiries', String(s.inquiries)],
    ...Object.entries(s.byVia).map(([k, v]) => [`via-${k}`, String(v)]),
    ['first-response-median-hours', String(s.firstResponse.medianHours ?? '')],
    ['first-response-p90-hours', String(s.firstResponse.p90Hours ?? '')],
    ['first-response-within-goal', String(s.firstResponse.withinGoal ?? '')],
    ['first-response-count', String(s.firstResponse.count)],
    ['unanswered-overdue', String(s.unanswered.overdue)],
    ['unanswered-not-yet-due', String(s.unanswered.notYetDue)],
    ['calls', String(s.calls.count)],
    ['journal-inquiries', String(s.journal.inquiries)],
    ['housekeeping-hours', String(s.housekeeping.effortHours)],
    ['resolution-median-hours', String(s.resolution.medianHours ?? '')],
    ['wontfix', String(s.wontfix)],
    ['escalations', String(s.escalations)],
    ['handoffs', String(s.handoffs)],
    ['promotions', String(s.promotions)],
    ['workarounds', String(s.workarounds)],
    ['long-term-fixes', String(s.longTermFixes)],
    ['effort-hours', String(s.effortHours)],
  ]);
}

/** Rows of the per-developer, per-category and per-label tables, shared by every format. */
export function breakdowns(s: Stats): Array<{ title: string; head: string[]; rows: string[][] }> {
  const group = (name: string, xs: Array<{ key: string; inquiries: number; calls: number; firstResponse: ResponseSummary }>) => ({
    title: `By ${name}`,
    head: [name, 'inquiries', 'logged calls', 'median first response', 'within goal'],
    rows: xs.map((g) => [g.key, String(g.inquiries), String(g.calls), hours(g.firstResponse.medianHours), withinText(g.firstResponse)]),
  });
  return [
    {
      title: 'First response by developer (GitHub inquiries, as the Primary on duty)',
      head: ['developer', 'as Primary', 'as owner', 'median', 'p90', 'within goal', 'no response yet'],
      rows: s.byPrimary.map((r) => [
        r.login,
        String(r.inquiries),
        String(r.owned),
        hours(r.medianFirstResponseHours),
        hours(r.p90Hours),
        pct(r.withinGoal),
        String(r.unanswered),
      ]),
    },
    group(
      'category',
      s.byCategory.map((c) => ({ key: c.category, ...c })),
    ),
    group(
      'label',
      s.byLabel.map((l) => ({ key: l.label, ...l })),
    ),
    {
      title: 'Primary weeks per developer against percent-time',
      head: ['developer', 'Primary weeks', 'target', 'actual'],
      rows: s.byPerson.map((p) => [p.login, weeks(p.primaryWeeks), pct(p.targetShare), pct(p.actualShare)]),
    },
  ];
}

export function statsMarkdown(s: Stats, repo: string): string {
  const cell = (c: string) => c.replace(/\|/g, '\\|');
  const mdTable = (head: string[], rows: string[][]) =>
    [
      `| ${head.join(' | ')} |`,
      `| ${head.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ].join('\n');
  return [
    `## Support record for ${repo}, ${s.since} to ${s.until}`,
    '',
    "Business hours; the first response is the team's first human reply.",
    '',
    ...headline(s).map(([k, v]) => `- ${k}: ${v}`),
    '',
    mdTable(
      ['week', 'inquiries', 'counted', 'median first response'],
      s.byWeek.map((w) => [w.week, String(w.inquiries), String(w.counted), hours(w.medianFirstResponseHours)]),
    ),
    ...breakdowns(s).flatMap((b) => (b.rows.length ? ['', `### ${b.title}`, '', mdTable(b.head, b.rows)] : [])),
    '',
  ].join('\n');
}

/** A value and, where it ends in a parenthesis, its shorter form without it, for a narrow terminal. */
const shortened = (v: string): Cell => (/ \([^()]*\)$/.test(v) ? [v, v.replace(/ \([^()]*\)$/, '')] : v);
/** The breakdown tables' headers where the terminal is narrow, and the columns that go first. */
const SHORT_HEAD: Record<string, string> = {
  'as Primary': 'PRIM.',
  'as owner': 'OWNS',
  'within goal': 'GOAL',
  'no response yet': 'NONE YET',
  'logged calls': 'CALLS',
  'median first response': 'MEDIAN',
  inquiries: 'INQ.',
  'Primary weeks': 'WEEKS',
};
const DROP: Record<string, number> = { p90: 4, 'no response yet': 3, 'logged calls': 3 };

export function statsTerminal(s: Stats, p: Paint, width = 80): string {
  let text = `${p.bold(`Support record ${s.since} → ${s.until}`)}\n${p.dim(wrapText("Business hours; first response = the team's first human reply.", width))}\n`;
  text += fitTable(
    headline(s).map(([k, v, short]) => [short?.label ? [k, short.label] : shortened(k), short?.value ? [v, short.value] : shortened(v)]),
    [{ shrink: 1 }, { min: 12, shrink: 2 }],
    width,
  );
  text += `\n${wrapText(`${p.bold('Weekly median first response on GitHub')} (| = the ${s.goalHours} h goal; in brackets the inquiries it counts)`, width)}\n${terminalChart(s, (bar, over) => (over ? p.red(bar) : p.green(bar)), width)}\n`;
  for (const b of breakdowns(s))
    if (b.rows.length)
      text += `\n${wrapText(p.bold(b.title), width)}\n${fitTable(
        b.rows.map((r) => r.map(shortened)),
        b.head.map((h, i) => ({
          head: [h.toUpperCase(), ...(SHORT_HEAD[h] ? [SHORT_HEAD[h]] : [])].map((x) => p.bold(x)),
          ...(i === 0 ? { min: 8, shrink: 2 } : { shrink: 1 }),
          ...(DROP[h] ? { drop: DROP[h] } : {}),
        })),
        width,
      )}`;
  return text;
}

/** Why a week has no median: no inquiry at all (unlike a 0 h week), only logged calls, or none due yet. */
export function emptyWeekText(w: Stats['byWeek'][number]): string {
  return w.github ? 'nothing due yet' : w.inquiries ? 'calls only' : 'no inquiries';
}

/** A small terminal chart of the weekly median against the goal. */
export function terminalChart(s: Stats, color: (text: string, over: boolean) => string, columns = 80): string {
  const max = Math.max(s.goalHours * 1.5, ...s.byWeek.map((w) => w.medianFirstResponseHours ?? 0));
  // The week (8), two gaps and the longest value ("nothing due yet") around the bar.
  const width = Math.max(10, Math.min(40, columns - 8 - 4 - 16));
  const goalAt = Math.round((s.goalHours / max) * width);
  return s.byWeek
    .map((w) => {
      const v = w.medianFirstResponseHours;
      const n = v === null ? 0 : Math.max(v > 0 ? 1 : 0, Math.round((v / max) * width));
      const bar = Array.from({ length: width + 1 }, (_, i) => (i === goalAt ? '|' : i < n ? '█' : v === null ? '·' : ' ')).join('');
      const value = v === null ? emptyWeekText(w) : `${v} h (${w.counted})`;
      return `${w.week}  ${v === null ? bar : color(bar, v > s.goalHours)}  ${value}`;
    })
    .join('\n');
}

const csvCell = (v: Row[keyof Row]) => {
  const text = v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** RFC 4180 CSV with a header row, for a spreadsheet or pandas. */
export function statsCsv(rows: readonly Row[]): string {
  return [ROW_COLUMNS.join(','), ...rows.map((r) => ROW_COLUMNS.map((c) => csvCell(r[c])).join(','))].map((l) => `${l}\n`).join('');
}

export function statsJsonl(rows: readonly Row[]): string {
  return rows.map((r) => `${jsonText(r, 0)}\n`).join('');
}
