import { DateTime } from 'luxon';
import { terminalText } from '../../core/userText.js';
import type { Acting, DelegationView } from '../../core/acting.js';
import type { Assignment, Segment, onDutyAt } from '../../core/rotation.js';
import type { awayDuring } from '../../app/acting.js';
import type { Context } from '../../shell/context.js';
import { table, tsv, writeJson } from '../../shell/output.js';
import { isoUtc, relative } from '../../core/timeText.js';
import { holidayLabel } from '../../core/holidays.js';

/** What `who` found, collected before any of it is rendered (STYLE: collect, then render). */
export interface WhoFacts {
  at: number;
  local: DateTime;
  duty: ReturnType<typeof onDutyAt>;
  roles: { primary: Acting; backup: Acting; delegation: DelegationView | null };
  until: { primary: number | null; backup: number | null };
  away: ReturnType<typeof awayDuring>;
  holidays: Awaited<ReturnType<Context['holidays']>>;
  desk: { thread: string; readAt: number | null } | null;
}

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

/** The same facts as JSON, as tab-separated rows when piped, or as tables on a terminal. */
export function renderWho(ctx: Context, f: WhoFacts): void {
  const { at, local, duty, roles, until, away, holidays } = f;
  const nameOf = (login: string | null) => ctx.loaded.team.find((m) => m.login === login)?.name ?? login ?? '';
  const acting = (a: Acting, role: 'primary' | 'backup') =>
    a.login === null
      ? null
      : { login: a.login, name: nameOf(a.login), reason: a.reason, until: until[role] === null ? null : isoUtc(until[role]!) };
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
      delegation: roles.delegation
        ? {
            from: roles.delegation.delegation.from,
            to: roles.delegation.delegation.to,
            start: isoUtc(roles.delegation.start),
            until: isoUtc(roles.delegation.until),
            state: roles.delegation.state,
          }
        : null,
      away: away.map((a) => ({
        login: a.login,
        from: isoUtc(a.from),
        until: isoUtc(a.until),
        source: a.source,
        ...(a.note ? { note: a.note } : {}),
      })),
      ...(f.desk ? { desk: { thread: f.desk.thread, readAt: f.desk.readAt === null ? null : isoUtc(f.desk.readAt) } } : {}),
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
      ...(roles.delegation
        ? [
            [
              `delegation-${roles.delegation.state}`,
              roles.delegation.delegation.to,
              nameOf(roles.delegation.delegation.to),
              isoUtc(roles.delegation.start),
              isoUtc(roles.delegation.until),
            ],
          ]
        : []),
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
    a ? (a.login ? `${a.name} ${p.dim(`@${a.login}`)}` : p.yellow(`${terminalText(a.raw)} (not on the team)`)) : p.dim('nobody');
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
  const d = roles.delegation;
  if (d) {
    const what =
      d.state === 'accepted'
        ? `@${d.delegation.to} acts as Primary for @${d.delegation.from}`
        : `@${d.delegation.from} asks @${d.delegation.to} to act as Primary`;
    const waiting = d.state === 'proposed' ? p.dim(` (proposed: nothing changes until @${d.delegation.to} accepts)`) : '';
    text += `${p.bold('Delegation')}: ${what}, ${fmt(d.start)} → ${fmt(d.until)}${waiting}\n`;
  }
  if (away.length > 0) {
    text += `${p.bold('Away')}: ${away.map((a) => `@${a.login} ${fmt(a.from)} → ${fmt(a.until)}${a.note ? ` (${terminalText(a.note)})` : ''}`).join(', ')}\n`;
  }
  if (holidays.length > 0) {
    text += `${p.bold('Holidays this week')}: ${holidays.map((h) => terminalText(holidayLabel(h))).join(', ')}\n`;
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
