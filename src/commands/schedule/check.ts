import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import { terminalText } from '../../core/userText.js';
import { checkSchedule } from '../../core/scheduleCheck.js';
import { parseDate } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { tsv, writeJson } from '../../shell/output.js';
import { terminalFacts, wrapText } from '../../shell/terminal.js';
import { isoUtc } from '../../core/timeText.js';
import { shareTable } from './render.js';
import type { Outcome } from '../../shell/errors.js';
import type { CheckOptions } from './schedule.flags.js';

export type { CheckOptions };

/** Reports what is wrong with the rotation over a range; exit 8 with --fail-on-problems. */
export async function runCheck(opts: CheckOptions, ctx: Context): Promise<Outcome | void> {
  const thisMonday = DateTime.fromMillis(ctx.now, { zone: ctx.zone }).startOf('week');
  const from = opts.from ? DateTime.fromISO(parseDate(opts.from, ctx.now, ctx.zone, '--from'), { zone: ctx.zone }) : thisMonday;
  const to = opts.to ? DateTime.fromISO(parseDate(opts.to, ctx.now, ctx.zone, '--to'), { zone: ctx.zone }) : from.plus({ weeks: 13 });
  if (to <= from) throw new UsageError('--to must be after --from');
  const rotation = await ctx.rotation(from.minus({ weeks: 1 }).toMillis(), to.plus({ weeks: 1 }).toMillis(), opts.calendar);
  const { problems, shares } = checkSchedule(rotation.shifts, ctx.loaded.team, from.toMillis(), to.toMillis(), ctx.zone);
  const outcome: Outcome | void = opts.failOnProblems && problems.length > 0 ? { kind: 'problems-found' } : undefined;

  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, {
      from: from.toISODate(),
      to: to.toISODate(),
      calendar: rotation.source,
      problems: problems.map((p) => ({
        ...p,
        start: p.start === null ? null : isoUtc(p.start),
        end: p.end === null ? null : isoUtc(p.end),
      })),
      shares,
    });
    return outcome;
  }
  const out = ctx.deps.stdout;
  if (!ctx.out.tty) {
    out.write(tsv(problems.map((p) => [p.kind, p.week ?? '', terminalText(p.detail)])));
    return outcome;
  }
  const p = ctx.paint;
  const width = terminalFacts(ctx.deps).columns;
  out.write(`${wrapText(`${p.bold('Rotation check')} ${from.toISODate()} → ${to.toISODate()} (${rotation.source})`, width)}\n`);
  out.write(
    problems.length
      ? // A problem is a sentence: wrapped at the width rather than cut, so none of it is lost.
        problems
          .map((x) => `${wrapText(`${p.red('✗')} ${p.bold(x.kind)}${x.week ? ` ${x.week}` : ''}: ${terminalText(x.detail)}`, width)}\n`)
          .join('')
      : `${wrapText(`${p.green('✓')} no gaps, overlaps, double roles, unknown people or unavailability conflicts`, width)}\n`,
  );
  out.write(`\n${shareTable(ctx, shares)}`);
  return outcome;
}
