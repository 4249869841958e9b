import type { DeskEntry } from '../../core/desk.js';
import { rewriteKeyed } from '../../core/keyed.js';
import { parseMarker } from '../../core/markers.js';
import type { DeskRef, Plan, PlannedAction, ThreadRef } from '../../core/plans/plan.js';
import type { DeskThread } from '../../github/port.js';

/**
 * notify's writes to the desk thread, as plans for the one executor: the
 * feed comment (a keyed write holding every notification key of the run),
 * what a webhook still owes, and the board.
 */
const refOf = (thread: Pick<DeskThread, 'kind' | 'id'>): ThreadRef => ({ kind: thread.kind, id: thread.id });

/** The run's one feed comment: its keys converge across racing runs (app/keyedWrites.ts). */
export function feedAction(desk: DeskRef, thread: DeskThread, body: string, keys: string[], run: string): PlannedAction {
  return {
    kind: 'notify',
    number: null,
    url: thread.url,
    key: run,
    steps: [{ op: 'desk-comment', desk, thread: refOf(thread), body, keys, run, lookFirst: false }],
  };
}

/** The feed comment after convergence: what it holds when another run sent some of its keys. */
export function feedEntry(body: string, kept: readonly string[]): Pick<DeskEntry, 'body' | 'marker'> | null {
  const marker = parseMarker(body);
  if (!marker) return null;
  const keys = Array.isArray(marker.keys) ? (marker.keys as string[]) : [];
  const drop = new Set(keys.filter((k) => !kept.includes(k)));
  const final = drop.size ? rewriteKeyed(body, marker, { drop }) : body;
  return { body: final, marker: parseMarker(final)! };
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
