import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import { buildTimeline, onDutyAt } from '../../core/rotation.js';
import { parseWhen } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { warn } from '../../shell/output.js';
import { isoUtc } from '../../core/timeText.js';
import { renderWho } from './render.js';
import { actingAt, actingUntil, awayDuring, actingView, withSwaps } from '../../app/acting.js';
import type { WhoOptions } from './who.flags.js';

export type { WhoOptions };

export function parseNext(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > 520)
    throw new UsageError(`invalid --next "${value}"`, 'give a whole number of shifts from 0 to 520');
  return Number(value);
}

export async function runWho(opts: WhoOptions, ctx: Context): Promise<void> {
  const next = parseNext(opts.next);
  const at = parseWhen(opts.at ?? 'now', ctx.now, ctx.zone, '--at').toMillis();
  const local = DateTime.fromMillis(at, { zone: ctx.zone });
  // Wide enough to see the whole current stretch and the next `next` ones.
  const from = local.minus({ days: 62 }).toMillis();
  const to = local.plus({ weeks: next + 2, days: 62 }).toMillis();
  const rotation = await ctx.rotation(from, to, opts.calendar);
  const timeline = buildTimeline(await withSwaps(ctx, rotation.shifts));
  const duty = onDutyAt(timeline, at, next);
  const view = await actingView(ctx, { live: false });
  const roles = actingAt(view, timeline, ctx.loaded.team, at);
  const until = {
    primary: actingUntil(view, timeline, ctx.loaded.team, at, 'primary'),
    backup: actingUntil(view, timeline, ctx.loaded.team, at, 'backup'),
  };
  const away = awayDuring(view, at, duty.current?.end ?? at + 7 * 86_400_000);

  const weekStart = local.startOf('week');
  const weekEnd = weekStart.plus({ weeks: 1 });
  const holidays = (await ctx.holidays()).filter((h) => h.date >= weekStart.toISODate()! && h.date < weekEnd.toISODate()!);

  for (const a of [duty.current, ...duty.upcoming].flatMap((s) => (s ? [s.primary, s.backup] : []))) {
    if (a && a.login === null) warn(ctx.deps, `the ${a.role} shift "${a.raw}" from ${isoUtc(a.start)} names nobody on the team`);
  }
  if (!duty.current?.primary && !duty.current?.backup) {
    ctx.deps.stderr.write(`nobody is on duty at ${local.toFormat('ccc yyyy-MM-dd HH:mm ZZZZ')} in ${rotation.source}\n`);
  }

  const desk = view.thread ? { thread: view.thread, readAt: view.readAt } : null;
  renderWho(ctx, { at, local, duty, roles, until, away, holidays, desk });
}
