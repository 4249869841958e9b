import type { Context } from './context.js';
import type { Policy } from '../core/conversation.js';
import { turnsOf } from '../core/conversation.js';
import type { Roles } from '../core/desk.js';
import { awayAt } from '../core/acting.js';
import { classifiedReminders } from '../core/deskPosts.js';
import { actingAt, actingView } from '../app/acting.js';
import { deskTemplate } from '../app/deskPost.js';
import type { NotifyItem, ShiftInfo } from '../core/notify.js';
import { notHandedOff } from '../core/notify.js';
import type { Segment } from '../core/rotation.js';
import { onDutyAt } from '../core/rotation.js';
import type { GitHubPort } from '../github/port.js';
import { loadInquiries } from '../app/inquiries.js';
import { markersOf } from '../core/conversation.js';
import type { ActionResult } from '../core/plan.js';
import { planCloseStale } from '../core/plans/resolve.js';
import { failedResult } from '../app/execute.js';
import { wontfixLabel } from './commands/resolve.js';
import type { WriterFlags } from './flags.js';
import { carryOut } from './writerIo.js';

export interface DeskFacts {
  gh: GitHubPort;
  policy: Policy;
  items: NotifyItem[];
  current: ShiftInfo | null;
  previous: ShiftInfo | null;
  next: ShiftInfo | null;
  rota: Roles;
  acting: Roles;
  members: string[];
  away: ReadonlySet<string>;
  /** classified requests to remind about (SPEC §10) */
  reminders: Array<{ key: string; title: string; to: string[] }>;
  previousPrimary: string | null;
  notHandedOff: NotifyItem[];
  /** what desk.labelNew and desk.closeStale did */
  actions: ActionResult[];
}

const shift = (s: Segment | null | undefined): ShiftInfo | null => (s ? { start: s.start, end: s.end, primary: s.primary?.login ?? null, backup: s.backup?.login ?? null } : null);

/** Everything `notify` decides from: the judged queue, the rota now, who is away; desk.labelNew and desk.closeStale done on the way. */
export async function loadDeskFacts(ctx: Context, flags: WriterFlags): Promise<DeskFacts> {
  const config = ctx.loaded.config;
  const labelNew = Boolean(config.desk.labelNew && config.discussions.label);
  const inq = await loadInquiries(ctx, { includeUnlabelled: labelNew });
  const actions: ActionResult[] = [];
  let discussions = inq.discussions;
  if (labelNew) {
    const label = config.discussions.label!;
    const unlabelled = discussions.filter((d) => !d.labels.includes(label));
    const { labelId } = unlabelled.length && !flags.dryRun ? await inq.github.labelId(inq.repo, label) : { labelId: null };
    for (const d of unlabelled) {
      if (flags.dryRun) actions.push({ kind: 'label', number: d.number, url: d.url, status: 'planned', reason: `add "${label}"` });
      else {
        try {
          await inq.github.addLabels(d.id, [labelId!]);
          actions.push({ kind: 'label', number: d.number, url: d.url, status: 'done', reason: `added "${label}"` });
        } catch (e) {
          actions.push(failedResult({ kind: 'label', number: d.number, url: d.url }, e));
        }
      }
    }
  }

  const duty = onDutyAt(inq.timeline, ctx.now, 1);
  const current = shift(duty.current);
  const previous = current ? shift([...inq.timeline].reverse().find((s) => s.end <= current.start && s.primary?.login !== current.primary)) : null;
  const byNumber = new Map(discussions.map((d) => [d.number, d]));
  let items: NotifyItem[] = inq.assessments.map((a) => {
    const d = byNumber.get(a.number)!;
    return {
      ...a,
      teamReplied: turnsOf(d, inq.policy.team).some((t) => t.side === 'team'),
      kept: previous !== null && markersOf(d, inq.policy.team, 'keep').some((m) => m.createdAt >= previous.start),
    };
  });

  if (config.desk.closeStale) {
    const stale = items.filter((a) => a.stale);
    const closed = new Set<number>();
    if (stale.length) {
      const label = await wontfixLabel(ctx, inq.github, inq.repo);
      const plan = planCloseStale({ discussions, stale, assessments: inq.assessments, team: inq.policy.team, label, staleAfterDays: inq.policy.staleAfterDays }, {});
      for (const r of await carryOut(ctx, plan, { ...flags, yes: true }, { gh: inq.github, repo: inq.repo, team: inq.policy.team })) {
        actions.push(r);
        if (r.status === 'done' && r.number !== null) closed.add(r.number);
      }
    }
    items = items.filter((a) => !closed.has(a.number));
    discussions = discussions.filter((d) => !closed.has(d.number));
  }

  const members = ctx.loaded.team.map((m) => m.login);
  // Away notices and delegations from the desk thread, and the team file's unavailability (SPEC §10).
  const view = await actingView(ctx, { live: true });
  const roles = actingAt(view, inq.timeline, ctx.loaded.team, ctx.now);
  const away = new Set(awayAt(view.away, ctx.now).map((a) => a.login));
  const reminderTemplate = view.desk.requests.length ? await deskTemplate(ctx, 'classified-reminder') : null;
  const reminders = reminderTemplate ? classifiedReminders(view.desk, ctx.now, inq.policy.calendar, 60, ctx.zone, reminderTemplate).map((r) => ({ key: r.key, title: r.text, to: r.to })) : [];
  const rota = { primary: current?.primary ?? null, backup: current?.backup ?? null };
  const facts = { items, current, previous };
  return {
    gh: inq.github,
    policy: inq.policy,
    items,
    current,
    previous,
    next: shift(duty.upcoming[0]),
    rota,
    acting: { primary: roles.primary.login, backup: roles.backup.login },
    reminders,
    members,
    away,
    previousPrimary: previous?.primary ?? null,
    notHandedOff: notHandedOff(facts),
    actions,
  };
}
