/**
 * The hidden line every comment the tool writes ends with:
 * <!-- visit-sre {"v":1,"kind":"handoff","to":"login",...} -->
 * Markers tell later runs what was already done (idempotence) and carry
 * facts such as effort and call times. Only the team's markers are trusted.
 */
/** The desk thread's own kinds (SPEC §10): away notices, delegations, announcements, classified requests. */
const DESK_KINDS = ['away', 'away-cancel', 'delegate', 'swap', 'classified', 'claim', 'misdirected'] as const;
export const MARKER_KINDS = ['contact', 'handoff', 'escalation', 'resolution', 'promotion', 'stale', 'effort', ...DESK_KINDS] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export interface Marker {
  v: 1;
  kind: MarkerKind;
  [key: string]: unknown;
}

const MARKER = /<!--\s*visit-sre\s+(\{[^\n]*?\})\s*-->/g;

/** The last well-formed marker in a body, or null. */
export function parseMarker(body: string): Marker | null {
  let found: Marker | null = null;
  for (const m of body.matchAll(MARKER)) {
    try {
      const value = JSON.parse(m[1]!) as Partial<Marker>;
      if (value && value.v === 1 && typeof value.kind === 'string' && (MARKER_KINDS as readonly string[]).includes(value.kind)) {
        found = value as Marker;
      }
    } catch {
      // Not ours, or damaged: ignore it.
    }
  }
  return found;
}

/** The marker line for a body the tool writes. `-->` inside values is escaped so the comment cannot end early. */
export function formatMarker(marker: Omit<Marker, 'v'> & { kind: MarkerKind }): string {
  const json = JSON.stringify({ v: 1, ...marker }).replace(/--/g, '-\\u002d');
  return `<!-- visit-sre ${json} -->`;
}

/** Markers that record bookkeeping, not an answer: they do not stop the response clock. */
export const BOOKKEEPING: ReadonlySet<MarkerKind> = new Set(['handoff', 'escalation', 'effort']);
