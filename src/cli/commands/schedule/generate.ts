import { DateTime } from 'luxon';
import type { Context } from '../../context.js';
import { planRotation, weekLabel } from '../../../core/planning.js';
import type { PastWeek } from '../../../core/planning.js';
import { buildTimeline, onDutyAt } from '../../../core/rotation.js';
import { parseDate } from '../../../core/timeInput.js';
import { UsageError } from '../../../core/errors.js';
import { writeRotation } from '../../../calendar/write.js';
import { mergeCalendars, splitCalendar } from '../../../calendar/edit.js';
import { writeJson } from '../../output.js';
import { shareTable, weeksTable } from '../../scheduleReport.js';
import { needTeam, rotationFile, writeFileChecked } from './common.js';
import { resolveLocation } from '../../../store/config.js';
import { isUrl } from '../../../calendar/source.js';

export interface GenerateOptions {
  start: string;
  weeks: string;
  out?: string;
  merge?: boolean;
  force?: boolean;
  dryRun?: boolean;
  /** with --dry-run: table (weeks and shares, the default) or ics (the raw calendar) */
  format?: string;
}

const LOOKBACK_WEEKS = 26;

/** Plans the rotation (SPEC §7) and writes it as iCal. */
export async function runGenerate(opts: GenerateOptions, ctx: Context): Promise<void> {
  const team = needTeam(ctx);
  if (!/^\d+$/.test(opts.weeks) || Number(opts.weeks) < 1 || Number(opts.weeks) > 520) throw new UsageError(`invalid --weeks "${opts.weeks}"`, 'give a whole number of weeks from 1 to 520');
  const start = parseDate(opts.start, ctx.now, ctx.zone, '--start');
  if (opts.format !== undefined && !['table', 'ics'].includes(opts.format)) throw new UsageError(`invalid --format "${opts.format}"`, 'use table (weeks and shares) or ics (the raw calendar)');
  const toStdout = opts.out === '-';
  const file = toStdout ? null : rotationFile(ctx, opts.out, '--out FILE');
  const startMs = DateTime.fromISO(start, { zone: ctx.zone }).toMillis();

  // History: who held each role in the weeks before --start, read from the configured rotation.
  const history: PastWeek[] = [];
  const configured = ctx.loaded.config.rotation ? resolveLocation(ctx.loaded.config.rotation, ctx.loaded.dir) : null;
  if (configured && (isUrl(configured) || (await ctx.deps.fs.exists(configured)))) {
    const from = DateTime.fromMillis(startMs, { zone: ctx.zone }).minus({ weeks: LOOKBACK_WEEKS }).toMillis();
    const timeline = buildTimeline((await ctx.rotation(from, startMs)).shifts);
    for (let w = LOOKBACK_WEEKS; w >= 1; w--) {
      const monday = DateTime.fromMillis(startMs, { zone: ctx.zone }).minus({ weeks: w });
      const midweek = monday.plus({ days: 2, hours: 12 }).toMillis();
      const duty = onDutyAt(timeline, midweek, 0).current;
      for (const role of ['primary', 'backup'] as const) {
        const login = duty?.[role]?.login;
        if (login) history.push({ monday: monday.toISODate()!, role, login });
      }
    }
  }
  const existing = file ? await ctx.deps.fs.readText(file) : undefined;
  const plan = planRotation({ team, start, weeks: Number(opts.weeks), history });
  const byLogin = new Map(team.map((m) => [m.login, m]));
  const events = plan.weeks.flatMap((w) =>
    (['primary', 'backup'] as const).map((role) => {
      const m = byLogin.get(w[role])!;
      return { role, monday: w.monday, login: m.login, name: m.name, ...(m.email ? { email: m.email } : {}) };
    }),
  );
  let text = writeRotation(events, { zone: ctx.zone, now: ctx.now });
  let kept = 0;
  if (opts.merge && existing !== undefined) {
    const merged = mergeCalendars(text, splitCalendar(existing, ctx.zone), startMs);
    text = merged.text;
    kept = merged.kept;
  }

  const dry = Boolean(opts.dryRun) || toStdout;
  // The calendar goes to stdout only when asked for raw; a dry run otherwise shows the weeks as a table.
  const ics = toStdout || (dry && opts.format === 'ics');
  // RFC 5545 ends every line with CRLF; on a stream the last one keeps what follows off END:VCALENDAR.
  const stream = text.endsWith('\r\n') ? text : `${text}\r\n`;
  if (ics && !ctx.out.json) ctx.deps.stdout.write(stream);
  else if (!dry) await writeFileChecked(ctx, file!, text, Boolean(opts.force));

  if (ctx.out.json) {
    if (ics) ctx.deps.stdout.write(stream);
    writeJson(ctx.deps.stdout, { dryRun: dry, file, kept, weeks: plan.weeks, fairness: plan.fairness });
    return;
  }
  const shares = shareTable(ctx, plan.fairness.map((f) => ({ ...f, targetWeeks: f.targetShare * plan.weeks.length })));
  if (!ics) {
    if (dry) ctx.deps.stdout.write(`${weeksTable(ctx, plan.weeks, new Map(team.map((m) => [m.login, m.name])))}
`);
    ctx.deps.stdout.write(shares);
  } else if (!ctx.deps.stdout.isTTY) {
    // The iCal went to a file or a pipe: the shares go beside it on stderr, never into the calendar.
    ctx.deps.stderr.write(shares);
  }
  if (!dry) {
    ctx.deps.stderr.write(`wrote ${plan.weeks.length} weeks (${weekLabel(plan.weeks[0]!.monday)} to ${weekLabel(plan.weeks[plan.weeks.length - 1]!.monday)}) to ${file}${kept ? `, keeping ${kept} earlier events` : ''}\n`);
  }
}
