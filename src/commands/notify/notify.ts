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
import { boardAction, feedAction, feedEntry, pendingAction, planOf } from '../../app/desk/feed.js';
import { renderBoard } from '../../app/desk/board.js';
import { loadDeskFacts } from '../../app/desk/facts.js';
import { postWebhook, webhookFrom, webhookText } from '../../app/desk/webhook.js';
import type { ActionResult, ActionStatus, PlannedAction } from '../../core/plans/plan.js';
import { execute } from '../../app/execute.js';
import { parseRepo } from '../../github/port.js';
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
  const desk = read ? { thread: read, entries: deskEntries(read.comments, policy.team) } : await readDeskThread(gh, ref, policy, since);
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
    let written: { id: string; kept: string[] } | null = null;
    const exec = (...list: PlannedAction[]) =>
      execute(planOf(list), gh, {
        repo: parseRepo(config.repository),
        team: policy.team,
        now: () => ctx.deps.now(),
        onWritten: (_a, p) => void (p.id !== null && (written = { id: p.id, kept: p.kept })),
      });
    if (plan.notifications.length) {
      const run = randomUUID();
      const keys = plan.notifications.map((n) => n.key);
      const body = notifyComment(plan.notifications, ctx, run);
      const [result] = await exec(feedAction({ ...ref.repo, number: ref.number }, desk.thread, body, keys, run));
      if (result!.status !== 'done') {
        actions.push(result!);
        for (const key of keys) status.set(key, { status: 'failed', ...(result!.reason ? { reason: result!.reason } : {}) });
      } else {
        const mine = written as { id: string; kept: string[] } | null;
        const kept = mine?.kept ?? [];
        for (const key of keys)
          status.set(key, kept.includes(key) ? { status: 'done' } : { status: 'skipped', reason: 'another run sent it at the same time' });
        const entry = mine && kept.length ? feedEntry(body, kept) : null;
        if (entry && hook) {
          const reason = await postWebhook(
            ctx.deps,
            hook,
            webhookText(
              plan.notifications.filter((n) => kept.includes(n.key)),
              ctx,
            ),
          );
          if (reason) {
            warn(ctx.deps, `${reason}; it is retried on the next run`);
            await exec(pendingAction(desk.thread, { id: mine!.id, entry }, kept));
            actions.push({ kind: 'webhook', number: null, url: null, status: 'queued', reason });
          } else actions.push({ kind: 'webhook', number: null, url: null, status: 'done' });
        }
      }
    }
    // What an earlier run's webhook still owes, retried once per run.
    if (hook && pending.length) {
      const lines = pending.flatMap((owed) =>
        owed.entry.body
          .split('\n')
          .filter((l) => l.startsWith('- '))
          .map((l) => l.replace(/@(?=[A-Za-z0-9])/g, '')),
      );
      const reason = await postWebhook(ctx.deps, hook, lines.join('\n'));
      if (reason) {
        warn(ctx.deps, `${reason}; it is retried on the next run`);
        actions.push({ kind: 'webhook-retry', number: null, url: null, status: 'queued', reason });
      } else {
        await exec(...pending.map((owed) => pendingAction(desk.thread, { id: owed.entry.commentId, entry: owed.entry }, [])));
        actions.push({ kind: 'webhook-retry', number: null, url: null, status: 'done' });
      }
    }
    if (boardChanged(desk.thread.body, board)) {
      const [result] = await exec(boardAction(desk.thread, spliceBoard(desk.thread.body, board)));
      if (result!.status === 'done') boardUpdated = true;
      else actions.push(result!);
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
