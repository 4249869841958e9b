import type { Message, TeamRule } from './conversation.js';
import { trustedMarker } from './conversation.js';
import type { Marker, MarkerKind } from './markers.js';
import { formatMarker } from './markers.js';

/**
 * The desk thread's feed (SPEC §9, §10): comments whose trusted markers carry
 * what the team shares without a server — notifications sent, and later away
 * notices and delegations. Any marker kind can be read; the order is the
 * thread's, which every machine sees alike.
 */
export interface DeskEntry {
  marker: Marker;
  commentId: string;
  createdAt: number;
  body: string;
  /** position in the thread, oldest first */
  index: number;
  /** who posted it (null for a deleted account) */
  author: string | null;
}

/** The trusted markers of the desk thread's comments, oldest first; `kinds` narrows them. */
export function deskEntries(comments: readonly Message[], team: TeamRule, kinds?: readonly MarkerKind[]): DeskEntry[] {
  const out: DeskEntry[] = [];
  comments.forEach((m, index) => {
    if (m.hidden) return;
    const marker = trustedMarker(m, team);
    if (marker && (!kinds || kinds.includes(marker.kind)))
      out.push({ marker, commentId: m.id, createdAt: m.createdAt, body: m.body, index, author: m.author });
  });
  return out;
}

export function keysOf(entry: Pick<DeskEntry, 'marker'>): string[] {
  const keys = entry.marker.keys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}

/** Every notification key the feed says was sent. */
export function sentKeys(entries: readonly DeskEntry[]): Set<string> {
  return new Set(entries.filter((e) => e.marker.kind === 'notify').flatMap(keysOf));
}

/** Keys a webhook still owes: those a notify marker lists as `pending` (its delivery failed). */
export function webhookPending(entries: readonly DeskEntry[]): Array<{ entry: DeskEntry; keys: string[] }> {
  return entries
    .filter((e) => e.marker.kind === 'notify' && Array.isArray(e.marker.pending) && e.marker.pending.length > 0)
    .map((entry) => ({ entry, keys: (entry.marker.pending as unknown[]).filter((k): k is string => typeof k === 'string') }));
}

/** What to do to one feed comment so that each key stays in exactly one. */
export type Repair = { commentId: string; action: 'delete' } | { commentId: string; action: 'edit'; body: string };

/**
 * Convergence of racing runs (SPEC §9, STYLE 13): a key belongs to the
 * earliest notify comment that carries it. A later comment whose keys are all
 * taken removes itself; one with some taken drops those lines. The earliest
 * holder of a key never loses it, so whichever run repairs first, and however
 * often, exactly one copy of each key stays.
 */
export function repairs(entries: readonly DeskEntry[]): Repair[] {
  const seen = new Set<string>();
  const out: Repair[] = [];
  for (const e of [...entries].filter((x) => x.marker.kind === 'notify').sort((a, b) => a.index - b.index)) {
    const keys = keysOf(e);
    const taken = keys.filter((k) => seen.has(k));
    keys.forEach((k) => seen.add(k));
    if (taken.length === 0) continue;
    if (taken.length === keys.length) out.push({ commentId: e.commentId, action: 'delete' });
    else out.push({ commentId: e.commentId, action: 'edit', body: withoutKeys(e.body, e.marker, new Set(taken)) });
  }
  return out;
}

/**
 * A notify comment rewritten: without the keys in `drop` (its list items pair
 * with its keys in order, as the tool writes them), and with `pending` (keys
 * a webhook still owes) replaced when given; an empty list removes it.
 */
export function rewriteNotify(body: string, marker: Marker, change: { drop?: ReadonlySet<string>; pending?: readonly string[] }): string {
  const drop = change.drop ?? new Set<string>();
  const keys = keysOf({ marker });
  const lines = body.split('\n');
  const items = lines.map((l, i) => (l.startsWith('- ') ? i : -1)).filter((i) => i >= 0);
  const gone = new Set<number>();
  if (items.length === keys.length) keys.forEach((k, i) => drop.has(k) && gone.add(items[i]!));
  const kept = lines.filter((l, i) => !gone.has(i) && !/<!--\s*visit-sre\s/.test(l));
  const { v: _v, pending: old, ...rest } = marker;
  const pending = (change.pending ?? (Array.isArray(old) ? (old as string[]) : [])).filter((k) => !drop.has(k));
  const fresh = { ...rest, keys: keys.filter((k) => !drop.has(k)), ...(pending.length ? { pending } : {}) };
  return `${kept.join('\n').trimEnd()}\n\n${formatMarker(fresh as Parameters<typeof formatMarker>[0])}`;
}

export function withoutKeys(body: string, marker: Marker, drop: ReadonlySet<string>): string {
  return rewriteNotify(body, marker, { drop });
}

export interface Roles {
  primary: string | null;
  backup: string | null;
}
