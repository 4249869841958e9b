import { randomUUID } from 'node:crypto';
import type { Context } from '../../shell/context.js';
import { boardChanged, spliceBoard } from '../../core/board.js';
import { deskEntries, sentKeys, webhookPending } from '../../core/desk.js';
import { deskReadSince } from '../../app/acting.js';
import { MAX_PER_RUN, planNotifications } from '../../core/notify.js';
import type { Outcome } from '../../shell/errors.js';
import { warn } from '../../shell/output.js';
import { renderNotify } from './render.js';
import { deskRef, notifyComment, readDeskThread } from '../../app/desk/thread.js';
import { postKeyed, withPending } from '../../app/desk/feed.js';
import { renderBoard } from '../../app/desk/board.js';
import { loadDeskFacts } from '../../app/desk/facts.js';
import { postWebhook, webhookFrom, webhookText } from '../../app/desk/webhook.js';
import type { ActionResult, ActionStatus } from '../../core/plans/plan.js';
import { failedResult } from '../../app/execute.js';
import type { NotifyOptions } from './notify.flags.js';

export type { NotifyOptions };

/** The duty desk's watch (SPEC §9): tell the right people once, and keep the board current. */
export async function runNotify(opts: NotifyOptions, ctx: Context): Promise<Outcome> {
  const ref = deskRef(ctx);
  const config = ctx.loaded.config;
  const facts = await loadDeskFacts(ctx, opts);
  const { gh, policy, items } = facts;
  const actions: ActionResult[] = [...facts.actions];
  const since = Math.min(facts.current?.start ?? ctx.now, ...items.map((a) => a.waitingSince ?? ctx.now)) - 60_000;
  // The acting roles read the thread already (30 days back): reuse that read when it reaches far enough.
  const read = deskReadSince(ctx, since);
  let desk = read ? { thread: read, entries: deskEntries(read.comments, policy.team) } : await readDeskThread(gh, ref, policy, since);
  const plan = planNotifications({
    ...facts,
    escalation: config.escalation,
    sent: sentKeys(desk.entries),
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
  const pending = hook ? webhookPending(desk.entries) : [];
  const status = new Map<string, { status: ActionStatus; reason?: string }>();
  plan.held.forEach((n) =>
    status.set(n.key, { status: 'skipped', reason: 'outside business hours: sent at the first run in business hours' }),
  );
  plan.deferred.forEach((n) => status.set(n.key, { status: 'skipped', reason: `more than ${MAX_PER_RUN} at once: sent by the next run` }));
  let boardUpdated = false;

  if (opts.dryRun) {
    plan.notifications.forEach((n) => status.set(n.key, { status: 'planned' }));
    boardUpdated = boardChanged(desk.thread.body, board);
    if (!ctx.out.json) {
      if (plan.notifications.length)
        ctx.deps.stdout.write(`Would post to ${desk.thread.url}:\n\n${notifyComment(plan.notifications, ctx, 'dry-run')}\n\n`);
      ctx.deps.stdout.write(boardUpdated ? `Would rewrite the board:\n\n${board}\n\n` : 'The board is unchanged.\n');
    }
  } else {
    const webhookOwed: Array<{ keys: string[]; lines: string[] }> = [];
    if (plan.notifications.length) {
      const run = randomUUID();
      try {
        const posted = await postKeyed(gh, ref, desk, policy, notifyComment(plan.notifications, ctx, run), run, since);
        desk = posted.desk;
        for (const n of plan.notifications)
          status.set(
            n.key,
            posted.kept.includes(n.key) ? { status: 'done' } : { status: 'skipped', reason: 'another run sent it at the same time' },
          );
        if (posted.entry && hook) {
          const mine = plan.notifications.filter((n) => posted.kept.includes(n.key));
          const reason = await postWebhook(ctx.deps, hook, webhookText(mine, ctx));
          if (reason) {
            warn(ctx.deps, `${reason}; it is retried on the next run`);
            await gh.updateThreadComment(
              desk.thread,
              posted.entry.commentId,
              withPending(
                posted.entry,
                mine.map((n) => n.key),
              ),
            );
            actions.push({ kind: 'webhook', number: null, url: null, status: 'queued', reason });
          } else actions.push({ kind: 'webhook', number: null, url: null, status: 'done' });
        }
      } catch (e) {
        const action = failedResult({ kind: 'notify', number: null, url: desk.thread.url }, e);
        actions.push(action);
        for (const n of plan.notifications) status.set(n.key, { status: 'failed', reason: action.reason });
      }
    }
    // What an earlier run's webhook still owes, retried once per run.
    for (const owed of pending)
      webhookOwed.push({
        keys: owed.keys,
        lines: owed.entry.body
          .split('\n')
          .filter((l) => l.startsWith('- '))
          .map((l) => l.replace(/@(?=[A-Za-z0-9])/g, '')),
      });
    if (hook && webhookOwed.length) {
      const reason = await postWebhook(ctx.deps, hook, webhookOwed.flatMap((o) => o.lines).join('\n'));
      if (reason) {
        warn(ctx.deps, `${reason}; it is retried on the next run`);
        actions.push({ kind: 'webhook-retry', number: null, url: null, status: 'queued', reason });
      } else {
        for (const owed of pending) await gh.updateThreadComment(desk.thread, owed.entry.commentId, withPending(owed.entry, []));
        actions.push({ kind: 'webhook-retry', number: null, url: null, status: 'done' });
      }
    }
    if (boardChanged(desk.thread.body, board)) {
      try {
        await gh.updateThreadBody(desk.thread, spliceBoard(desk.thread.body, board));
        boardUpdated = true;
      } catch (e) {
        actions.push(failedResult({ kind: 'board', number: null, url: desk.thread.url }, e));
      }
    }
  }

  const notifications = [...plan.notifications, ...plan.held, ...plan.deferred].map((n) => ({
    key: n.key,
    when: n.when,
    number: n.number,
    url: n.url,
    to: n.to,
    ...status.get(n.key)!,
  }));
  const overdue = items.some((a) => a.overdue);
  renderNotify(ctx, opts, { notifications, actions, boardUpdated, url: desk.thread.url });
  return { kind: 'actions', actions, problemsFound: Boolean(opts.failOnOverdue && overdue) };
}
