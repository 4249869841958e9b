import type { Marker } from './markers.js';
import { formatMarker } from './markers.js';

/**
 * Keyed writes converge (docs/architecture.md#keyed-writes-converge): every
 * comment the tool writes carries its keys in its marker, and when racing runs
 * posted the same key, the earliest comment keeps it. These are the rules;
 * app/keyedWrites.ts reads and writes.
 */
export interface KeyedEntry {
  id: string;
  createdAt: number;
  body: string;
  /** its trusted marker (or one written by this token's user), null for any other comment */
  marker: Marker | null;
}

/** The keys a marker carries: one write's `key`, or the `keys` of a comment that holds several (notify). */
export function markerKeys(marker: Marker | null): string[] {
  if (!marker) return [];
  const many = Array.isArray(marker.keys) ? marker.keys.filter((k): k is string => typeof k === 'string') : [];
  return typeof marker.key === 'string' ? [marker.key, ...many] : many;
}

/** What one comment does after a fresh read: stays, removes itself, or drops the keys an earlier one holds. */
export type Settle = { action: 'keep'; kept: string[] } | { action: 'delete' } | { action: 'edit'; body: string; kept: string[] };

/**
 * How comment `id` settles among `entries` (oldest first): a key belongs to
 * the earliest comment that carries it, unless that one is more than
 * `windowMs` older (two escalations an hour apart are separate writes). Only
 * the later comment acts, and only on itself, so whichever run settles first,
 * and however often, exactly one copy of each key stays.
 */
export function settle(entries: readonly KeyedEntry[], id: string, windowMs = Infinity): Settle {
  const at = entries.findIndex((e) => e.id === id);
  const mine = entries[at];
  if (!mine) return { action: 'keep', kept: [] };
  const keys = markerKeys(mine.marker);
  const taken = new Set(
    entries
      .slice(0, at)
      .filter((e) => e.marker?.kind !== 'reserve' && mine.createdAt - e.createdAt <= windowMs)
      .flatMap((e) => markerKeys(e.marker))
      .filter((k) => keys.includes(k)),
  );
  if (taken.size === 0) return { action: 'keep', kept: keys };
  const kept = keys.filter((k) => !taken.has(k));
  if (kept.length === 0) return { action: 'delete' };
  return { action: 'edit', body: rewriteKeyed(mine.body, mine.marker!, { drop: taken }), kept };
}

/**
 * A comment that holds several keys, rewritten: without the keys in `drop`
 * (its list items pair with its keys in order, as the tool writes them), and
 * with `pending` (keys a webhook still owes) replaced when given; an empty
 * list removes it.
 */
export function rewriteKeyed(body: string, marker: Marker, change: { drop?: ReadonlySet<string>; pending?: readonly string[] }): string {
  const drop = change.drop ?? new Set<string>();
  const keys = Array.isArray(marker.keys) ? marker.keys.filter((k): k is string => typeof k === 'string') : [];
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

/** How long a reservation holds its keys: a run that reserved and then died frees them for the next run. */
export const RESERVE_TTL_MS = 10 * 60_000;

/** A body that @mentions someone (an escaped `@\u200b` in a title does not). */
export function mentions(body: string): boolean {
  return /(^|[^\w`])@[A-Za-z0-9]/m.test(body);
}

/**
 * Which of a run's units (groups of keys posted together, or not at all) its
 * reservation `id` wins, from a read made after the reservation was posted
 * (docs/process.md#concurrency). A unit is lost when any of its keys is held
 * by a comment that carries the mentions (wherever it is), or by a live
 * reservation earlier in the thread. Every run reads after its own
 * reservation, and the thread's order is the same for all, so of racing runs
 * exactly one wins each unit: the earliest to reserve. Only the winner posts
 * the mentions, so no mention goes out twice, not even for a moment.
 */
export function reservedUnits(
  entries: readonly KeyedEntry[],
  id: string,
  units: readonly (readonly string[])[],
  now: number,
  ttlMs = RESERVE_TTL_MS,
): string[][] {
  const at = entries.findIndex((e) => e.id === id);
  if (at < 0) return [];
  const taken = new Set(
    entries
      .filter((e, i) => (e.marker?.kind === 'reserve' ? i < at && now - e.createdAt < ttlMs : true))
      .flatMap((e) => markerKeys(e.marker)),
  );
  return units.filter((u) => u.every((k) => !taken.has(k))).map((u) => [...u]);
}
