import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import { planRotation, weekLabel } from '../../core/rotationPlan.js';
import type { PastWeek } from '../../core/rotationPlan.js';
import { buildTimeline, onDutyAt } from '../../core/rotation.js';
import { parseDate } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { writeRotation } from '../../calendar/write.js';
import { splitCalendar } from '../../calendar/edit.js';
import { mergeWithoutLoss } from '../../calendar/merge.js';
import { notice, writeJson } from '../../shell/output.js';
import { plural } from '../../core/words.js';
import { shareTable, weeksTable } from './render.js';
import { needTeam, rotationFile } from './common.js';
import { writeFileChecked } from '../../shell/files.js';
import { resolveLocation } from '../../store/config.js';
import { isUrl } from '../../calendar/source.js';
import type { GenerateOptions } from './schedule.flags.js';
import { INPUT_LIMITS } from '../../store/fs.js';

export type { GenerateOptions };

const LOOKBACK_WEEKS = 26;

/** Plans the rotation (docs/process.md#rotation-planning) and writes it as iCal. */
export async function runGenerate(opts: GenerateOptions, ctx: Context): Promise<void> {
  const team = needTeam(ctx);
  if (!/^\d+$/.test(opts.weeks) || Number(opts.weeks) < 1 || Number(opts.weeks) > 520)
    throw new UsageError(`invalid --weeks "${opts.weeks}"`, 'give a whole number of weeks from 1 to 520');
  const start = parseDate(opts.start, ctx.now, ctx.zone, '--start');
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
  const existing = file ? await ctx.deps.fs.readInput(file, { what: 'calendar', bytes: INPUT_LIMITS.calendar }) : undefined;
  const plan = planRotation({ team, start, weeks: Number(opts.weeks), history });
  const byLogin = new Map(team.map((m) => [m.login, m]));
  const events = plan.weeks.flatMap((w) =>
    (['primary', 'backup'] as const).map((role) => {
      const m = byLogin.get(w[role])!;
      return { role, monday: w.monday, login: m.login, name: m.name, ...(m.email ? { email: m.email } : {}) };
    }),
  );
  let text = writeRotation(events, { zone: ctx.zone, now: ctx.now });
  const endMs = DateTime.fromMillis(startMs, { zone: ctx.zone }).plus({ weeks: plan.weeks.length }).toMillis();
  const span = `${weekLabel(plan.weeks[0]!.monday)} to ${weekLabel(plan.weeks[plan.weeks.length - 1]!.monday)}`;
  const counts = { keptBefore: 0, keptInside: 0, keptAfter: 0, removed: 0, excluded: 0 };
  const dry = Boolean(opts.dryRun) || toStdout;
  if (existing !== undefined) {
    const old = splitCalendar(existing, ctx.zone);
    if (!opts.merge && !opts.force && !dry) {
      throw new UsageError(
        `${file} already exists (${plural(old.events.length, 'event')})`,
        'pass --merge to keep its events outside the generated weeks, or --force to replace the whole calendar',
      );
    }
    if (opts.merge) {
      const merged = mergeWithoutLoss(text, existing, { from: startMs, to: endMs }, { zone: ctx.zone, source: file! });
      text = merged.text;
      Object.assign(counts, {
        keptBefore: merged.keptBefore,
        keptInside: merged.keptInside,
        keptAfter: merged.keptAfter,
        removed: merged.replaced.length + merged.excluded,
        excluded: merged.excluded,
      });
      notice(
        ctx.deps,
        `${dry ? 'would replace' : 'replacing'} ${plural(counts.removed, 'existing event')} in ${span}${counts.excluded ? ` (${counts.excluded} of them instances of recurring series, which keep the rest)` : ''}; keeping ${counts.keptBefore} before${counts.keptInside ? `, ${counts.keptInside} other than shifts inside` : ''} and ${counts.keptAfter} after`,
      );
    } else if (!toStdout) {
      counts.removed = old.events.length;
      notice(
        ctx.deps,
        `${dry ? 'would replace' : 'replacing'} the whole calendar: ${plural(counts.removed, 'existing event')} removed (--merge keeps those outside ${span})`,
      );
    }
  }

  // The calendar goes to stdout only when asked for raw; a dry run otherwise shows the weeks as a table.
  const ics = toStdout || (dry && opts.format === 'ics');
  // RFC 5545 ends every line with CRLF; on a stream the last one keeps what follows off END:VCALENDAR.
  const stream = text.endsWith('\r\n') ? text : `${text}\r\n`;
  if (ics && !ctx.out.json) ctx.deps.stdout.write(stream);
  else if (!dry) await writeFileChecked(ctx, file!, text, Boolean(opts.force || opts.merge));

  if (ctx.out.json) {
    if (ics) ctx.deps.stdout.write(stream);
    writeJson(ctx.deps.stdout, {
      dryRun: dry,
      file,
      kept: counts.keptBefore + counts.keptInside + counts.keptAfter,
      ...counts,
      weeks: plan.weeks,
      fairness: plan.fairness,
    });
    return;
  }
  const shares = shareTable(
    ctx,
    plan.fairness.map((f) => ({ ...f, targetWeeks: f.targetShare * plan.weeks.length })),
  );
  if (!ics) {
    if (dry) ctx.deps.stdout.write(`${weeksTable(ctx, plan.weeks, new Map(team.map((m) => [m.login, m.name])))}\n`);
    ctx.deps.stdout.write(shares);
  } else if (!ctx.deps.stdout.isTTY) {
    // The iCal went to a file or a pipe: the shares go beside it on stderr, never into the calendar.
    ctx.deps.stderr.write(shares);
  }
  if (!dry) {
    const kept = counts.keptBefore + counts.keptInside + counts.keptAfter;
    notice(
      ctx.deps,
      `wrote ${plural(plan.weeks.length, 'week')} (${span}) to ${file}${kept ? `, keeping ${plural(kept, 'other event')}` : ''}`,
    );
  }
}
