import type { Discussion, MarkedMessage, TeamRule } from './conversation.js';
import { markersOf } from './conversation.js';

/**
 * The process's two kinds of action (docs/process.md): a short-term
 * constructive correction, the workaround that `resolve --workaround` marks,
 * and the longer-term comprehensive solution, the product issue `promote`
 * names. Read from the team's markers, in either order.
 */
export interface Fixes {
  /** the answers marked as workarounds, oldest first */
  workarounds: Array<{ answer: string; at: number; url: string }>;
  /** the product issues the discussion was promoted to (or added to), oldest first */
  longTerm: Array<{ issue: string; at: number; url: string; known: boolean }>;
}

/** The workarounds the team marked in a discussion (`resolve --workaround`), oldest first: the answer each names. */
export function workaroundsOf(d: Discussion, team: TeamRule): Array<MarkedMessage & { answer: string }> {
  return markersOf(d, team, 'resolution').flatMap((m) =>
    m.marker.workaround === true && typeof m.marker.answer === 'string' ? [{ ...m, answer: m.marker.answer }] : [],
  );
}

export function fixesOf(d: Discussion, team: TeamRule): Fixes {
  return {
    workarounds: workaroundsOf(d, team).map((m) => ({ answer: m.answer, at: m.createdAt, url: m.url })),
    longTerm: markersOf(d, team, 'promotion').flatMap((m) =>
      typeof m.marker.issue === 'string' ? [{ issue: m.marker.issue, at: m.createdAt, url: m.url, known: m.marker.known === true }] : [],
    ),
  };
}
