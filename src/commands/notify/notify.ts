import type { Context } from '../../shell/context.js';
import { boardChanged } from '../../core/board.js';
import { MAX_PER_RUN, planNotifications } from '../../core/notify.js';
import type { Outcome } from '../../shell/errors.js';
import { renderNotify } from './render.js';
import { notifyComment } from '../../app/desk/thread.js';
import { deliver } from '../../app/desk/feed.js';
import { renderBoard } from '../../app/desk/board.js';
import { loadDeskFacts } from '../../app/desk/facts.js';
import { webhookFrom } from '../../app/desk/webhook.js';
import type { ActionResult, ActionStatus } from '../../core/plans/plan.js';
import type { NotifyOptions } from './notify.flags.js';
import { plural } from '../../core/words.js';

export type { NotifyOptions };

/** The duty desk's watch (docs/process.md#duty-desk): tell the right people once, and keep the board current. */
export async function runNotify(opts: NotifyOptions, ctx: Context): Promise<Outcome> {
  const config = ctx.loaded.config;
  const facts = await loadDeskFacts(ctx, opts);
  const { gh, policy, items, watched } = facts;
  const { desk } = watched;
  const actions: ActionResult[] = [...facts.actions];
  const plan = planNotifications({
    ...facts,
    escalation: config.escalation,
    sent: watched.sent,
    now: ctx.now,
    calendar: policy.calendar,
    outsideBusinessHours: config.desk.notifyOutsideBusinessHours,
  });
  const board = renderBoard({
    ...facts,
    away: [...facts.away].sort(),
    now: ctx.now,
    zone: ctx.zone,
    calendar: policy.calendar,
    held: plan.held.length,
  });
  const hook = webhookFrom(ctx.deps.env, config.desk.webhook);
  let status = new Map<string, { status: ActionStatus; reason?: string }>();
  let boardUpdated = false;
  let done = { sent: [] as string[], pending: watched.pending };

  if (opts.dryRun) {
    plan.notifications.forEach((n) => status.set(n.key, { status: 'planned' }));
    boardUpdated = boardChanged(desk.thread.body, board);
    if (!ctx.out.json) {
      if (plan.notifications.length)
        ctx.deps.stdout.write(`Would post to ${desk.thread.url}:\n\n${notifyComment(plan.notifications, ctx, 'dry-run')}\n\n`);
      ctx.deps.stdout.write(boardUpdated ? `Would rewrite the board:\n\n${board}\n\n` : 'The board is unchanged.\n');
    }
  } else {
    const delivery = await deliver(ctx, facts, plan.notifications, board, hook);
    ({ status, boardUpdated } = delivery);
    actions.push(...delivery.actions);
    done = { sent: delivery.sent, pending: delivery.pending };
  }
  await watched.save(done);
  plan.held.forEach((n) =>
    status.set(n.key, { status: 'skipped', reason: 'outside business hours: sent at the first run in business hours' }),
  );
  plan.deferred.forEach((n) => status.set(n.key, { status: 'skipped', reason: `more than ${MAX_PER_RUN} at once: sent by the next run` }));

  const notifications = [...plan.notifications, ...plan.held, ...plan.deferred].map((n) => ({
    key: n.key,
    when: n.when,
    number: n.number,
    url: n.url,
    to: n.to,
    covers: n.covers,
    ...status.get(n.key)!,
  }));
  const cost = { points: gh.points, requests: gh.requestCount };
  ctx.verbose(
    `notify: ${plural(cost.points, 'point')} of GitHub's hourly GraphQL limit in ${plural(cost.requests, 'request')} (${watched.warm ? 'what changed since the last run' : 'everything read: no usable state'})`,
  );
  renderNotify(ctx, opts, { notifications, actions, boardUpdated, url: desk.thread.url, cost });
  return { kind: 'actions', actions, problemsFound: Boolean(opts.failOnOverdue && items.some((a) => a.overdue)) };
}
