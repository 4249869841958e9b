import type { Context } from '../../shell/context.js';
import { tsv } from '../../shell/output.js';
import type { Cell, Column } from '../../shell/terminal.js';
import { fitTable, terminalFacts } from '../../shell/terminal.js';
import { weekLabel } from '../../core/rotationPlan.js';

/** One member's Primary share, as `schedule check` and `schedule generate` both state it. */
export interface ShareRow {
  login: string;
  targetShare: number;
  targetWeeks: number;
  primaryWeeks: number;
  backupWeeks: number;
  weeksSinceLastPrimary?: number | null;
}

/** A headed table fitted to the terminal, headed TSV when piped: the header says what each number counts. */
function headed(ctx: Context, columns: Array<Column & { head: readonly string[] }>, rows: Cell[][]): string {
  if (!ctx.out.tty) return tsv([columns.map((c) => c.head[0]!), ...rows.map((r) => r.map((c) => (typeof c === 'string' ? c : c.at(-1)!)))]);
  const bold = columns.map((c) => ({ ...c, head: c.head.map((h) => ctx.paint.bold(h)) }));
  return fitTable(rows, bold, terminalFacts(ctx.deps).columns);
}

/** Shares in one unit everywhere: the percent of the team's time, and weeks (target against held). */
export function shareTable(ctx: Context, rows: readonly ShareRow[]): string {
  const since = rows.some((r) => r.weeksSinceLastPrimary !== undefined);
  const round1 = (x: number) => String(Math.round(x * 10) / 10);
  return headed(
    ctx,
    [
      { head: ['LOGIN'], min: 8, shrink: 2 },
      { head: ['SHARE'] },
      { head: ['TARGET WEEKS', 'TARGET'], shrink: 1 },
      { head: ['PRIMARY WEEKS', 'PRIMARY'], shrink: 1 },
      { head: ['BACKUP WEEKS', 'BACKUP'], shrink: 1 },
      ...(since ? [{ head: ['WEEKS SINCE PRIMARY'], drop: 3 }] : []),
    ],
    rows.map((r) => [
      r.login,
      `${Math.round(r.targetShare * 100)}%`,
      round1(r.targetWeeks),
      round1(r.primaryWeeks),
      round1(r.backupWeeks),
      ...(since ? [r.weeksSinceLastPrimary == null ? '-' : String(r.weeksSinceLastPrimary)] : []),
    ]),
  );
}

/** The planned weeks as a person reads them: week, its Monday, Primary, Backup. */
export function weeksTable(
  ctx: Context,
  weeks: ReadonlyArray<{ monday: string; primary: string; backup: string }>,
  names: ReadonlyMap<string, string>,
): string {
  // A person shortens to the login where the full name does not fit.
  const who = (login: string): Cell => (ctx.out.tty ? [`${names.get(login) ?? login} (@${login})`, `@${login}`] : login);
  return headed(
    ctx,
    [
      { head: ['WEEK'] },
      { head: ['MONDAY'], drop: 2 },
      { head: ['PRIMARY'], shrink: 1, together: true },
      { head: ['BACKUP'], shrink: 1, together: true },
    ],
    weeks.map((w) => [weekLabel(w.monday), w.monday, who(w.primary), who(w.backup)]),
  );
}
