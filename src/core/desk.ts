import type { Message, TeamRule } from './conversation.js';
import { trustedMarker } from './conversation.js';
import type { Marker, MarkerKind } from './markers.js';
import { settle } from './keyed.js';

/**
 * The desk thread's feed (docs/process.md#duty-desk, §10): comments whose trusted markers carry
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

/** Every notify comment's repair after a race (core/keyed.ts `settle`), oldest first. */
export function repairs(entries: readonly DeskEntry[]): Repair[] {
  const feed = [...entries].filter((x) => x.marker.kind === 'notify').sort((a, b) => a.index - b.index);
  const keyed = feed.map((e) => ({ id: e.commentId, createdAt: e.createdAt, body: e.body, marker: e.marker }));
  return feed.flatMap((e): Repair[] => {
    const s = settle(keyed, e.commentId);
    return s.action === 'keep'
      ? []
      : s.action === 'delete'
        ? [{ commentId: e.commentId, action: 'delete' }]
        : [{ commentId: e.commentId, action: 'edit', body: s.body }];
  });
}

export interface Roles {
  primary: string | null;
  backup: string | null;
}
