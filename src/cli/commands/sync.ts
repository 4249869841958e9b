import type { Context } from '../context.js';
import { AuthError } from '../../core/errors.js';
import { github } from '../inquiries.js';
import type { Action, WriterFlags } from '../writers.js';
import { failed, report } from '../writers.js';
import { readOutbox, removeEntry } from '../../store/outbox.js';
import { sendEntry } from '../outboxSend.js';
import type { GitHubPort } from '../../github/port.js';

/** Sends what the outbox holds, exactly once each; a damaged entry is reported and kept. */
export async function runSync(opts: WriterFlags, ctx: Context): Promise<number> {
  const entries = await readOutbox(ctx.deps.env, ctx.deps.homedir, ctx.deps.fs);
  const actions: Action[] = [];
  if (entries.length === 0) {
    if (!ctx.out.json) ctx.deps.stderr.write('the outbox is empty\n');
    return report(ctx, actions, opts);
  }
  let gh: GitHubPort | undefined;
  let unavailable: unknown;
  if (!opts.dryRun) {
    try {
      gh = await github(ctx);
    } catch (e) {
      unavailable = e;
    }
  }
  for (const item of entries) {
    if ('error' in item) {
      actions.push({ kind: 'sync', number: null, url: null, status: 'failed', reason: `${item.file}: ${item.error}; kept, fix or remove it` });
      continue;
    }
    const base = { kind: 'sync', number: null, url: null };
    if (opts.dryRun) {
      actions.push({ ...base, status: 'planned', reason: `"${item.entry.title}" (queued ${item.entry.queuedAt})` });
      continue;
    }
    if (!gh) {
      actions.push(failed(base, unavailable ?? new AuthError('no GitHub client')));
      continue;
    }
    try {
      const sent = await sendEntry(gh, item.entry);
      await removeEntry(item.file);
      actions.push({ kind: 'sync', number: sent.number, url: sent.url, status: sent.existed ? 'skipped' : 'done', ...(sent.existed ? { reason: 'already on GitHub (an earlier attempt got through)' } : {}) });
    } catch (e) {
      actions.push(failed(base, e));
    }
  }
  return report(ctx, actions, opts);
}
