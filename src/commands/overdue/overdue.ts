import { plural } from '../../core/words.js';
import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import type { Assessment } from '../../core/conversation.js';
import { byUrgency, itemJson, loadInquiries } from '../../app/inquiries.js';
import { warn, writeJson } from '../../shell/output.js';
import { isoUtc } from '../../core/timeText.js';
import { markdownText } from '../../core/userText.js';
import { outboxEntries } from '../../store/outbox.js';
import type { Outcome } from '../../shell/errors.js';
import { effortMinutes } from '../../shell/flags.js';
import { carryOut, reportActions } from '../../shell/writerIo.js';
import { planCloseStale } from '../../core/plans/resolve.js';
import { wontfixLabel } from '../../app/labels.js';
import { loadTemplate } from '../../app/templates.js';
import type { Report } from './render.js';
import { tableReport, textReport, tsvReport } from './render.js';
import type { OverdueOptions } from './overdue.flags.js';
export type { Report };

export type { OverdueOptions };

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
  // Titles are neutralised whole (links, images, mentions: markdownText); other cells need only their pipes escaped.
  const esc = (s: string) => s.replace(/(?<!\\)\|/g, '\\|');
  const section = (title: string, items: Assessment[], row: (a: Assessment) => string[], head: string[]) =>
    items.length === 0
      ? ''
      : `### ${title} (${items.length})\n\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${items.map((a) => `| ${row(a).map(esc).join(' | ')} |`).join('\n')}\n\n`;
  return (
    section(
      'Overdue',
      report.overdue,
      (a) => [
        `[#${a.number}](${a.url})`,
        markdownText(a.title),
        a.owner ? `@${a.owner}` : '',
        local(a.dueAt),
        `${a.businessHoursWaiting} h`,
      ],
      ['#', 'title', 'owner', 'was due', 'business hours waiting'],
    ) +
    section(
      'Due soon',
      report.dueSoon,
      (a) => [`[#${a.number}](${a.url})`, markdownText(a.title), a.owner ? `@${a.owner}` : '', local(a.dueAt)],
      ['#', 'title', 'owner', 'due'],
    ) +
    section(
      'Stale',
      report.stale,
      (a) => [
        `[#${a.number}](${a.url})`,
        markdownText(a.title),
        a.owner ? `@${a.owner}` : '',
        plural(Math.floor(a.daysSinceUserActivity ?? 0), 'day'),
      ],
      ['#', 'title', 'owner', 'user silent for'],
    )
  );
}

/** The cron report: overdue, due-soon and stale discussions. */
export async function runOverdue(opts: OverdueOptions, ctx: Context): Promise<Outcome | void> {
  const format = ctx.out.json ? 'json' : (opts.format ?? (ctx.out.tty ? 'table' : 'text'));
  const effort = effortMinutes(opts);
  const inq = await loadInquiries(ctx);
  const report = buildReport(inq.assessments);
  let closing;
  if (opts.closeStale) {
    // Resolves every stale discussion as wontfix (docs/reference.md), after confirmation.
    const label = await wontfixLabel(ctx, inq.github, inq.repo);
    const template = await loadTemplate(ctx, ctx.loaded.config.templates.closing, 'closing.md');
    const plan = planCloseStale(
      { ...inq, stale: report.stale, team: inq.policy.team, label, staleAfterDays: inq.policy.staleAfterDays, template },
      { effort },
    );
    const n = plan.actions.filter((a) => !a.skip).length;
    closing = {
      plan,
      actions: await carryOut(
        ctx,
        plan,
        opts,
        { gh: inq.github, repo: inq.repo, team: inq.policy.team },
        `Close ${plural(n, 'stale discussion')} as wontfix?`,
      ),
    };
  }
  const outbox = (await outboxEntries(ctx.deps.env, ctx.deps.homedir)).length;
  const problemsFound = Boolean(opts.failOnOverdue && report.overdue.length > 0);
  const outcome: Outcome | void = closing
    ? { kind: 'actions', actions: closing.actions, problemsFound }
    : problemsFound
      ? { kind: 'problems-found' }
      : undefined;
  if (opts.quiet && report.overdue.length === 0 && report.stale.length === 0) return outcome;
  if (outbox > 0)
    warn(ctx.deps, `${plural(outbox, 'inquiry', 'inquiries')} ${outbox === 1 ? 'waits' : 'wait'} in the outbox: run \`visit-sre sync\``);

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
  } else {
    out.write(format === 'tsv' ? tsvReport(report) : format === 'text' ? textReport(report, ctx) : tableReport(report, ctx));
  }
  if (closing && format !== 'json') {
    out.write('\n');
    reportActions(ctx, closing.actions, opts, closing.plan);
  }
  return outcome;
}
