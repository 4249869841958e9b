import { DateTime } from 'luxon';
import { terminalText } from '../../core/userText.js';
import type { Context } from '../../shell/context.js';
import type { Assessment } from '../../core/conversation.js';
import { tsv } from '../../shell/output.js';
import { isoUtc } from '../../core/timeText.js';
import { layoutTable, link, linkHint, terminalFacts } from '../../shell/terminal.js';
import { businessWeekOf, dueText, plural, silentText } from '../../core/words.js';
import { parseDuration } from '../../core/duration.js';

export interface Report {
  overdue: Assessment[];
  dueSoon: Assessment[];
  stale: Assessment[];
}

/** "overdue by 7 business h", "due in 30 business min": the one way the tool says the clock. */
function clock(a: Assessment, ctx: Context): string {
  return dueText(a.businessMinutesLeft ?? 0, businessWeekOf(ctx.loaded.config.businessHours));
}

const silent = (a: Assessment) => silentText(a.daysSinceUserActivity ?? 0);

/** One row per item for scripts: KIND NUMBER OWNER DUE HOURS TITLE URL. */
export function tsvReport(report: Report): string {
  const due = (kind: string) => (a: Assessment) => [
    kind,
    String(a.number),
    a.owner ?? '',
    isoUtc(a.dueAt!),
    String(a.businessHoursWaiting),
    terminalText(a.title),
    a.url,
  ];
  return tsv([
    ...report.overdue.map(due('overdue')),
    ...report.dueSoon.map(due('due-soon')),
    ...report.stale.map((a) => [
      'stale',
      String(a.number),
      a.owner ?? '',
      a.lastUserActivityAt ? isoUtc(a.lastUserActivityAt) : '',
      String(a.daysSinceUserActivity ?? ''),
      terminalText(a.title),
      a.url,
    ]),
  ]);
}

/**
 * The report cron mails: headed sections, each item on three short lines
 * (number and title; owner and clock in the team's zone; link), no colour,
 * no tabs, readable in any mail client.
 */
export function textReport(report: Report, ctx: Context): string {
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('ccc LLL d HH:mm');
  const owner = (a: Assessment) => (a.owner ? `@${a.owner}` : 'no owner');
  const item = (a: Assessment, clock: string) =>
    `  #${a.number}  ${terminalText(a.title)}\n  ${' '.repeat(String(a.number).length + 1)}  ${owner(a)}, ${clock}\n  ${' '.repeat(String(a.number).length + 1)}  ${a.url}\n`;
  const section = (title: string, items: Assessment[], clock: (a: Assessment) => string) =>
    items.length ? `${title} (${items.length})\n${items.map((a) => item(a, clock(a))).join('')}\n` : '';
  const head = `Support report for ${ctx.loaded.config.repository}, ${DateTime.fromMillis(ctx.now, { zone: ctx.zone }).toFormat('ccc LLL d yyyy HH:mm ZZZZ')}\n`;
  const goalHours = parseDuration(ctx.loaded.config.responseGoal, 'responseGoal') / 60;
  const goal = `Response goal: ${plural(goalHours, 'business hour')}.\n\n`;
  const body =
    section('Overdue', report.overdue, (a) => `${clock(a, ctx)} (was due ${local(a.dueAt!)})`) +
    section('Due soon', report.dueSoon, (a) => `${clock(a, ctx)} (at ${local(a.dueAt!)})`) +
    section('Stale', report.stale, (a) => `${silent(a)}, closes as wontfix with --close-stale`);
  return head + goal + (body || 'Nothing overdue, due soon or stale.\n');
}

/** The terminal's view: coloured sections, titles cut to the width, numbers that link where the terminal can (else a URL column or a hint). */
export function tableReport(report: Report, ctx: Context): string {
  const p = ctx.paint;
  const term = terminalFacts(ctx.deps);
  const unlinked = new Set<string>();
  const who = (a: Assessment) => (a.owner ? `@${a.owner}` : p.dim('no owner'));
  const block = (title: string, items: Assessment[], colour: (s: string) => string, state: (a: Assessment) => string) => {
    if (!items.length) return '';
    const laid = layoutTable(
      items.map((a) => [
        colour(link(`#${a.number}`, a.url, term.hyperlinks)),
        who(a),
        state(a),
        terminalText(a.title),
        ...(term.hyperlinks ? [] : [a.url]),
      ]),
      [{}, { min: 8, shrink: 2, drop: 3 }, {}, { min: 16, shrink: 1 }, { drop: 0 }],
      term.columns,
    );
    if (!term.hyperlinks && !laid.shown.includes(4)) for (const a of items) unlinked.add(a.url);
    return `${p.bold(colour(`${title} (${items.length})`))}\n${laid.text}`;
  };
  const parts = [
    block('Overdue', report.overdue, p.red, (a) => clock(a, ctx)),
    block('Due soon', report.dueSoon, p.yellow, (a) => clock(a, ctx)),
    block('Stale', report.stale, (s) => s, silent),
  ].filter(Boolean);
  if (unlinked.size) parts.push(p.dim(`${linkHint(unlinked, term.columns)}\n`));
  return parts.length ? parts.join('\n') : `${p.green('✓')} nothing overdue, due soon or stale\n`;
}
