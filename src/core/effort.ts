import type { Discussion, Message, TeamRule } from './conversation.js';
import { isTeam, trustedMarker } from './conversation.js';
import { parseDuration } from './duration.js';

/**
 * Effort recorded where the work is (docs/markers.md, "Effort"): the tool's
 * own markers carry `effortMinutes`; a team member's comment or reply typed in
 * GitHub's web page carries a line `Effort: 45m` (any duration `--effort`
 * takes). Quoted lines and code blocks are text, not a record.
 */
const LINE = /^\s{0,3}effort\s*:\s*(.+?)\s*$/i;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** The minutes of a body's first `Effort:` line outside quotes and code; null when there is none. */
export function effortLine(body: string): number | null {
  let fenced = false;
  for (const line of body.replace(/<!--[\s\S]*?-->/g, '').split('\n')) {
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced || /^\s*>/.test(line)) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    try {
      return parseDuration(m[1]!.replace(/\.$/, ''), 'effort');
    } catch {
      // "Effort: a lot" is prose, not a record.
    }
  }
  return null;
}

/**
 * The effort one message records: its trusted marker's, when it has one (a
 * line in the tool's own text never counts twice); else, for a team member's
 * visible comment or reply, its `Effort:` line. A user's line is never counted.
 */
export function messageEffort(m: Message, team: TeamRule): number {
  const marker = trustedMarker(m, team);
  if (marker) return typeof marker.effortMinutes === 'number' ? marker.effortMinutes : 0;
  if (m.hidden || !isTeam(m, team)) return 0;
  return effortLine(m.body) ?? 0;
}

/** All the effort a discussion records, in minutes. */
export function effortOf(d: Discussion, team: TeamRule): number {
  return d.messages.reduce((sum, m) => sum + messageEffort(m, team), 0);
}
