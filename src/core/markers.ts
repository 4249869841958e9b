/**
 * The hidden line every comment the tool writes ends with:
 * <!-- visit-sre {"v":1,"kind":"handoff","to":"login",...} -->
 * Markers tell later runs what was already done (idempotence) and carry
 * facts such as effort and call times. Only the team's markers are trusted.
 */
/** The desk thread's own kinds (docs/process.md#acting-roles, §12.2): away notices, delegations and their answers, announcements, classified requests. */
export const DESK_KINDS = [
  'away',
  'away-cancel',
  'delegate',
  'delegate-accept',
  'delegate-decline',
  'delegate-cancel',
  'swap',
  'swap-accept',
  'classified',
  'claim',
  'misdirected',
  'contact-confirmed',
  'incident',
  'postmortem',
] as const;
export const MARKER_KINDS = [
  'contact',
  'handoff',
  'escalation',
  'resolution',
  'promotion',
  'stale',
  'effort',
  'keep',
  'decline',
  'notify',
  /** a run's short-lived hold on keys before it posts their mentions (docs/markers.md#reserve) */
  'reserve',
  ...DESK_KINDS,
] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export interface Marker {
  v: 1;
  kind: MarkerKind;
  [key: string]: unknown;
}

const MARKER_LINE = /^<!--\s*visit-sre\s+(\{.*\})\s*-->$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/**
 * The marker of a body the tool wrote, or null. Only the body's last line
 * counts, and only outside a code fence (docs/process.md#words-to-people): a marker quoted in a
 * reply, pasted into a code block or written mid-text by someone else is text.
 */
export function parseMarker(body: string): Marker | null {
  const lines = body.trimEnd().split('\n');
  const last = lines[lines.length - 1]!.trim();
  const m = MARKER_LINE.exec(last);
  if (!m) return null;
  let fenced = false;
  for (const line of lines.slice(0, -1)) if (FENCE.test(line)) fenced = !fenced;
  if (fenced) return null;
  try {
    const value = JSON.parse(m[1]!) as Partial<Marker>;
    if (value && value.v === 1 && typeof value.kind === 'string' && (MARKER_KINDS as readonly string[]).includes(value.kind))
      return value as Marker;
  } catch {
    // Not ours, or damaged: ignore it.
  }
  return null;
}

/** The marker line for a body the tool writes. `-->` inside values is escaped so the comment cannot end early. */
export function formatMarker(marker: Omit<Marker, 'v'> & { kind: MarkerKind }): string {
  const json = JSON.stringify({ v: 1, ...marker }).replace(/--/g, '-\\u002d');
  return `<!-- visit-sre ${json} -->`;
}

/**
 * Markers that record bookkeeping, not an answer: they do not stop the
 * response clock. A developer declining an escalation has not answered the
 * user either (docs/markers.md#bookkeeping).
 */
export const BOOKKEEPING: ReadonlySet<MarkerKind> = new Set(['handoff', 'escalation', 'effort', 'keep', 'incident', 'decline']);

/** A body the tool writes: the text, then its hidden marker line, which carries the effort and the write's idempotency key. */
export function withMarker(
  text: string,
  kind: MarkerKind,
  fields: Record<string, unknown>,
  opts: { effort?: number; key?: string } = {},
): string {
  const extra = {
    ...(opts.effort !== undefined ? { effortMinutes: opts.effort } : {}),
    ...(opts.key !== undefined ? { key: opts.key } : {}),
  };
  return `${text.trimEnd()}\n\n${formatMarker({ kind, ...fields, ...extra })}`;
}

/** The idempotency key a marker carries; null for markers written before keys. */
export function markerKey(marker: Marker | null): string | null {
  return typeof marker?.key === 'string' ? marker.key : null;
}
