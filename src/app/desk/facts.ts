import type { AppContext } from '../context.js';
import type { Policy } from '../../core/conversation.js';
import { turnsOf } from '../../core/conversation.js';
import type { Roles } from '../../core/desk.js';
import { awayAt, offDuty } from '../../core/acting.js';
import { classifiedReminders, contactReminders, expiredProposalNotices, openIncidents } from '../../core/deskPosts.js';
import { actingAt, actingRolesAt, actingView, dutyInstant, proposedByPrimary } from '../acting.js';
import { deskTemplate } from './post.js';
import type { NotifyItem, ShiftInfo } from '../../core/notify.js';
import { notHandedOff } from '../../core/notify.js';
import type { Segment } from '../../core/rotation.js';
import { onDutyAt } from '../../core/rotation.js';
import type { GitHubPort } from '../../github/port.js';
import { keptByOwner } from '../inquiries.js';
import type { Watched } from './watch.js';
import { readWatched } from './watch.js';
import { execute } from '../execute.js';
import { loadTemplate } from '../templates.js';
import type { ActionResult, Plan } from '../../core/plans/plan.js';
import { plannedResults } from '../../core/plans/plan.js';
import { planCloseStale } from '../../core/plans/resolve.js';
import { wontfixLabel } from '../labels.js';

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
  /** serious incidents whose postmortem is not linked yet, for the board */
  incidents: Array<{ number: number; url: string; title: string }>;
  /** classified requests, contacts not confirmed, delegation proposals that expired unaccepted (docs/process.md#acting-roles) */
  reminders: Array<{ key: string; title: string; to: string[]; when?: 'classified-reminder' | 'contact-reminder' | 'delegate-expired' }>;
  /** unresolved inquiries whose owner is off duty (docs/process.md#off-duty-owners) */
  offDuty: NotifyItem[];
  previousPrimary: string | null;
  notHandedOff: NotifyItem[];
  /** what desk.labelNew and desk.closeStale did */
  actions: ActionResult[];
  /** the desk thread as read, the keys sent, what a webhook still owes, and how to save what was learned (app/desk/watch.ts) */
  watched: Omit<Watched, 'inq'>;
}

const shift = (s: Segment | null | undefined): ShiftInfo | null =>
  s ? { start: s.start, end: s.end, primary: s.primary?.login ?? null, backup: s.backup?.login ?? null } : null;

