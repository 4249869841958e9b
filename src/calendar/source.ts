import path from 'node:path';
import { contentKey } from '../store/hash.js';
import type { FileSystem } from '../store/fs.js';
import { INPUT_LIMITS, mib } from '../store/fs.js';
import { OperationalError, UsageError } from '../core/errors.js';

export interface SourceDeps {
  fs: FileSystem;
  fetch: typeof globalThis.fetch;
  now(): number;
}

export interface CalendarText {
  text: string;
  /** how to name it in messages: a path, or a URL with its secrets hidden */
  source: string;
  /** set when a cached copy stood in for an unreachable URL */
  staleWarning?: string;
}

export function isUrl(location: string): boolean {
  return /^(https?|webcal):\/\//i.test(location);
}

/** Private calendar URLs carry secrets in the query or the path: never show them. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url.replace(/^webcal:/i, 'https:'));
    const parts = u.pathname.split('/');
    const last = parts.pop() ?? '';
    return `${u.protocol}//${u.host}${parts.length > 1 ? '/…' : ''}/${last}${u.search ? '?…' : ''}`;
  } catch {
    return '(calendar URL)';
  }
}

function age(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}

/** A response's text, or null once it passes `limit` bytes (a server that never stops sending is cut off there). */
async function boundedText(res: Response, limit: number): Promise<string | null> {
  if (Number(res.headers.get('content-length') ?? 0) > limit) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return res.text();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a calendar from a file or an https URL. A URL is fetched with a
 * timeout; its last good copy is cached and stands in, with a warning naming
 * its age, when the URL cannot be reached.
 */
export async function loadCalendarText(
  location: string,
  deps: SourceDeps,
  opts: { cacheDir: string; timeoutMs?: number; what: string },
): Promise<CalendarText> {
  if (!isUrl(location)) {
    const text = await deps.fs.readInput(location, { what: opts.what, bytes: INPUT_LIMITS.calendar });
    if (text === undefined)
      throw new UsageError(`${opts.what} ${location} not found`, 'check the path in the config, or pass --calendar FILE');
    return { text, source: location };
  }
  const url = location.replace(/^webcal:/i, 'https:');
  const shown = redactUrl(url);
  const cache = path.join(opts.cacheDir, `${contentKey(url)}.ics`);
  let failure: string;
  try {
    const res = await deps.fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000), headers: { accept: 'text/calendar, */*' } });
    if (res.ok) {
      const text = await boundedText(res, INPUT_LIMITS.calendar);
      if (text === null) failure = `the answer is larger than ${mib(INPUT_LIMITS.calendar)}`;
      else if (/BEGIN:VCALENDAR/i.test(text)) {
        await deps.fs.writeAtomic(cache, text, { overwrite: true, mode: 0o600 });
        return { text, source: shown };
      } else failure = 'the answer is not an iCalendar file';
    } else {
      failure = `HTTP ${res.status}`;
    }
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    failure = err.name === 'TimeoutError' ? 'timed out' : (err.cause?.code ?? err.message);
  }
  const cached = await deps.fs.readText(cache);
  if (cached !== undefined) {
    const mtime = (await deps.fs.mtime(cache)) ?? deps.now();
    return {
      text: cached,
      source: `${shown} (cached copy)`,
      staleWarning: `could not fetch ${opts.what} ${shown} (${failure}); using the copy cached ${age(Math.max(0, deps.now() - mtime))} ago`,
    };
  }
  throw new OperationalError(
    `could not fetch ${opts.what} ${shown} (${failure}) and no cached copy exists`,
    'check the network or the URL, or pass --calendar FILE',
  );
}
