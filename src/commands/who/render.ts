import { DateTime } from 'luxon';
import { terminalText } from '../../core/userText.js';
import type { Acting, DelegationView } from '../../core/acting.js';
import type { Assignment, Segment, onDutyAt } from '../../core/rotation.js';
import type { awayDuring } from '../../app/acting.js';
import type { Context } from '../../shell/context.js';
import { tsv, writeJson } from '../../shell/output.js';
import type { Cell } from '../../shell/terminal.js';
import { fitTable, terminalFacts, wrapText } from '../../shell/terminal.js';
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
  const width = terminalFacts(ctx.deps).columns;
  // Shifts run midnight to midnight: the hour only when it says something.
  const fmt = (ms: number) => {
    const t = DateTime.fromMillis(ms, { zone: ctx.zone });
    return t.toFormat(t.hour === 0 && t.minute === 0 ? 'ccc LLL d' : 'ccc LLL d HH:mm');
  };
  // A person shortens to the login where the full name does not fit.
  const who = (a: Assignment | null): Cell =>
    a
      ? a.login
        ? [`${a.name} ${p.dim(`@${a.login}`)}`, p.dim(`@${a.login}`)]
        : p.yellow(`${terminalText(a.raw)} (not on the team)`)
      : p.dim('nobody');
  const why: Record<string, string> = {
    delegation: 'delegated',
    'delegate-away': 'the delegate is away',
    'primary-away': 'the Primary is away',
    'backup-away': 'the Backup is away',
    'backup-acting-primary': 'the Backup acts as Primary',
    'everyone-away': 'everyone is away',
  };
  const actingCell = (a: Acting, role: 'primary' | 'backup', rota: Assignment | null): Cell => {
    if (a.reason === 'rota' && a.login === (rota?.login ?? null)) return p.dim('same');
    const login = a.login ? `@${a.login}` : 'nobody';
    const member = a.login ? `${nameOf(a.login)} ${p.dim(login)}` : p.yellow('nobody');
    const why_ = why[a.reason] ?? a.reason;
    const note = p.dim(`(${why_}${until[role] !== null ? `, until ${fmt(until[role]!)}` : ''})`);
    // Who acts, and why, outlast the shift's dates: the other columns go before this one is cut.
    return [`${p.yellow(member)} ${note}`, `${p.yellow(login)} ${note}`, `${p.yellow(login)} ${p.dim(`(${why_})`)}`];
  };
  let text = `${p.bold('On duty')} at ${local.toFormat('ccc LLL d yyyy, HH:mm ZZZZ')}\n`;
  if (duty.current) {
    const rows = (
      [
        ['Primary', 'primary', duty.current.primary],
        ['Backup', 'backup', duty.current.backup],
      ] as const
    ).map(([label, role, a]): Cell[] => [
      p.bold(label),
      who(a),
      a ? `${fmt(a.start)} → ${fmt(a.end)}` : '',
      a ? p.dim(relative(a.end, ctx.now)) : '',
      actingCell(roles[role], role, a),
    ]);
    text += fitTable(
      rows,
      [
        { head: p.bold('ROLE') },
        // Names shorten to logins, then the end and the dates go, before who acts and why is cut.
        { head: p.bold('ROTA'), shrink: 1, together: true },
        { head: p.bold('SHIFT'), drop: 3 },
        { head: p.bold('ENDS'), drop: 2 },
        { head: p.bold('ACTING'), shrink: 4, together: true },
      ],
      width,
    );
  }
  const d = roles.delegation;
  if (d) {
    const what =
      d.state === 'accepted'
        ? `@${d.delegation.to} acts as Primary for @${d.delegation.from}`
        : `@${d.delegation.from} asks @${d.delegation.to} to act as Primary`;
    const waiting = d.state === 'proposed' ? p.dim(` (proposed: nothing changes until @${d.delegation.to} accepts)`) : '';
    text += `${wrapText(`${p.bold('Delegation')}: ${what}, ${fmt(d.start)} → ${fmt(d.until)}${waiting}`, width)}\n`;
  }
  if (away.length > 0) {
    text += `${wrapText(`${p.bold('Away')}: ${away.map((a) => `@${a.login} ${fmt(a.from)} → ${fmt(a.until)}${a.note ? ` (${terminalText(a.note)})` : ''}`).join(', ')}`, width)}\n`;
  }
  if (holidays.length > 0) {
    text += `${wrapText(`${p.bold('Holidays this week')}: ${holidays.map((h) => terminalText(holidayLabel(h))).join(', ')}`, width)}\n`;
  }
  if (duty.upcoming.length > 0) {
    const rows = duty.upcoming.map((s: Segment): Cell[] => [
      fmt(s.start),
      fmt(s.end),
      p.dim(relative(s.start, ctx.now)),
      who(s.primary),
      who(s.backup),
    ]);
    text += `\n${p.bold('Next')}\n${fitTable(
      rows,
      [
        { head: p.bold('FROM') },
        { head: p.bold('TO'), drop: 2 },
        { head: p.bold('STARTS'), drop: 3 },
        { head: p.bold('PRIMARY'), shrink: 1, together: true },
        { head: p.bold('BACKUP'), shrink: 1, together: true },
      ],
      width,
    )}`;
  }
  ctx.deps.stdout.write(text);
}