/** Everything `notify` decides from: the judged queue, the rota now, who is away; desk.labelNew and desk.closeStale done on the way. */
export async function loadDeskFacts(ctx: AppContext, flags: { dryRun?: boolean }): Promise<DeskFacts> {
  const config = ctx.loaded.config;
  const labelNew = Boolean(config.desk.labelNew && config.discussions.label);
  const { inq, ...watched } = await readWatched(ctx, { includeUnlabelled: labelNew });
  const actions: ActionResult[] = [];
  const discussions = inq.discussions;
  const run = async (plan: Plan) =>
    flags.dryRun ? plannedResults(plan) : execute(plan, inq.github, { repo: inq.repo, team: inq.policy.team, now: () => ctx.deps.now() });
  if (labelNew) {
    // The process asks every inquiry to carry the SRE label: the in-category ones without it get it, and so enter the scope.
    const label = config.discussions.label!;
    const unlabelled = discussions.filter((d) => !d.labels.includes(label));
    const { labelId } = unlabelled.length && !flags.dryRun ? await inq.github.labelId(inq.repo, label) : { labelId: null };
    const plan: Plan = {
      warnings: [],
      actions: unlabelled.map((d) => ({
        kind: 'label',
        number: d.number,
        url: d.url,
        key: `label:${d.number}:${label}`,
        reason: `added "${label}"`,
        plannedReason: `would add "${label}"`,
        keepUrl: true,
        steps: [{ op: 'add-labels' as const, labelableId: d.id, labelIds: [labelId ?? ''] }],
      })),
    };
    actions.push(...(await run(plan)));
  }

  const duty = onDutyAt(inq.timeline, ctx.now, 1);
  const current = shift(duty.current);
  const previous = current
    ? shift([...inq.timeline].reverse().find((s) => s.end <= current.start && s.primary?.login !== current.primary))
    : null;
  const byNumber = new Map(discussions.map((d) => [d.number, d]));
  const kept = keptByOwner(inq, current?.start ?? null, ctx.zone);
  // Away notices and delegations from the desk thread, and the team file's unavailability (docs/process.md#acting-roles).
  const view = await actingView(ctx, { live: true });
  const onDuty = actingRolesAt(view, inq.timeline, ctx.loaded.team)(dutyInstant(inq.policy.calendar, ctx.now));
  let items: NotifyItem[] = inq.assessments.map((a) => {
    const d = byNumber.get(a.number)!;
    return {
      ...a,
      teamReplied: turnsOf(d, inq.policy.team).some((t) => t.side === 'team'),
      // Kept by its owner for this shift: not off duty (docs/process.md#off-duty-owners), and not a missed handoff.
      kept: kept(a),
      offDuty: offDuty(a.owner, onDuty, kept(a)),
    };
  });

  if (config.desk.closeStale) {
    // What `overdue --close-stale --yes` does (docs/process.md#duty-desk), through the same plan and executor.
    const stale = items.filter((a) => a.stale);
    if (stale.length) {
      const label = flags.dryRun ? { name: config.labels.wontfix, id: '' } : await wontfixLabel(ctx, inq.github, inq.repo);
      const template = await loadTemplate(ctx, config.templates.closing, 'closing.md');
      const results = await run(
        planCloseStale({ ...inq, stale, team: inq.policy.team, label, staleAfterDays: inq.policy.staleAfterDays, template }, {}),
      );
      actions.push(...results);
      const closed = new Set(results.filter((r) => r.status === 'done').map((r) => r.number));
      items = items.filter((a) => !closed.has(a.number));
    }
  }

  const members = ctx.loaded.team.map((m) => m.login);
  const roles = actingAt(view, inq.timeline, ctx.loaded.team, ctx.now);
  const away = new Set(awayAt(view.away, ctx.now).map((a) => a.login));
  const reminderTemplate = view.desk.requests.length ? await deskTemplate(ctx, 'classified-reminder') : null;
  const reminders: DeskFacts['reminders'] = reminderTemplate
    ? classifiedReminders(view.desk, ctx.now, inq.policy.calendar, 60, ctx.zone, reminderTemplate).map((r) => ({
        key: r.key,
        title: r.text,
        to: r.to,
      }))
    : [];
  // Proposals of this shift that expired unaccepted, told once to their Primary (docs/process.md#delegation); the feed is read back to the shift's start.
  if (current && view.desk.delegations.some((d) => d.state === 'proposed' && d.until <= ctx.now)) {
    const valid = proposedByPrimary(view, inq.timeline, ctx.loaded.team);
    const template = await deskTemplate(ctx, 'delegate-expired');
    reminders.push(...expiredProposalNotices(view.desk, current.start, ctx.now, valid, ctx.zone, template));
  }
  // A redirected customer not confirmed as reaching the owner after a business hour (the three-way handoff).
  const open = new Set(items.filter((a) => a.state !== 'resolved').map((a) => a.number));
  for (const r of contactReminders(view.desk, ctx.now, inq.policy.calendar, open))
    reminders.push({ key: r.key, title: r.title, to: r.to, when: 'contact-reminder' });
  const acting = { primary: roles.primary.login, backup: roles.backup.login };
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
    acting,
    offDuty: items.filter((a) => a.state !== 'resolved' && a.offDuty),
    reminders,
    incidents: openIncidents(view.desk),
    members,
    away,
    previousPrimary: previous?.primary ?? null,
    notHandedOff: notHandedOff(facts),
    actions,
    watched,
  };
}
