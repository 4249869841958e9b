import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import type { Assessment } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { byUrgency, itemJson, loadInquiries } from '../../app/inquiries.js';
import { isoUtc, relative, table, tsv, warn, writeJson } from '../output.js';
import { outboxEntries } from '../../store/outbox.js';
import type { Outcome } from '../errors.js';
import type { WriterFlags } from '../flags.js';
import { effortMinutes } from '../flags.js';
import { carryOut, reportActions } from '../writerIo.js';
import { planCloseStale } from '../../core/plans/resolve.js';
import { wontfixLabel } from './resolve.js';
import { loadTemplate } from '../../app/templates.js';

export interface OverdueOptions extends WriterFlags {
  format?: string;
  quiet?: boolean;
  failOnOverdue?: boolean;
  closeStale?: boolean;
}

export interface Report {
  overdue: Assessment[];
  dueSoon: Assessment[];
  stale: Assessment[];
}

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
export async function runOverdue(opts: OverdueOptions, ctx: Context): Promise<Outcome | void> {
  const format = ctx.out.json ? 'json' : opts.format ?? 'table';
  if (!['table', 'json', 'markdown'].includes(format)) throw new UsageError(`invalid --format "${opts.format}"`, 'use table, json or markdown');
  const effort = effortMinutes(opts);
  const inq = await loadInquiries(ctx);
  const report = buildReport(inq.assessments);
  let closing;
  if (opts.closeStale) {
    // Resolves every stale discussion as wontfix (SPEC §6), after confirmation.
    const label = await wontfixLabel(ctx, inq.github, inq.repo);
    const template = await loadTemplate(ctx, ctx.loaded.config.templates.closing, 'closing.md');
    const plan = planCloseStale({ ...inq, stale: report.stale, team: inq.policy.team, label, staleAfterDays: inq.policy.staleAfterDays, template }, { effort });
    const n = plan.actions.filter((a) => !a.skip).length;
    closing = { plan, actions: await carryOut(ctx, plan, opts, { gh: inq.github, repo: inq.repo, team: inq.policy.team }, `Close ${n} stale discussion${n === 1 ? '' : 's'} as wontfix?`) };
  }
  const outbox = (await outboxEntries(ctx.deps.env, ctx.deps.homedir)).length;
  const problemsFound = Boolean(opts.failOnOverdue && report.overdue.length > 0);
  const outcome: Outcome | void = closing ? { kind: 'actions', actions: closing.actions, problemsFound } : problemsFound ? { kind: 'problems-found' } : undefined;
  if (opts.quiet && report.overdue.length === 0 && report.stale.length === 0) return outcome;
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
      ...(closing ? { dryRun: Boolean(opts.dryRun), actions: closing.actions.map(({ failure: _f, ...a }) => a) } : {}),
    });
  } else if (format === 'markdown') {
    out.write(`## Support report, ${DateTime.fromMillis(ctx.now, { zone: ctx.zone }).toFormat('ccc LLL d yyyy HH:mm ZZZZ')}\n\n`);
    out.write(markdownReport(report, ctx) || '_Nothing overdue, due soon or stale._\n');
  } else if (!ctx.out.tty) {
    const rows = [
      ...report.overdue.map((a) => ['overdue', String(a.number), a.owner ?? '', isoUtc(a.dueAt!), String(a.businessHoursWaiting), a.title, a.url]),
      ...report.dueSoon.map((a) => ['due-soon', String(a.number), a.owner ?? '', isoUtc(a.dueAt!), String(a.businessHoursWaiting), a.title, a.url]),
      ...report.stale.map((a) => ['stale', String(a.number), a.owner ?? '', a.lastUserActivityAt ? isoUtc(a.lastUserActivityAt) : '', String(a.daysSinceUserActivity ?? ''), a.title, a.url]),
    ];
    out.write(tsv(rows));
  } else {
    const p = ctx.paint;
    const who = (a: Assessment) => (a.owner ? `@${a.owner}` : p.dim('no owner'));
    const parts: string[] = [];
    if (report.overdue.length) {
      parts.push(`${p.bold(p.red(`Overdue (${report.overdue.length})`))}\n${table(report.overdue.map((a) => [p.red(`#${a.number}`), who(a), `was due ${relative(a.dueAt!, ctx.now)}`, `${a.businessHoursWaiting} business h`, a.title]))}`);
    }
    if (report.dueSoon.length) {
      parts.push(`${p.bold(p.yellow(`Due soon (${report.dueSoon.length})`))}\n${table(report.dueSoon.map((a) => [p.yellow(`#${a.number}`), who(a), `due ${relative(a.dueAt!, ctx.now)}`, a.title]))}`);
    }
    if (report.stale.length) {
      parts.push(`${p.bold(`Stale (${report.stale.length})`)}\n${table(report.stale.map((a) => [`#${a.number}`, who(a), `user silent ${Math.floor(a.daysSinceUserActivity ?? 0)} days`, a.title]))}`);
    }
    out.write(parts.length ? parts.join('\n') : `${p.green('✓')} nothing overdue, due soon or stale\n`);
  }
  if (closing && format !== 'json') {
    out.write('\n');
    reportActions(ctx, closing.actions, opts, closing.plan);
  }
  return outcome;
}
