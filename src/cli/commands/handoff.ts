import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import type { Assessment } from '../../core/conversation.js';
import { onDutyAt } from '../../core/rotation.js';
import { fillTemplate } from '../../core/template.js';
import { UsageError } from '../../core/errors.js';
import { loadInquiries } from '../inquiries.js';
import type { Action, WriterFlags } from '../writers.js';
import { failed, postOnce } from '../writers.js';
import { confirmPlan, effortMinutes, failureReason, loadTemplate, markersOf, mention, parseLogins, parseNumber, report, withMarker } from '../writers.js';
import { warn } from '../output.js';

export interface HandoffOptions extends WriterFlags {
  to?: string;
  backup?: string;
  from?: string;
  keep?: string[];
}

function stateText(a: Assessment): string {
  if (a.overdue) return 'waiting for our answer (overdue)';
  if (a.state === 'waiting-on-team') return 'waiting for our answer';
  if (a.stale) return 'waiting for your reply for a while';
  return 'waiting for your reply';
}

/** End of week: hands each unresolved discussion of the outgoing Primary to the next one. */
export async function runHandoff(opts: HandoffOptions, ctx: Context): Promise<number> {
  const keep = new Set((opts.keep ?? []).flatMap((k) => k.split(',')).filter(Boolean).map((k) => parseNumber(k)));
  const [toFlag] = parseLogins(opts.to ? [opts.to] : [], '--to');
  const [backupFlag] = parseLogins(opts.backup ? [opts.backup] : [], '--backup');
  const [fromFlag] = parseLogins(opts.from ? [opts.from] : [], '--from');
  const effort = effortMinutes(opts);
  const inq = await loadInquiries(ctx);
  const duty = onDutyAt(inq.timeline, ctx.now, 1);
  // The shift in progress; over a gap, the one that ended last.
  const current = duty.current ?? [...inq.timeline].reverse().find((s) => s.end <= ctx.now) ?? null;
  const next = duty.upcoming[0] ?? null;
  const from = fromFlag ?? current?.primary?.login ?? null;
  const to = toFlag ?? next?.primary?.login ?? null;
  const backup = backupFlag ?? next?.backup?.login ?? null;
  if (!from) throw new UsageError('cannot tell who the outgoing Primary is', 'pass --from LOGIN, or check the rotation calendar');
  if (!fromFlag && duty.current && ctx.now - duty.current.start < 86_400_000) {
    // Run on Monday morning, "the shift in progress" is the one that just began.
    warn(ctx.deps, `the shift in progress began ${Math.round((ctx.now - duty.current.start) / 3_600_000)} h ago, so @${from} is taken as the outgoing Primary; pass --from LOGIN to hand off last week's`);
  }
  if (!to) throw new UsageError('cannot tell who the next Primary is', 'pass --to LOGIN, or plan the rotation further ahead');
  if (to === from) throw new UsageError(`@${to} is both the outgoing and the next Primary`, 'pass --to with someone else');
  for (const l of [to, backup]) if (l && !ctx.loaded.team.some((m) => m.login === l)) warn(ctx.deps, `@${l} is not on the team`);
  const nextStart = next?.start ?? current?.end ?? ctx.now;
  const week = DateTime.fromMillis(nextStart, { zone: ctx.zone }).toFormat("kkkk-'W'WW");
  const template = await loadTemplate(ctx, ctx.loaded.config.templates.handoff, 'handoff.md');

  const byNumber = new Map(inq.discussions.map((d) => [d.number, d]));
  // Those already handed over this week (by an earlier run) are listed as skipped, not posted again.
  const handedEarlier = (n: number) => markersOf(byNumber.get(n)!, inq.policy, 'handoff').some((m) => m.marker.week === week && m.marker.from === from);
  const owned = inq.assessments.filter((a) => a.state !== 'resolved' && (a.owner === from || handedEarlier(a.number)));
  const actions: Action[] = [];
  const previews: string[] = [];
  const toPost: Array<{ a: Assessment; body: string }> = [];
  for (const a of owned) {
    const d = byNumber.get(a.number)!;
    if (keep.has(a.number)) {
      actions.push({ kind: 'handoff', number: a.number, url: a.url, status: 'skipped', reason: `kept by @${from}` });
      continue;
    }
    if (handedEarlier(a.number)) {
      actions.push({ kind: 'handoff', number: a.number, url: a.url, status: 'skipped', reason: `already handed to @${a.handedOffTo} for ${week}` });
      continue;
    }
    const text = fillTemplate(
      template.text,
      {
        user: mention(a.author),
        next_primary: mention(to),
        next_backup: mention(backup),
        from: mention(from),
        state: stateText(a),
        week,
        week_start: DateTime.fromMillis(nextStart, { zone: ctx.zone }).toFormat('LLL d'),
        title: a.title,
        number: String(a.number),
      },
      template.source,
    );
    const body = withMarker(text, 'handoff', { to, from, week, ...(backup ? { backup } : {}) }, effort);
    toPost.push({ a, body });
  }
  for (const n of keep) if (!owned.some((a) => a.number === n)) warn(ctx.deps, `--keep #${n}: not an unresolved discussion of @${from}`);

  if (opts.dryRun) {
    for (const { a, body } of toPost) {
      actions.push({ kind: 'handoff', number: a.number, url: a.url, status: 'planned' });
      previews.push(`#${a.number} ${a.title}\n\n${body}`);
    }
  } else if (toPost.length > 0 && (await confirmPlan(ctx, opts, `Post ${toPost.length} handoff comment${toPost.length === 1 ? '' : 's'} to @${to}?`, toPost.map(({ a }) => `#${a.number} ${a.title} (${stateText(a)})`)))) {
    let stopped = false;
    for (const { a, body } of toPost) {
      if (stopped) {
        actions.push({ kind: 'handoff', number: a.number, url: a.url, status: 'skipped', reason: 'not attempted after a failure; run again' });
        continue;
      }
      try {
        const c = await postOnce(inq.github, inq.repo, byNumber.get(a.number)!, body);
        actions.push({ kind: 'handoff', number: a.number, url: c.url, status: 'done' });
      } catch (e) {
        stopped = true;
        actions.push(failed({ kind: 'handoff', number: a.number, url: a.url }, e));
      }
    }
  } else if (toPost.length > 0) {
    for (const { a } of toPost) actions.push({ kind: 'handoff', number: a.number, url: a.url, status: 'skipped', reason: 'not confirmed' });
  }
  actions.sort((x, y) => (x.number ?? 0) - (y.number ?? 0));

  const code = report(ctx, actions, opts, previews);
  if (!ctx.out.json) ctx.deps.stdout.write(`\n${summary(ctx, inq.assessments, { from, to, backup, week, keep, actions })}`);
  return code;
}

