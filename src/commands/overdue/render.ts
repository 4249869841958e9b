import { DateTime } from 'luxon';
import { terminalText } from '../../core/userText.js';
import type { Context } from '../../shell/context.js';
import type { Assessment } from '../../core/conversation.js';
import { tsv } from '../../shell/output.js';
import { isoUtc, relative } from '../../core/timeText.js';
import { fittedTable, link, terminalFacts } from '../../shell/terminal.js';
import { businessDayOf, humanBusinessHours } from '../../shell/human.js';
import { parseDuration } from '../../core/duration.js';

export interface Report {
  overdue: Assessment[];
  dueSoon: Assessment[];
  stale: Assessment[];
}

function waited(a: Assessment, ctx: Context): string {
  const config = ctx.loaded.config;
  return humanBusinessHours(a.businessHoursWaiting ?? 0, businessDayOf(config.businessHours.windows, config.businessHours.days));
}

const silent = (a: Assessment) => `user silent ${Math.floor(a.daysSinceUserActivity ?? 0)} days`;

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
  const goal = `Response goal: ${goalHours} business hour${goalHours === 1 ? '' : 's'}.\n\n`;
  const body =
    section('Overdue', report.overdue, (a) => `was due ${local(a.dueAt!)}, waiting ${waited(a, ctx)}`) +
    section('Due soon', report.dueSoon, (a) => `due ${local(a.dueAt!)}`) +
    section('Stale', report.stale, (a) => `${silent(a)}, closes as wontfix with --close-stale`);
  return head + goal + (body || 'Nothing overdue, due soon or stale.\n');
}

/** The terminal's view: coloured sections, titles cut to the width, numbers that link where the terminal can. */
export function tableReport(report: Report, ctx: Context): string {
  const p = ctx.paint;
  const term = terminalFacts(ctx.deps);
  const who = (a: Assessment) => (a.owner ? `@${a.owner}` : 'no owner');
  const block = (title: string, items: Assessment[], colour: (s: string) => string, clock: (a: Assessment) => string[]) =>
    items.length
      ? `${p.bold(colour(`${title} (${items.length})`))}\n${fittedTable(
          items.map((a) => [`#${a.number}`, who(a), ...clock(a), terminalText(a.title)]),
          term.columns,
          (cell, r, col) =>
            col === 0 ? colour(link(cell, items[r]!.url, term.hyperlinks)) : col === 1 && !items[r]!.owner ? p.dim(cell) : cell,
        )}`
      : '';
  const parts = [
    block('Overdue', report.overdue, p.red, (a) => [`was due ${relative(a.dueAt!, ctx.now)}`, waited(a, ctx)]),
    block('Due soon', report.dueSoon, p.yellow, (a) => [`due ${relative(a.dueAt!, ctx.now)}`]),
    block(
      'Stale',
      report.stale,
      (s) => s,
      (a) => [silent(a)],
    ),
  ].filter(Boolean);
  return parts.length ? parts.join('\n') : `${p.green('✓')} nothing overdue, due soon or stale\n`;
}
