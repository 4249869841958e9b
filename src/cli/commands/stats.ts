import path from 'node:path';
import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { computeStats, inquiryFigures } from '../../core/stats.js';
import type { Stats } from '../../core/stats.js';
import { parseDate } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { parseRepo } from '../../github/port.js';
import { categoryIds, github, policyFor, rotationTimeline } from '../inquiries.js';
import { isoUtc, table, tsv, withSpinner, writeJson } from '../output.js';
import { statsHtml, terminalChart } from '../statsReport.js';
import { writeFileChecked } from './schedule/common.js';

export interface StatsOptions {
  since?: string;
  until?: string;
  format?: string;
  html?: string;
  force?: boolean;
  dryRun?: boolean;
}

/** The team's support record, from the discussions created in [--since, --until). */
export async function runStats(opts: StatsOptions, ctx: Context): Promise<void> {
  const format = ctx.out.json ? 'json' : opts.format ?? 'table';
  if (!['table', 'json', 'markdown'].includes(format)) throw new UsageError(`invalid --format "${opts.format}"`, 'use table, json or markdown');
  const today = DateTime.fromMillis(ctx.now, { zone: ctx.zone }).startOf('day');
  const until = opts.until ? parseDate(opts.until, ctx.now, ctx.zone, '--until') : today.plus({ days: 1 }).toISODate()!;
  const since = opts.since ? parseDate(opts.since, ctx.now, ctx.zone, '--since') : DateTime.fromISO(until, { zone: ctx.zone }).minus({ weeks: 13 }).startOf('week').toISODate()!;
  if (since >= until) throw new UsageError(`--since ${since} is not before --until ${until}`);
  const from = DateTime.fromISO(since, { zone: ctx.zone }).toMillis();
  const to = DateTime.fromISO(until, { zone: ctx.zone }).toMillis();

  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const info = await gh.repository(repo);
  const ids = new Set(categoryIds(info, ctx.loaded.config.discussions.categories));
  const label = ctx.loaded.config.discussions.label;
  const started = performance.now();
  const all = await withSpinner(ctx.deps, !ctx.out.json, `reading the discussions created ${since} to ${until}`, () => gh.discussionsCreated(repo, isoUtc(from), isoUtc(to), { categoryIds: [...ids], label }));
  ctx.verbose(`read ${all.length} discussions created ${since}..${until} in ${gh.requestCount} GraphQL requests, ${(performance.now() - started).toFixed(0)} ms`);
  const inScope = all.filter((d) => (ids.size === 0 || ids.has(d.category.id)) && (!label || d.labels.includes(label)) && d.createdAt >= from && d.createdAt < to);
  const timeline = await rotationTimeline(ctx, from - 14 * 86_400_000, to + 14 * 86_400_000);
  const policy = await policyFor(ctx, timeline);
  const figures = inScope.map((d) => inquiryFigures(d, policy));
  const stats = computeStats(figures, { since, until, zone: ctx.zone, goalHours: policy.responseGoalMinutes / 60, timeline, team: ctx.loaded.team, from, to });

  if (opts.html) {
    const file = path.resolve(ctx.deps.cwd, opts.html);
    const html = statsHtml(stats, ctx.loaded.config.repository, isoUtc(ctx.now));
    if (opts.dryRun) ctx.deps.stderr.write(`would write ${file} (${html.length} bytes); --dry-run wrote nothing\n`);
    else {
      await writeFileChecked(ctx, file, html, Boolean(opts.force));
      ctx.deps.stderr.write(`wrote ${file}\n`);
    }
  }
  const { firstResponseHours: _hours, goalHours: _goal, ...json } = stats;
  if (format === 'json') return writeJson(ctx.deps.stdout, json);
  if (format === 'markdown') return void ctx.deps.stdout.write(markdown(stats, ctx.loaded.config.repository));
  if (!ctx.out.tty) {
    const rows: string[][] = [
      ['inquiries', String(stats.inquiries)],
      ...Object.entries(stats.byVia).map(([k, v]) => [`via-${k}`, String(v)]),
      ['first-response-median-hours', String(stats.firstResponse.medianHours ?? '')],
      ['first-response-p90-hours', String(stats.firstResponse.p90Hours ?? '')],
      ['first-response-within-goal', String(stats.firstResponse.withinGoal ?? '')],
      ['resolution-median-hours', String(stats.resolution.medianHours ?? '')],
      ['wontfix', String(stats.wontfix)],
      ['escalations', String(stats.escalations)],
      ['handoffs', String(stats.handoffs)],
      ['promotions', String(stats.promotions)],
      ['effort-hours', String(stats.effortHours)],
    ];
    return void ctx.deps.stdout.write(tsv(rows));
  }
  const p = ctx.paint;
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
  let text = `${p.bold(`Support record ${since} → ${until}`)} ${p.dim('(business hours; first response = the team\'s first human reply)')}\n`;
  text += table([
    ['Inquiries', String(stats.inquiries), Object.entries(stats.byVia).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['First response', `median ${stats.firstResponse.medianHours ?? '–'} h`, `p90 ${stats.firstResponse.p90Hours ?? '–'} h, ${pct(stats.firstResponse.withinGoal)} within ${stats.goalHours} h`],
    ['Resolution', `median ${stats.resolution.medianHours ?? '–'} h`, `${stats.resolution.count} resolved, ${stats.wontfix} wontfix`],
    ['Escalations', String(stats.escalations), `handoffs ${stats.handoffs}, promotions ${stats.promotions}`],
    ['Effort', `${stats.effortHours} h`, 'recorded in markers'],
  ]);
  text += `\n${p.bold('Weekly median first response')} (| = the ${stats.goalHours} h goal)\n${terminalChart(stats, (bar, over) => (over ? p.red(bar) : p.green(bar)))}\n`;
  text += `\n${table([['PRIMARY', 'INQUIRIES', 'MEDIAN', 'WITHIN GOAL'].map((h) => p.bold(h)), ...stats.byPrimary.map((r) => [r.login, String(r.inquiries), `${r.medianFirstResponseHours ?? '–'} h`, pct(r.withinGoal)])])}`;
  text += `\n${table([['DEVELOPER', 'PRIMARY WEEKS', 'TARGET', 'ACTUAL'].map((h) => p.bold(h)), ...stats.byPerson.map((r) => [r.login, String(r.primaryWeeks), pct(r.targetShare), pct(r.actualShare)])])}`;
  ctx.deps.stdout.write(text);
}

function markdown(s: Stats, repo: string): string {
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
  return [
    `## Support record for ${repo}, ${s.since} to ${s.until}`,
    '',
    `- Inquiries: ${s.inquiries} (${Object.entries(s.byVia).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `- First team response: median ${s.firstResponse.medianHours ?? '–'} h, p90 ${s.firstResponse.p90Hours ?? '–'} h, ${pct(s.firstResponse.withinGoal)} within ${s.goalHours} h (business hours)`,
    `- Resolution: median ${s.resolution.medianHours ?? '–'} h; ${s.wontfix} closed as wontfix`,
    `- Escalations ${s.escalations}, handoffs ${s.handoffs}, promotions ${s.promotions}; effort ${s.effortHours} h`,
    '',
    '| week | inquiries | median first response |',
    '| --- | ---: | ---: |',
    ...s.byWeek.map((w) => `| ${w.week} | ${w.inquiries} | ${w.medianFirstResponseHours ?? '–'} |`),
    '',
    '| developer | Primary weeks | target | actual |',
    '| --- | ---: | ---: | ---: |',
    ...s.byPerson.map((p) => `| @${p.login} | ${p.primaryWeeks} | ${pct(p.targetShare)} | ${pct(p.actualShare)} |`),
    '',
  ].join('\n');
}