function summary(ctx: Context, all: Assessment[], h: { from: string; to: string; backup: string | null; week: string; keep: Set<number>; actions: Action[] }): string {
  const weekAgo = ctx.now - 7 * 86_400_000;
  const line = (a: Assessment, extra = '') => `- [#${a.number}](${a.url}) ${a.title}${extra}`;
  const handed = new Set(h.actions.filter((a) => a.status === 'done' || a.status === 'planned' || a.reason?.startsWith('already')).map((a) => a.number));
  const sections: Array<[string, string[]]> = [
    ['Resolved this week', all.filter((a) => a.state === 'resolved' && (a.lastUserActivityAt ?? 0) >= weekAgo).map((a) => line(a))],
    [`Handed over to @${h.to}`, all.filter((a) => handed.has(a.number)).map((a) => line(a, ` — ${a.state}${a.overdue ? ', overdue' : ''}`))],
    [`Kept by @${h.from}`, all.filter((a) => h.keep.has(a.number)).map((a) => line(a, ` — ${a.state}`))],
    ['Overdue', all.filter((a) => a.overdue).map((a) => line(a, a.owner ? ` — @${a.owner}` : ''))],
    ['Stale', all.filter((a) => a.stale).map((a) => line(a, ` — user silent ${Math.floor(a.daysSinceUserActivity ?? 0)} days`))],
  ];
  return `## Support handoff ${h.week}: @${h.from} → @${h.to}${h.backup ? ` (Backup @${h.backup})` : ''}\n\n${sections.map(([title, lines]) => `### ${title}\n\n${lines.length ? lines.join('\n') : '_none_'}\n`).join('\n')}`;
}
