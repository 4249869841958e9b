import type { Context } from '../../shell/context.js';
import { teamRuleOf } from '../../core/conversation.js';
import type { ActionResult } from '../../core/plans/plan.js';
import type { GitHubPort } from '../../github/port.js';
import { github } from '../../app/inquiries.js';
import { failedResult } from '../../app/execute.js';
import { sendEntry } from '../../app/send.js';
import type { Outcome } from '../../shell/errors.js';
import { reportActions } from '../../shell/writerIo.js';
import { readOutbox, removeEntry } from '../../store/outbox.js';
import type { SyncOptions } from './sync.flags.js';

/** Sends what the outbox holds, exactly once and completely each; a damaged entry is reported and kept. */
export async function runSync(opts: SyncOptions, ctx: Context): Promise<Outcome> {
  const entries = await readOutbox(ctx.deps.env, ctx.deps.homedir, ctx.deps.fs);
  const actions: ActionResult[] = [];
  if (entries.length === 0 && !ctx.out.json) ctx.deps.stderr.write('the outbox is empty\n');
  let gh: GitHubPort | Error | undefined;
  const team = teamRuleOf(ctx.loaded.team, ctx.loaded.config);
  for (const item of entries) {
    const base = { kind: 'sync', number: null, url: null };
    if ('error' in item) actions.push({ ...base, status: 'failed', reason: `${item.file}: ${item.error}; kept, fix or remove it` });
    else if (opts.dryRun) actions.push({ ...base, status: 'planned', reason: `"${item.entry.title}" (queued ${item.entry.queuedAt})` });
    else {
      gh ??= await github(ctx).catch((e: Error) => e);
      const sent =
        gh instanceof Error ? failedResult(base, gh) : await sendEntry(gh, item.entry, 'sync', { team, now: () => ctx.deps.now() });
      // Kept until every step went through: a discussion created without its label is completed by the next sync.
      if (sent.status !== 'failed') await removeEntry(item.file);
      actions.push(sent);
    }
  }
  return reportActions(ctx, actions, opts);
}
