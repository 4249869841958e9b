import type { Assessment, Discussion, TeamRule } from '../conversation.js';
import { markersOf } from '../conversation.js';
import type { TeamMember } from '../config.js';
import type { Segment } from '../rotation.js';
import { onDutyAt } from '../rotation.js';
import { UsageError } from '../errors.js';
import { withMarker } from '../markers.js';
import type { Plan } from './plan.js';
import { skipAction } from './plan.js';

/** A retry within this window with the same people is the same escalation, not a new one. */
export const SAME_ESCALATION_MS = 15 * 60_000;

export interface EscalateFacts {
  now: number;
  discussion: Discussion;
  assessment: Assessment;
  team: TeamRule;
  members: readonly TeamMember[];
  timeline: readonly Segment[];
  /** the acting Primary and Backup now (SPEC §10: away notices, delegations); the rota's when absent */
  acting?: { primary: string | null; backup: string | null };
}

export interface EscalateFlags {
  to: readonly string[];
  reason?: string;
  effort?: number;
}

/** Either a plan, or the people to choose from when the Backup was asked already. */
export type EscalatePlan = (Plan & { choose?: undefined }) | { choose: { candidates: TeamMember[]; asked: string[] } };

const sorted = (logins: readonly string[]) =>
  [...logins]
    .map((l) => l.toLowerCase())
    .sort()
    .join(',');

/**
 * Who to ask: the given people; else the Backup on duty the first time; later,
 * someone not yet asked (the caller offers the choice). A re-run within 15
 * minutes with the same people is the same escalation.
 */
export function planEscalate(f: EscalateFacts, flags: EscalateFlags): EscalatePlan {
  const d = f.discussion;
  const base = { kind: 'escalation', number: d.number, url: d.url };
  if (f.assessment.state === 'resolved') return { actions: [skipAction(base, 'already resolved')], warnings: [] };
  const previous = markersOf(d, f.team, 'escalation');
  const asked = [...new Set(previous.flatMap((p) => (Array.isArray(p.marker.to) ? (p.marker.to as string[]) : [])))];
  const duty = onDutyAt(f.timeline, f.now, 0).current;
  const last = previous[previous.length - 1];
  const lastTo = (last?.marker.to as string[] | undefined) ?? [];
  if (last !== undefined && f.now - last.createdAt < SAME_ESCALATION_MS && (flags.to.length === 0 || sorted(flags.to) === sorted(lastTo))) {
    // A re-run right after an escalation (say, after a lost answer) is the same escalation.
    return {
      actions: [{ ...skipAction(base, `already escalated to ${lastTo.map((l) => `@${l}`).join(', ')} minutes ago`), url: last.url }],
      warnings: [],
    };
  }
  let to = [...flags.to];
  if (to.length === 0) {
    const backup = f.acting ? f.acting.backup : (duty?.backup?.login ?? null);
    if (previous.length === 0 && backup) to = [backup];
    else {
      const skip = new Set(
        [...asked, f.acting ? f.acting.primary : duty?.primary?.login, f.assessment.owner]
          .filter((l): l is string => !!l)
          .map((l) => l.toLowerCase()),
      );
      const candidates = f.members.filter((m) => !skip.has(m.login.toLowerCase()));
      if (candidates.length === 0)
        throw new UsageError(`everyone on the team has been asked about #${d.number} already`, 'pass --to LOGIN to ask someone again');
      return { choose: { candidates, asked } };
    }
  }
  const warnings = to
    .filter((l) => !f.members.some((m) => m.login.toLowerCase() === l.toLowerCase()))
    .map((l) => `@${l} is not on the team`);
  const key = `escalation/${sorted(to)}`;
  const text = `${to.map((l) => `@${l}`).join(' ')}, could you help with this one?${flags.reason ? `\n\n${flags.reason}` : ''}`;
  const body = withMarker(text, 'escalation', { to, ...(flags.reason ? { reason: flags.reason } : {}) }, { effort: flags.effort, key });
  return {
    actions: [
      {
        ...base,
        key,
        preview: `#${d.number} ${d.title}\n\n${body}`,
        steps: [{ op: 'comment', discussionId: d.id, number: d.number, body, key, windowMs: SAME_ESCALATION_MS }],
      },
    ],
    warnings,
  };
}
