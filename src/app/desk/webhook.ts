import type { Deps } from '../context.js';
import type { Notification } from '../../core/notify.js';
import type { AppContext } from '../context.js';
import { businessWeekOf } from '../../core/words.js';
import { notificationLine } from './thread.js';

/** Where the webhook URL came from, to name in messages: the URL itself is a secret and never printed. */
export interface Webhook {
  url: string;
  source: 'VISIT_SRE_WEBHOOK' | 'desk.webhook';
}

export function webhookFrom(env: Deps['env'], configured: string | null): Webhook | null {
  if (env.VISIT_SRE_WEBHOOK) return { url: env.VISIT_SRE_WEBHOOK, source: 'VISIT_SRE_WEBHOOK' };
  return configured ? { url: configured, source: 'desk.webhook' } : null;
}

/**
 * Posts `{ "text": … }`, the body both Slack's and Microsoft Teams' incoming
 * webhooks accept. Returns null on success, else a reason that names the
 * source of the URL, never the URL.
 */
export async function postWebhook(deps: Pick<Deps, 'fetch'>, hook: Webhook, text: string, timeoutMs = 10_000): Promise<string | null> {
  try {
    const res = await deps.fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok ? null : `the webhook (${hook.source}) answered HTTP ${res.status}`;
  } catch (e) {
    const name = (e as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : 'it could not be reached';
    return `the webhook (${hook.source}) failed: ${name}`;
  }
}

export function webhookText(notifications: readonly Notification[], ctx: Pick<AppContext, 'zone' | 'loaded'>): string {
  const week = businessWeekOf(ctx.loaded.config.businessHours);
  return notifications.map((n) => notificationLine(n, ctx.zone, { mentions: false, week })).join('\n');
}
