import type { Discussion, TeamRule } from '../conversation.js';
import { markersOf } from '../conversation.js';
import { formatDuration } from '../duration.js';
import { withMarker } from '../markers.js';
import { isoUtc } from '../timeText.js';
import type { Plan } from './plan.js';
import { skipAction } from './plan.js';

export interface EffortFacts {
  discussion: Discussion;
  team: TeamRule;
  minutes: number;
  /** when the work was done */
  at: number;
  /** the token's user, who did it */
  who: string | null;
  note?: string;
}

/** The key of one effort record: the same work told twice (a re-run with the same --at) is recorded once. */
export function effortKey(at: number, minutes: number): string {
  return `effort/${isoUtc(at)}/${minutes}`;
}

/**
 * `effort NUMBER DURATION`: effort recorded after the fact, as a comment with
 * an `effort` marker. It is bookkeeping (docs/markers.md): it does not stop
 * the response clock, so recording time never reads as an answer.
 */
export function planEffort(f: EffortFacts): Plan {
  const d = f.discussion;
  const base = { kind: 'effort', number: d.number, url: d.url };
  const key = effortKey(f.at, f.minutes);
  if (markersOf(d, f.team, 'effort').some((m) => m.marker.key === key))
    return { actions: [skipAction(base, `already recorded (${formatDuration(f.minutes)} at ${isoUtc(f.at)})`, key)], warnings: [] };
  const note = f.note?.replace(/\s+/g, ' ').trim();
  const text = `_Support bookkeeping: ${f.who ? `@${f.who}` : 'the team'} spent ${formatDuration(f.minutes)} on this${note ? ` (${note})` : ''}._`;
  const body = withMarker(
    text,
    'effort',
    { ...(f.who ? { who: f.who } : {}), at: isoUtc(f.at), ...(note ? { note } : {}) },
    { effort: f.minutes, key },
  );
  return {
    actions: [
      {
        ...base,
        key,
        reason: `${formatDuration(f.minutes)} recorded`,
        plannedReason: `would record ${formatDuration(f.minutes)}`,
        preview: `#${d.number} ${d.title}\n\n${body}`,
        steps: [{ op: 'comment', discussionId: d.id, number: d.number, body, key }],
      },
    ],
    warnings: [],
  };
}
