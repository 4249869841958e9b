import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import type { Assessment } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { byUrgency, itemJson, loadInquiries } from '../inquiries.js';
import { isoUtc, warn, writeJson } from '../output.js';
import { outboxEntries } from '../../store/outbox.js';
import { EXIT } from '../errors.js';
import type { Action, WriterFlags } from '../writers.js';
import { confirmPlan, effortMinutes, exitCodeOf, report as reportActions } from '../writers.js';
import { resolveWontfix, wontfixLabel } from '../resolution.js';
import type { Inquiries } from '../inquiries.js';

export interface OverdueOptions extends WriterFlags {
  format?: string;
  quiet?: boolean;
  failOnOverdue?: boolean;
  closeStale?: boolean;
}

import type { Report } from '../overdueReport.js';
import { OVERDUE_FORMATS, tableReport, textReport, tsvReport } from '../overdueReport.js';
export type { Report };

export function buildReport(assessments: readonly Assessment[]): Report {
  const sorted = [...assessments].sort(byUrgency);
  return {
    overdue: sorted.filter((a) => a.overdue),
    dueSoon: sorted.filter((a) => a.dueSoon),
    stale: sorted.filter((a) => a.stale).sort((a, b) => (a.lastUserActivityAt ?? 0) - (b.lastUserActivityAt ?? 0)),
  };
}

export function markdownReport(report: Report, ctx: Context): string {
  const local = (ms: number | null) => (ms === null ? '' : DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('ccc LLL d HH:mm'));
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const section = (title: string, items: Assessment[], row: (a: Assessment) => string[], head: string[]) =>
    items.length === 0
      ? ''
      : `### ${title} (${items.length})\n\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${items.map((a) => `| ${row(a).map(esc).join(' | ')} |`).join('\n')}\n\n`;
  return (
    section('Overdue', report.overdue, (a) => [`[#${a.number}](${a.url})`, a.title, a.owner ? `@${a.owner}` : '', local(a.dueAt), `${a.businessHoursWaiting} h`], ['#', 'title', 'owner', 'was due', 'business hours waiting']) +
    section('Due soon', report.dueSoon, (a) => [`[#${a.number}](${a.url})`, a.title, a.owner ? `@${a.owner}` : '', local(a.dueAt)], ['#', 'title', 'owner', 'due']) +
    section('Stale', report.stale, (a) => [`[#${a.number}](${a.url})`, a.title, a.owner ? `@${a.owner}` : '', `${Math.floor(a.daysSinceUserActivity ?? 0)} days`], ['#', 'title', 'owner', 'user silent for'])
  );
}

/** The cron report: overdue, due-soon and stale discussions. */
export async function runOverdue(opts: OverdueOptions, ctx: Context): Promise<number> {
  const format = ctx.out.json ? 'json' : opts.format ?? (ctx.out.tty ? 'table' : 'text');
  if (!(OVERDUE_FORMATS as readonly string[]).includes(format)) throw new UsageError(`invalid --format "${opts.format}"`, `use ${OVERDUE_FORMATS.join(', ')}`);
  const effort = effortMinutes(opts);
  const inq = await loadInquiries(ctx);
  const { assessments } = inq;
  const report = buildReport(assessments);
  const closing = opts.closeStale ? await closeStale(ctx, inq, report.stale, opts, effort) : null;
  const outbox = (await outboxEntries(ctx.deps.env, ctx.deps.homedir)).length;
  const nothing = report.overdue.length === 0 && report.stale.length === 0;
  let code: number = opts.failOnOverdue && report.overdue.length > 0 ? EXIT.found : EXIT.ok;
  if (closing && exitCodeOf(closing.actions) !== 0) code = exitCodeOf(closing.actions);
  if (opts.quiet && nothing) return code;
  if (outbox > 0) warn(ctx.deps, `${outbox} inquiries wait in the outbox: run \`visit-sre sync\``);

  const out = ctx.deps.stdout;
  if (format === 'json') {
    writeJson(out, {
      generatedAt: isoUtc(ctx.now),
      responseGoal: ctx.loaded.config.responseGoal,
      overdue: report.overdue.map(itemJson),
      dueSoon: report.dueSoon.map(itemJson),
      stale: report.stale.map(itemJson),
      outbox,
      ...(closing ? { dryRun: Boolean(opts.dryRun), actions: closing.actions } : {}),
    });
  } else if (format === 'markdown') {
    out.write(`## Support report, ${DateTime.fromMillis(ctx.now, { zone: ctx.zone }).toFormat('ccc LLL d yyyy HH:mm ZZZZ')}\n\n`);
    out.write(markdownReport(report, ctx) || '_Nothing overdue, due soon or stale._\n');
  } else {
    out.write(format === 'tsv' ? tsvReport(report) : format === 'text' ? textReport(report, ctx) : tableReport(report, ctx));
  }
  if (closing && format !== 'json') {
    out.write('\n');
    reportActions(ctx, closing.actions, opts, closing.previews);
  }
  return code;
}

/** Resolves every stale discussion as wontfix (SPEC §6), after confirmation. */
async function closeStale(ctx: Context, inq: Inquiries, stale: Assessment[], flags: WriterFlags, effort: number | undefined): Promise<{ actions: Action[]; previews: string[] }> {
  const actions: Action[] = [];
  const previews: string[] = [];
  if (stale.length === 0) return { actions, previews };
  const labelId = await wontfixLabel(ctx, inq.github, inq.repo);
  if (!(await confirmPlan(ctx, flags, `Close ${stale.length} stale discussion${stale.length === 1 ? '' : 's'} as wontfix?`, stale.map((a) => `#${a.number} ${a.title} (user silent ${Math.floor(a.daysSinceUserActivity ?? 0)} days)`)))) {
    return { actions: stale.map((a) => ({ kind: 'close-stale', number: a.number, url: a.url, status: 'skipped' as const, reason: 'not confirmed' })), previews };
  }
  const byNumber = new Map(inq.discussions.map((d) => [d.number, d]));
  let stopped = false;
  for (const a of stale) {
    if (stopped) {
      actions.push({ kind: 'close-stale', number: a.number, url: a.url, status: 'skipped', reason: 'not attempted after a failure; run again' });
      continue;
    }
    const r = await resolveWontfix(ctx, inq.github, inq.repo, byNumber.get(a.number)!, inq.policy, {
      kind: 'stale',
      effort,
      labelId,
      flags,
      daysSilent: Math.floor(a.daysSinceUserActivity ?? 0),
      author: a.author,
    });
    actions.push(r.action);
    if (r.preview) previews.push(r.preview);
    stopped = r.action.status === 'failed';
  }
  return { actions, previews };
}
