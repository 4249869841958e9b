import path from 'node:path';
import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import { computeStats, inquiryFigures, inquiryRows } from '../../core/stats.js';
import type { HousekeepingEntry, JournalEntry } from '../../core/stats.js';
import { parseDate } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { parseRepo } from '../../github/port.js';
import { isHousekeeping, readJournal } from '../../store/journal.js';
import { categoryIds, github, policyFor, rotationTimeline } from '../../app/inquiries.js';
import { warn, withSpinner, writeJson } from '../../shell/output.js';
import { isoUtc } from '../../core/timeText.js';
import { terminalFacts } from '../../shell/terminal.js';
import { statsCsv, statsJson, statsJsonl, statsMarkdown, statsTerminal, statsTsv } from './render.js';
import { writeFileChecked } from '../../shell/files.js';
import type { StatsOptions } from './stats.flags.js';
import { plural } from '../../core/words.js';

export type { StatsOptions };

const FORMATS = ['table', 'json', 'markdown', 'csv', 'jsonl'];

/** The team's support record, from the discussions created in [--since, --until) and this machine's journal. */
export async function runStats(opts: StatsOptions, ctx: Context): Promise<void> {
  const format = ctx.out.json ? 'json' : (opts.format ?? 'table');
  if (!FORMATS.includes(format)) throw new UsageError(`invalid --format "${opts.format}"`, 'use table, json, markdown, csv or jsonl');
  const today = DateTime.fromMillis(ctx.now, { zone: ctx.zone }).startOf('day');
  const until = opts.until ? parseDate(opts.until, ctx.now, ctx.zone, '--until') : today.plus({ days: 1 }).toISODate()!;
  const since = opts.since
    ? parseDate(opts.since, ctx.now, ctx.zone, '--since')
    : DateTime.fromISO(until, { zone: ctx.zone }).minus({ weeks: 13 }).startOf('week').toISODate()!;
  if (since >= until) throw new UsageError(`--since ${since} is not before --until ${until}`);
  const from = DateTime.fromISO(since, { zone: ctx.zone }).toMillis();
  const to = DateTime.fromISO(until, { zone: ctx.zone }).toMillis();

  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const info = await gh.repository(repo);
  const ids = new Set(categoryIds(info, ctx.loaded.config.discussions.categories));
  const label = ctx.loaded.config.discussions.label;
  const started = performance.now();
  const all = await withSpinner(ctx.deps, !ctx.out.json, `reading the discussions created ${since} to ${until}`, () =>
    gh.discussionsCreated(repo, isoUtc(from), isoUtc(to), { categoryIds: [...ids], label }),
  );
  ctx.verbose(
    `read ${plural(all.length, 'discussion')} created ${since}..${until} in ${plural(gh.requestCount, 'GraphQL request')}, ${(performance.now() - started).toFixed(0)} ms`,
  );
  const inScope = all.filter(
    (d) => (ids.size === 0 || ids.has(d.category.id)) && (!label || d.labels.includes(label)) && d.createdAt >= from && d.createdAt < to,
  );
  const timeline = await rotationTimeline(ctx, from - 14 * 86_400_000, to + 14 * 86_400_000);
  const policy = await policyFor(ctx, timeline);
  const figures = inScope.map((d) => inquiryFigures(d, policy, ctx.now));
  const { journal, housekeeping } = await journalEntries(ctx);
  const stats = computeStats(figures, {
    since,
    until,
    zone: ctx.zone,
    goalHours: policy.responseGoalMinutes / 60,
    timeline,
    team: ctx.loaded.team,
    from,
    to,
    journal,
    housekeeping,
  });

  if (opts.html) {
    const file = path.resolve(ctx.deps.cwd, opts.html);
    const t0 = performance.now();
    // The charting library loads only here, so the other formats stay light.
    const { statsHtml } = await import('./html.js');
    const t1 = performance.now();
    const html = statsHtml(stats, { repo: ctx.loaded.config.repository, now: ctx.now, zone: ctx.zone });
    ctx.verbose(
      `rendered the HTML report (${html.length} bytes) in ${(performance.now() - t0).toFixed(0)} ms: ${(t1 - t0).toFixed(0)} ms loading the charting library, ${(performance.now() - t1).toFixed(0)} ms drawing`,
    );
    if (opts.dryRun) ctx.deps.stderr.write(`would write ${file} (${html.length} bytes); --dry-run wrote nothing\n`);
    else {
      await writeFileChecked(ctx, file, html, Boolean(opts.force));
      ctx.deps.stderr.write(`wrote ${file}\n`);
    }
  }
  const out = ctx.deps.stdout;
  const repoName = ctx.loaded.config.repository;
  if (format === 'json') return writeJson(out, statsJson(stats));
  if (format === 'csv') return void out.write(statsCsv(inquiryRows(figures, journal, { from, to })));
  if (format === 'jsonl') return void out.write(statsJsonl(inquiryRows(figures, journal, { from, to })));
  if (format === 'markdown') return void out.write(statsMarkdown(stats, repoName));
  out.write(ctx.out.tty ? statsTerminal(stats, ctx.paint, terminalFacts(ctx.deps).columns) : statsTsv(stats));
}

/** This machine's journal: classified inquiries (counts and effort only) and housekeeping effort. */
async function journalEntries(ctx: Context): Promise<{ journal: JournalEntry[]; housekeeping: HousekeepingEntry[] }> {
  const { records, damaged } = await readJournal(ctx.deps.env, ctx.deps.homedir, ctx.deps.fs);
  if (damaged) warn(ctx.deps, `${plural(damaged, 'damaged line')} in the local journal skipped`);
  return {
    journal: records
      .filter((r) => !isHousekeeping(r))
      .map((r) => ({ at: Date.parse(r.at), via: r.via, handler: r.handler, effortMinutes: r.effortMinutes })),
    housekeeping: records.filter(isHousekeeping).map((r) => ({ at: Date.parse(r.at), effortMinutes: r.effortMinutes })),
  };
}
