import type { Assessment, Discussion, TeamRule } from '../conversation.js';
import { markersOf } from '../conversation.js';
import { UsageError } from '../errors.js';
import { withMarker } from '../markers.js';
import type { Template } from '../deskPosts.js';
import { deskTime, renderTemplate, utc } from '../deskPosts.js';
import type { Plan } from './plan.js';
import { skipAction } from './plan.js';

export interface DeclineFacts {
  now: number;
  zone: string;
  discussion: Discussion;
  assessment: Assessment;
  team: TeamRule;
  /** who declines: the token's user */
  who: string;
  /** the acting Primary now, whom the decline tells (docs/process.md#escalation) */
  actingPrimary: string | null;
  template: Template;
}

export interface DeclineFlags {
  /** defer: not before then (epoch ms); without it, a decline for good */
  until?: number;
  reason?: string;
  effort?: number;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/**
 * `decline NUMBER` (docs/process.md#escalation): a developer an escalation enlisted declines
 * or defers, and tells the Primary: one comment in the discussion
 * @mentioning the acting Primary (or, when the decliner is the acting
 * Primary, the owner), with a trusted `decline` marker. Keyed by the
 * escalation it answers, so a re-run posts nothing and a later escalation
 * can be declined again.
 */
export function planDecline(f: DeclineFacts, flags: DeclineFlags): Plan {
  const d = f.discussion;
  const base = { kind: 'decline', number: d.number, url: d.url };
  if (f.assessment.state === 'resolved') return { actions: [skipAction(base, 'already resolved')], warnings: [] };
  const escalations = markersOf(d, f.team, 'escalation');
  const mine = escalations.filter((e) => Array.isArray(e.marker.to) && (e.marker.to as string[]).some((l) => same(l, f.who)));
  const last = mine[mine.length - 1];
  if (!last) {
    const asked = [...new Set(escalations.flatMap((e) => (Array.isArray(e.marker.to) ? (e.marker.to as string[]) : [])))];
    throw new UsageError(
      `@${f.who} was not asked about #${d.number}: only a developer an escalation enlisted can decline it`,
      asked.length ? `the escalations asked ${asked.map((l) => `@${l}`).join(', ')}` : 'nobody has been asked yet (visit-sre escalate)',
    );
  }
  if (flags.until !== undefined && flags.until <= f.now)
    throw new UsageError(
      `--until ${deskTime(flags.until, f.zone)} is not in the future`,
      'give the time you can help from, or leave it out',
    );
  const key = `decline/${f.who}/${utc(last.createdAt)}`;
  const earlier = markersOf(d, f.team, 'decline').find((m) => m.marker.key === key);
  if (earlier) return { actions: [{ ...skipAction(base, `already declined by @${f.who}`, key), url: earlier.url }], warnings: [] };
  const tell = [f.actingPrimary, f.assessment.owner].find((l) => l && !same(l, f.who)) ?? null;
  const warnings = tell ? [] : [`nobody else holds #${d.number}: the decline tells no one`];
  const text = renderTemplate(f.template, {
    primary: tell ? `@${tell}` : 'Team',
    who: `@${f.who}`,
    until: flags.until !== undefined ? ` before ${deskTime(flags.until, f.zone)}` : '',
    reason: flags.reason ? `> ${flags.reason.replace(/\s+/g, ' ').trim()}` : '',
  });
  const fields = {
    who: f.who,
    ...(flags.until !== undefined ? { until: utc(flags.until) } : {}),
    ...(flags.reason ? { reason: flags.reason } : {}),
  };
  const body = withMarker(text, 'decline', fields, { effort: flags.effort, key });
  return {
    actions: [
      {
        ...base,
        key,
        reason: tell ? `told @${tell}` : 'told nobody',
        plannedReason: tell ? `would tell @${tell}` : 'would tell nobody',
        preview: `#${d.number} ${d.title}\n\n${body}`,
        steps: [{ op: 'comment', discussionId: d.id, number: d.number, body, key }],
      },
    ],
    warnings,
  };
}
