import type { Deps } from '../context.js';
import { webhookUrlProblem } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import type { Notification } from '../../core/notify.js';
import type { AppContext } from '../context.js';
import { businessWeekOf } from '../../core/words.js';
import { notificationLines } from './thread.js';

/** Where the webhook URL came from, to name in messages: the URL itself is a secret and never printed. */
export interface Webhook {
  url: string;
  source: 'VISIT_SRE_WEBHOOK' | 'desk.webhook';
}

/** The webhook to post to: VISIT_SRE_WEBHOOK wins over desk.webhook (checked when the config was read); UsageError when it is no https URL. */
export function webhookFrom(env: Deps['env'], configured: string | null): Webhook | null {
  if (env.VISIT_SRE_WEBHOOK) {
    const problem = webhookUrlProblem(env.VISIT_SRE_WEBHOOK);
    if (problem) throw new UsageError(`VISIT_SRE_WEBHOOK ${problem}`, 'fix it or unset it; nothing was posted');
    return { url: env.VISIT_SRE_WEBHOOK.trim(), source: 'VISIT_SRE_WEBHOOK' };
  }
  return configured ? { url: configured.trim(), source: 'desk.webhook' } : null;
}

/**
 * Posts `{ "text": … }`, the body both Slack's and Microsoft Teams' incoming
 * webhooks accept. Returns null on success, else a reason that names the
 * source of the URL, never the URL. A redirect is not followed: a 307 would
 * send the batch to another origin, and a 302 would turn it into an empty GET
 * that looks delivered; it is a failure, retried by the next run.
 */
export async function postWebhook(deps: Pick<Deps, 'fetch'>, hook: Webhook, text: string, timeoutMs = 10_000): Promise<string | null> {
  try {
    const res = await deps.fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 300 && res.status < 400)
      return `the webhook (${hook.source}) answered HTTP ${res.status}, a redirect, which is not followed: give the webhook's own URL`;
    return res.ok ? null : `the webhook (${hook.source}) answered HTTP ${res.status}`;
  } catch (e) {
    const name = (e as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : 'it could not be reached';
    return `the webhook (${hook.source}) failed: ${name}`;
  }
}

export function webhookText(notifications: readonly Notification[], ctx: Pick<AppContext, 'zone' | 'loaded'>): string {
  const week = businessWeekOf(ctx.loaded.config.businessHours);
  return notificationLines(notifications, ctx.zone, { mentions: false, week }).join('\n');
}
