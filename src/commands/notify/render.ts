import type { ActionResult, ActionStatus } from '../../core/plans/plan.js';
import { terminalText } from '../../core/userText.js';
import type { Context } from '../../shell/context.js';
import { writeJson } from '../../shell/output.js';
import { isoUtc } from '../../core/timeText.js';
import { reportActions } from '../../shell/writerIo.js';
import type { NotifyOptions } from './notify.flags.js';

export interface NotificationRow {
  key: string;
  when: string;
  number: number | null;
  url: string | null;
  to: string[];
  /** every key the line covers: its own and the less urgent stages it was reached with */
  covers: string[];
  status: ActionStatus;
  reason?: string;
}

/** notify's result: docs/process.md#duty-desk's JSON, or one line per notification and the actions. */
export function renderNotify(
  ctx: Context,
  opts: NotifyOptions,
  r: {
    notifications: NotificationRow[];
    actions: ActionResult[];
    boardUpdated: boolean;
    url: string;
    cost: { points: number; requests: number };
  },
): void {
  const { notifications, actions, boardUpdated } = r;
  const desk = { thread: { url: r.url } };
  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, {
      generatedAt: isoUtc(ctx.now),
      dryRun: Boolean(opts.dryRun),
      notifications,
      board: { url: desk.thread.url, updated: boardUpdated },
      actions: actions.map(({ failure: _failure, ...a }) => a),
      cost: r.cost,
    });
  } else {
    for (const n of notifications)
      ctx.deps.stdout.write(
        `${n.status === 'done' ? '✓' : n.status === 'failed' ? '✗' : '-'} ${n.when}${n.number !== null ? ` #${n.number}` : ''} → ${n.to.join(', ') || 'nobody'}: ${n.status}${n.reason ? ` (${terminalText(n.reason)})` : ''}\n`,
      );
    if (!opts.dryRun) ctx.deps.stdout.write(`${boardUpdated ? '✓ board updated' : '- board unchanged'}: ${desk.thread.url}\n`);
    reportActions(
      ctx,
      actions.filter((a) => a.status !== 'done' || a.kind !== 'webhook'),
      { ...opts, dryRun: false },
    );
  }
}
