import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { boardChanged, spliceBoard } from '../../core/board.js';
import type { DeskEntry } from '../../core/desk.js';
import { rewriteKeyed } from '../../core/keyed.js';
import { parseMarker } from '../../core/markers.js';
import type { Notification } from '../../core/notify.js';
import type { ActionResult, ActionStatus, DeskRef, Plan, PlannedAction, ThreadRef } from '../../core/plans/plan.js';
import type { DeskThread } from '../../github/port.js';
import { parseRepo } from '../../github/port.js';
import { execute } from '../execute.js';
import type { Posted } from '../keyedWrites.js';
import type { DeskFacts } from './facts.js';
import { deskRef, notifyComment } from './thread.js';
import type { Webhook } from './webhook.js';
import { postWebhook, webhookText } from './webhook.js';

/**
 * notify's writes to the desk thread, as plans for the one executor: the
 * feed comment (a keyed write holding every notification key of the run),
 * what a webhook still owes, and the board.
 */
const refOf = (thread: Pick<DeskThread, 'kind' | 'id'>): ThreadRef => ({ kind: thread.kind, id: thread.id });

/**
 * The run's one feed comment (app/keyedWrites.ts): each notification's keys
 * are reserved as one unit, and the comment holds the lines of the units this
 * run was first to reserve.
 */
export function feedAction<N extends { covers: string[] }>(
  desk: DeskRef,
  thread: DeskThread,
  notifications: readonly N[],
  compose: (notifications: readonly N[]) => string,
  run: string,
): PlannedAction {
  const units = notifications.map((n) => n.covers);
  const bodyFor = (won: string[][]) => compose(notifications.filter((n) => won.some((u) => u[0] === n.covers[0])));
  return {
    kind: 'notify',
    number: null,
    url: thread.url,
    key: run,
    steps: [
      {
        op: 'desk-comment',
        desk,
        thread: refOf(thread),
        body: compose(notifications),
        keys: units.flat(),
        run,
        lookFirst: false,
        units,
        bodyFor,
      },
    ],
  };
}

/** A notify comment whose marker lists exactly `pending` as the keys the webhook still owes. */
export function pendingAction(
  thread: DeskThread,
  comment: { id: string; entry: Pick<DeskEntry, 'body' | 'marker'> },
  pending: readonly string[],
): PlannedAction {
  return {
    kind: pending.length ? 'webhook-pending' : 'webhook-sent',
    number: null,
    url: thread.url,
    key: `pending:${comment.id}`,
    steps: [
      {
        op: 'desk-edit',
        thread: refOf(thread),
        commentId: comment.id,
        body: rewriteKeyed(comment.entry.body, comment.entry.marker, { pending }),
      },
    ],
  };
}

/** The board rewritten in the desk thread's body. */
export function boardAction(thread: DeskThread, body: string): PlannedAction {
  return { kind: 'board', number: null, url: thread.url, key: 'board', steps: [{ op: 'desk-body', thread: refOf(thread), body }] };
}

export const planOf = (actions: PlannedAction[]): Plan => ({ actions, warnings: [] });

export interface Delivery {
  /** each notification's outcome, by its key */
  status: Map<string, { status: ActionStatus; reason?: string }>;
  /** what failed or was queued (webhook) */
  actions: ActionResult[];
  boardUpdated: boolean;
  /** every key this run's comment holds */
  sent: string[];
  /** notify comments whose webhook delivery is still owed after this run */
  pending: Array<{ entry: DeskEntry; keys: string[] }>;
}

/**
 * notify's writes (docs/process.md#notifications), all through the executor:
 * the run's feed comment (reserved first, so racing runs never both mention
 * anyone), the webhook with what the comment holds, the webhook's earlier
 * debts, and the board when its content changed.
 */
export async function deliver(
  ctx: AppContext,
  facts: Pick<DeskFacts, 'gh' | 'policy' | 'watched'>,
  notifications: readonly Notification[],
  board: string,
  hook: Webhook | null,
): Promise<Delivery> {
  const { desk } = facts.watched;
  const out: Delivery = { status: new Map(), actions: [], boardUpdated: false, sent: [], pending: [...facts.watched.pending] };
  let written: Posted | null = null;
  const exec = (...list: PlannedAction[]) =>
    execute(planOf(list), facts.gh, {
      repo: parseRepo(ctx.loaded.config.repository),
      team: facts.policy.team,
      now: () => ctx.deps.now(),
      onWritten: (_a, p) => void (written = p),
    });
  if (notifications.length) {
    const run = randomUUID();
    const compose = (ns: readonly Notification[]) => notifyComment(ns, ctx, run);
    const [result] = await exec(
      feedAction({ ...deskRef(ctx).repo, number: deskRef(ctx).number }, desk.thread, notifications, compose, run),
    );
    const mine = written as Posted | null;
    const kept = result!.status === 'done' ? (mine?.kept ?? []) : [];
    if (result!.status !== 'done') out.actions.push(result!);
    for (const n of notifications)
      out.status.set(
        n.key,
        result!.status !== 'done'
          ? { status: 'failed', ...(result!.reason ? { reason: result!.reason } : {}) }
          : kept.includes(n.key)
            ? { status: 'done' }
            : { status: 'skipped', reason: 'another run sent it at the same time' },
      );
    out.sent = kept;
    const sentNow = notifications.filter((n) => kept.includes(n.key));
    if (mine?.id && sentNow.length && hook) {
      const reason = await postWebhook(ctx.deps, hook, webhookText(sentNow, ctx));
      if (reason) {
        ctx.warn(`${reason}; it is retried on the next run`);
        const body = compose(sentNow);
        const entry = { commentId: mine.id, createdAt: ctx.now, index: 0, author: null, body, marker: parseMarker(body)! };
        const keys = sentNow.flatMap((n) => n.covers);
        const [edit] = await exec(pendingAction(desk.thread, { id: mine.id, entry }, keys));
        if (edit!.status === 'done')
          out.pending.push({ entry: { ...entry, body: rewriteKeyed(body, entry.marker, { pending: keys }) }, keys });
        out.actions.push({ kind: 'webhook', number: null, url: null, status: 'queued', reason });
      } else out.actions.push({ kind: 'webhook', number: null, url: null, status: 'done' });
    }
  }
  // What an earlier run's webhook still owes, retried once per run.
  const owed = hook ? facts.watched.pending : [];
  if (owed.length) {
    const lines = owed.flatMap((o) =>
      o.entry.body
        .split('\n')
        .filter((l) => l.startsWith('- '))
        .map((l) => l.replace(/@(?=[A-Za-z0-9])/g, '')),
    );
    const reason = await postWebhook(ctx.deps, hook!, lines.join('\n'));
    if (reason) {
      ctx.warn(`${reason}; it is retried on the next run`);
      out.actions.push({ kind: 'webhook-retry', number: null, url: null, status: 'queued', reason });
    } else {
      const results = await exec(...owed.map((o) => pendingAction(desk.thread, { id: o.entry.commentId, entry: o.entry }, [])));
      const cleared = new Set(owed.filter((_o, i) => results[i]?.status === 'done').map((o) => o.entry.commentId));
      out.pending = out.pending.filter((p) => !cleared.has(p.entry.commentId));
      out.actions.push({ kind: 'webhook-retry', number: null, url: null, status: 'done' });
    }
  }
  if (boardChanged(desk.thread.body, board)) {
    const [result] = await exec(boardAction(desk.thread, spliceBoard(desk.thread.body, board)));
    if (result!.status === 'done') out.boardUpdated = true;
    else out.actions.push(result!);
  }
  return out;
}
