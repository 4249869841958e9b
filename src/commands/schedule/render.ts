import type { Context } from '../../shell/context.js';
import { table, tsv } from '../../shell/output.js';
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

/** A headed table on a terminal, headed TSV when piped: the header says what each number counts. */
function headed(ctx: Context, head: string[], rows: string[][]): string {
  return ctx.out.tty ? table([head.map((h) => ctx.paint.bold(h)), ...rows]) : tsv([head, ...rows]);
}

/** Shares in one unit everywhere: the percent of the team's time, and weeks (target against held). */
export function shareTable(ctx: Context, rows: readonly ShareRow[]): string {
  const since = rows.some((r) => r.weeksSinceLastPrimary !== undefined);
  const head = ['LOGIN', 'SHARE', 'TARGET WEEKS', 'PRIMARY WEEKS', 'BACKUP WEEKS', ...(since ? ['WEEKS SINCE PRIMARY'] : [])];
  const round1 = (x: number) => String(Math.round(x * 10) / 10);
  return headed(
    ctx,
    head,
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
  const who = (login: string) => (ctx.out.tty ? `${names.get(login) ?? login} (@${login})` : login);
  return headed(
    ctx,
    ['WEEK', 'MONDAY', 'PRIMARY', 'BACKUP'],
    weeks.map((w) => [weekLabel(w.monday), w.monday, who(w.primary), who(w.backup)]),
  );
}
