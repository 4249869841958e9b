import type { Discussion, Message, TeamRule } from './conversation.js';
import { trustedMarker, turnsOf } from './conversation.js';
import { parseMarker } from './markers.js';

/**
 * A discussion cut down to what every judgment of it reads
 * (docs/process.md#cost-of-a-watch), so a watch can keep a thousand of them
 * between runs: the opening post, every message with a marker (as its marker
 * line alone), and the few messages the conversation's turns turn on — the
 * team's last turn, the user's first turn after it, and the user's last. The
 * opening post keeps its text only when it is a logged call (its customer is
 * named there). `assess`, `turnsOf` (who has replied), `markersOf` (owner,
 * keep, closures), `addressee` and `viaOf` give the same answers for the
 * digest as for the whole discussion; a test holds them to it.
 */
export function digestOf(d: Discussion, team: TeamRule): Discussion {
  const turns = turnsOf(d, team);
  let lastTeam: number | null = null;
  for (const t of turns) if (t.side === 'team') lastTeam = t.at;
  const users = turns.filter((t) => t.side === 'user');
  const keyTimes = new Set<number>([
    ...(lastTeam !== null ? [lastTeam] : []),
    ...users
      .filter((t) => lastTeam === null || t.at > lastTeam)
      .slice(0, 1)
      .map((t) => t.at),
    ...users.slice(-1).map((t) => t.at),
  ]);
  const markerLine = (m: Message) => (parseMarker(m.body) ? m.body.trimEnd().split('\n').at(-1)!.trim() : '');
  const messages = d.messages.flatMap((m): Message[] => {
    if (m.kind === 'post') return [{ ...m, body: trustedMarker(m, team)?.kind === 'contact' ? m.body : markerLine(m) }];
    const line = markerLine(m);
    return line || keyTimes.has(m.createdAt) ? [{ ...m, body: line }] : [];
  });
  return { ...d, messages, complete: true };
}
