import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import type { Assignment, Segment } from '../../core/rotation.js';
import { buildTimeline, onDutyAt } from '../../core/rotation.js';
import { parseWhen } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { isoUtc, relative, table, tsv, warn, writeJson } from '../output.js';
import type { Acting } from '../../core/acting.js';
import { actingAt, actingUntil, awayDuring, actingView } from '../../app/acting.js';
import type { WhoOptions } from './who.flags.js';

export type { WhoOptions };

interface PersonJson {
  login: string | null;
  name: string;
  start: string;
  end: string;
  unknown?: true;
}

function person(a: Assignment | null): PersonJson | null {
  if (!a) return null;
  return {
    login: a.login,
    name: a.name,
    start: isoUtc(a.start),
    end: isoUtc(a.end),
    ...(a.login === null ? { unknown: true as const } : {}),
  };
}

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
  const timeline = buildTimeline(rotation.shifts);
  const duty = onDutyAt(timeline, at, next);
  const view = await actingView(ctx, { live: false });
  const roles = actingAt(view, timeline, ctx.loaded.team, at);
  const until = {
    primary: actingUntil(view, timeline, ctx.loaded.team, at, 'primary'),
    backup: actingUntil(view, timeline, ctx.loaded.team, at, 'backup'),
  };
  const away = awayDuring(view, at, duty.current?.end ?? at + 7 * 86_400_000);
  const nameOf = (login: string | null) => ctx.loaded.team.find((m) => m.login === login)?.name ?? login ?? '';
  const acting = (a: Acting, role: 'primary' | 'backup') =>
    a.login === null
      ? null
      : { login: a.login, name: nameOf(a.login), reason: a.reason, until: until[role] === null ? null : isoUtc(until[role]!) };

  const weekStart = local.startOf('week');
  const weekEnd = weekStart.plus({ weeks: 1 });
  const holidays = (await ctx.holidays()).filter((h) => h.date >= weekStart.toISODate()! && h.date < weekEnd.toISODate()!);

  for (const a of [duty.current, ...duty.upcoming].flatMap((s) => (s ? [s.primary, s.backup] : []))) {
    if (a && a.login === null) warn(ctx.deps, `the ${a.role} shift "${a.raw}" from ${isoUtc(a.start)} names nobody on the team`);
  }
  if (!duty.current?.primary && !duty.current?.backup) {
    ctx.deps.stderr.write(`nobody is on duty at ${local.toFormat('ccc yyyy-MM-dd HH:mm ZZZZ')} in ${rotation.source}\n`);
  }

  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, {
      at: isoUtc(at),
      timeZone: ctx.zone,
      primary: person(duty.current?.primary ?? null),
      backup: person(duty.current?.backup ?? null),
      upcoming: duty.upcoming.map((s) => ({
        start: isoUtc(s.start),
        end: isoUtc(s.end),
        primary: person(s.primary),
        backup: person(s.backup),
      })),
      holidays: holidays.map((h) => ({ date: h.date, name: h.name })),
      actingPrimary: acting(roles.primary, 'primary'),
      actingBackup: acting(roles.backup, 'backup'),
      away: away.map((a) => ({
        login: a.login,
        from: isoUtc(a.from),
        until: isoUtc(a.until),
        source: a.source,
        ...(a.note ? { note: a.note } : {}),
      })),
      ...(view.thread ? { desk: { thread: view.thread, readAt: view.readAt === null ? null : isoUtc(view.readAt) } } : {}),
    });
    return;
  }

  if (!ctx.out.tty) {
    const row = (role: string, a: Assignment | null) => (a ? [[role, a.login ?? '', a.name, isoUtc(a.start), isoUtc(a.end)]] : []);
    const rows = [
      ...row('primary', duty.current?.primary ?? null),
      ...row('backup', duty.current?.backup ?? null),
      ...(['primary', 'backup'] as const).flatMap((r) =>
        roles[r].login
          ? [[`acting-${r}`, roles[r].login!, nameOf(roles[r].login), isoUtc(at), until[r] === null ? '' : isoUtc(until[r]!)]]
          : [],
      ),
      ...duty.upcoming.flatMap((s) => [...row('next-primary', s.primary), ...row('next-backup', s.backup)]),
      ...holidays.map((h) => ['holiday', '', h.name ?? '', h.date, h.date]),
      ...away.map((a) => ['away', a.login, a.note ?? '', isoUtc(a.from), isoUtc(a.until)]),
    ];
    ctx.deps.stdout.write(tsv(rows));
    return;
  }

  const p = ctx.paint;
  const fmt = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('ccc LLL d HH:mm');
  const who = (a: Assignment | null) =>
    a ? (a.login ? `${a.name} ${p.dim(`@${a.login}`)}` : p.yellow(`${a.raw} (not on the team)`)) : p.dim('nobody');
  const lines: string[][] = [];
  const why: Record<string, string> = {
    delegation: 'delegated',
    'delegate-away': 'the delegate is away',
    'primary-away': 'the Primary is away',
    'backup-away': 'the Backup is away',
    'backup-acting-primary': 'the Backup acts as Primary',
    'everyone-away': 'everyone is away',
  };
  const actingCell = (a: Acting, role: 'primary' | 'backup', rota: Assignment | null) => {
    if (a.reason === 'rota' && a.login === (rota?.login ?? null)) return p.dim('same');
    const member = a.login ? `${nameOf(a.login)} ${p.dim(`@${a.login}`)}` : p.yellow('nobody');
    return `${p.yellow(member)} ${p.dim(`(${why[a.reason] ?? a.reason}${until[role] !== null ? `, until ${fmt(until[role]!)}` : ''})`)}`;
  };
  if (duty.current) {
    lines.push(['', p.bold('ROTA'), '', p.bold('ACTING')]);
    for (const [label, role, a] of [
      ['Primary', 'primary', duty.current.primary],
      ['Backup', 'backup', duty.current.backup],
    ] as const) {
      lines.push([
        p.bold(label),
        who(a),
        a ? `${fmt(a.start)} → ${fmt(a.end)} ${p.dim(`(ends ${relative(a.end, ctx.now)})`)}` : '',
        actingCell(roles[role], role, a),
      ]);
    }
  }
  let text = `${p.bold('On duty')} at ${local.toFormat('ccc LLL d yyyy, HH:mm ZZZZ')}\n${table(lines)}`;
  if (away.length > 0) {
    text += `${p.bold('Away')}: ${away.map((a) => `@${a.login} ${fmt(a.from)} → ${fmt(a.until)}${a.note ? ` (${a.note})` : ''}`).join(', ')}\n`;
  }
  if (holidays.length > 0) {
    text += `${p.bold('Holidays this week')}: ${holidays.map((h) => `${DateTime.fromISO(h.date).toFormat('ccc LLL d')}${h.name ? ` (${h.name})` : ''}`).join(', ')}\n`;
  }
  if (duty.upcoming.length > 0) {
    const rows = [
      [p.bold('FROM'), p.bold('TO'), p.bold('PRIMARY'), p.bold('BACKUP')],
      ...duty.upcoming.map((s: Segment) => [
        `${fmt(s.start)} ${p.dim(`(${relative(s.start, ctx.now)})`)}`,
        fmt(s.end),
        who(s.primary),
        who(s.backup),
      ]),
    ];
    text += `\n${p.bold('Next')}\n${table(rows)}`;
  }
  ctx.deps.stdout.write(text);
}
