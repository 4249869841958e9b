import type { Context } from '../../shell/context.js';
import { teamRuleOf } from '../../core/conversation.js';
import { formatDuration, parseDuration } from '../../core/duration.js';
import { UsageError } from '../../core/errors.js';
import { planEffort } from '../../core/plans/effort.js';
import { parseWhen } from '../../core/timeInput.js';
import { isoUtc } from '../../core/timeText.js';
import { parseRepo } from '../../github/port.js';
import { github } from '../../app/inquiries.js';
import type { Outcome } from '../../shell/errors.js';
import { parseLogins, parseNumber } from '../../shell/flags.js';
import { writeJson } from '../../shell/output.js';
import { carryOut, confirmOutOfScope, reportActions } from '../../shell/writerIo.js';
import { appendJournal } from '../../store/journal.js';
import type { HousekeepingRecord } from '../../store/journal.js';
import type { EffortOptions } from './effort.flags.js';

export type { EffortOptions };

/** Records effort after the fact: a bookkeeping comment on a discussion, or housekeeping in the local journal. */
export async function runEffort(first: string, second: string | undefined, opts: EffortOptions, ctx: Context): Promise<Outcome | void> {
  const at = opts.at === undefined ? ctx.now : parseWhen(opts.at, ctx.now, ctx.zone, '--at').toMillis();
  if (at > ctx.now) throw new UsageError(`--at ${isoUtc(at)} is in the future`, 'record effort once the work is done');
  if (opts.housekeeping) {
    if (second !== undefined)
      throw new UsageError('--housekeeping takes the duration only', 'visit-sre effort --housekeeping 2h --note "..."');
    return housekeeping(ctx, opts, parseDuration(first, 'duration'), at);
  }
  if (opts.as !== undefined) throw new UsageError('--as goes with --housekeeping', 'effort on a discussion is recorded as you');
  if (second === undefined)
    throw new UsageError('how long?', 'give the discussion and the duration: visit-sre effort 4321 45m (or --housekeeping 45m)');
  const number = parseNumber(first);
  const minutes = parseDuration(second, 'duration');
  const gh = await github(ctx);
  const repo = parseRepo(ctx.loaded.config.repository);
  const d = await gh.discussion(repo, number);
  await confirmOutOfScope(ctx, d, { ...opts, force: true });
  const team = teamRuleOf(ctx.loaded.team, ctx.loaded.config);
  const who = await gh.viewer().then(
    (v) => v.login,
    () => null,
  );
  const plan = planEffort({ discussion: d, team, minutes, at, who, note: opts.note });
  return reportActions(ctx, await carryOut(ctx, plan, opts, { gh, repo, team }), opts, plan);
}

/** `--housekeeping`: no discussion, nothing sent; one line in this machine's journal. */
async function housekeeping(ctx: Context, opts: EffortOptions, minutes: number, at: number): Promise<Outcome | void> {
  const [who] = parseLogins(opts.as === undefined ? [] : [opts.as], '--as');
  const record: HousekeepingRecord = {
    kind: 'housekeeping',
    at: isoUtc(at),
    who: who ?? null,
    effortMinutes: minutes,
    note: opts.note?.trim() || null,
    loggedAt: isoUtc(ctx.now),
  };
  const action = { kind: 'housekeeping', number: null, url: null };
  if (opts.dryRun) {
    if (ctx.out.json) writeJson(ctx.deps.stdout, { dryRun: true, actions: [{ ...action, status: 'planned' }], journal: record });
    else ctx.deps.stdout.write(`would journal ${JSON.stringify(record)}\n`);
    return;
  }
  const file = await appendJournal(ctx.deps.env, ctx.deps.homedir, ctx.deps.fs, record);
  const done = { ...action, status: 'done' as const, reason: 'journal only' };
  if (ctx.out.json) writeJson(ctx.deps.stdout, { dryRun: false, actions: [done], journal: file });
  else ctx.deps.stdout.write(`Recorded ${formatDuration(minutes)} of housekeeping in the local journal (${file}).\n`);
  return { kind: 'actions', actions: [done] };
}
