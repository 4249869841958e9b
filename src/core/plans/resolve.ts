import type { Assessment, Discussion, Message, TeamRule } from '../conversation.js';
import { workaroundsOf } from '../fixes.js';
import { addressee, authorRef, isTeam, markersOf, trustedMarker } from '../conversation.js';
import { BOOKKEEPING } from '../markers.js';
import { UsageError } from '../errors.js';
import { withMarker } from '../markers.js';
import { fillTemplate } from '../template.js';
import type { Plan, PlannedAction, Step } from './plan.js';
import { skipAction } from './plan.js';
import { plural, silentText } from '../words.js';

/** The first lines of a message, quoted, without its marker. */
function quote(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim()
    .split('\n')
    .slice(0, 6)
    .map((l) => `> ${l}`)
    .join('\n');
}

/**
 * The tool's own bookkeeping in a thread (handoffs, keep notes, escalations,
 * declines, effort, closing notes): never an answer (docs/markers.md#bookkeeping).
 */
export function isBookkeeping(m: Message, team: TeamRule): boolean {
  const kind = trustedMarker(m, team)?.kind;
  return kind !== undefined && (BOOKKEEPING.has(kind) || kind === 'stale');
}

/** The comments `resolve` offers as the answer: the team's real replies, neither hidden nor bookkeeping. */
export function answerCandidates(d: Discussion, team: TeamRule): Message[] {
  return d.messages.filter((m) => m.kind !== 'post' && !m.hidden && isTeam(m, team) && !isBookkeeping(m, team));
}

export interface AnswerFacts {
  discussion: Discussion;
  team: TeamRule;
  chosen: Message | null;
  effort?: number;
  /** --workaround: the answer is a short-term constructive correction, the lasting fix comes later */
  workaround?: boolean;
  /** the product issue an earlier `promote` named as the long-term fix, if any */
  longTerm?: string | null;
}

/**
 * `resolve --workaround`: a comment that names the answer a workaround (a
 * short-term constructive correction) and says where the lasting fix is or
 * will be, with a `resolution` marker `{ answer, workaround: true, longTerm? }`.
 * The answer is marked as usual (the chosen comment itself, or for a reply
 * this comment); on a discussion already answered it only records the mark.
 */
function planWorkaround(f: AnswerFacts): Plan {
  const { discussion: d, chosen } = f;
  const base = { kind: 'workaround', number: d.number, url: d.url };
  if (!chosen) return { actions: [skipAction(base, 'no answer to mark as a workaround')], warnings: [] };
  const key = `workaround/${chosen.url}`;
  const earlier = workaroundsOf(d, f.team).find((m) => m.answer === chosen.url);
  const resolved = d.isAnswered || d.closed;
  const answer: Step[] = resolved
    ? []
    : !d.category.isAnswerable
      ? [{ op: 'close', discussionId: d.id, reason: 'RESOLVED' }]
      : [{ op: 'mark-answer', ...(chosen.kind === 'comment' ? { commentId: chosen.id } : {}) }];
  if (earlier && answer.length === 0) return { actions: [skipAction(base, 'already marked as a workaround', key)], warnings: [] };
  const later = f.longTerm
    ? `The lasting fix is tracked in ${f.longTerm}.`
    : 'It is a short-term correction: we will follow up with a lasting fix in the product.';
  const body = withMarker(
    `A workaround for now is in [this ${chosen.kind === 'reply' ? 'reply' : 'comment'}](${chosen.url}) by ${authorRef(chosen.author)}:\n\n${quote(chosen.body)}\n\n${later}`,
    'resolution',
    { answer: chosen.url, workaround: true, ...(f.longTerm ? { longTerm: f.longTerm } : {}) },
    { effort: f.effort, key },
  );
  return {
    actions: [
      {
        ...base,
        key,
        reason: resolved ? 'marked as a workaround' : 'answered with a workaround',
        ...(earlier
          ? { plannedReason: 'marking the earlier workaround as the answer' }
          : { preview: `#${d.number} ${d.title}\n\n${body}` }),
        steps: [
          earlier
            ? { op: 'reuse-comment', id: earlier.messageId, url: earlier.url }
            : { op: 'comment', discussionId: d.id, number: d.number, body, key },
          ...answer,
        ],
      },
    ],
    warnings: [],
  };
}

/**
 * Marks the answer. A threaded reply cannot be marked on GitHub: a top-level
 * comment links to it (quoting it) and is marked instead, the VisIt convention.
 */
export function planAnswer(f: AnswerFacts): Plan {
  if (f.workaround) return planWorkaround(f);
  const { discussion: d, chosen } = f;
  const base = { kind: 'answer', number: d.number, url: d.url };
  if (d.isAnswered || d.closed || !chosen)
    return { actions: [skipAction(base, d.closed ? 'already closed' : 'already answered')], warnings: [] };
  if (!d.category.isAnswerable) {
    const note = `"${d.category.name}" has no answers`;
    return {
      actions: [
        {
          ...base,
          url: chosen.url,
          keepUrl: true,
          key: '',
          reason: `${note}: closed as resolved`,
          plannedReason: `${note}: would close as resolved`,
          steps: [{ op: 'close', discussionId: d.id, reason: 'RESOLVED' }],
        },
      ],
      warnings: [],
    };
  }
  if (chosen.kind === 'comment')
    return {
      actions: [{ ...base, url: chosen.url, keepUrl: true, key: '', steps: [{ op: 'mark-answer', commentId: chosen.id }] }],
      warnings: [],
    };
  const key = `answer/${chosen.url}`;
  const earlier = markersOf(d, f.team, 'resolution').find((m) => m.marker.answer === chosen.url);
  const body = withMarker(
    `The answer to this question is in [this reply](${chosen.url}) by ${authorRef(chosen.author)}:\n\n${quote(chosen.body)}`,
    'resolution',
    { answer: chosen.url },
    { effort: f.effort, key },
  );
  const first: Step = earlier
    ? { op: 'reuse-comment', id: earlier.messageId, url: earlier.url }
    : { op: 'comment', discussionId: d.id, number: d.number, body, key };
  return {
    actions: [
      {
        ...base,
        key,
        reason: 'answered by a reply: linked from a top-level comment',
        ...(earlier ? { plannedReason: 'marking the earlier link comment' } : { preview: `#${d.number} ${d.title}\n\n${body}` }),
        steps: [first, { op: 'mark-answer' }],
      },
    ],
    warnings: [],
  };
}

/**
 * The polite closing comment, from the closing template. It states a number of
 * days only when the user really was silent that long (docs/process.md#words-to-people).
 */
export function closingText(
  template: { text: string; source: string },
  d: Pick<Discussion, 'title' | 'number'>,
  greeting: string,
  days: number | null,
  staleAfterDays: number,
): string {
  const why = days !== null && days >= staleAfterDays ? `we haven't heard back in ${plural(days, 'day')}, so ` : '';
  return fillTemplate(template.text, { user: greeting, why, title: d.title, number: String(d.number) }, template.source);
}

export interface WontfixFacts {
  discussion: Discussion;
  assessment: Assessment;
  team: TeamRule;
  label: { name: string; id: string };
  staleAfterDays: number;
  /** templates/closing.md, or the team's own */
  template: { text: string; source: string };
}

export interface WontfixFlags {
  kind: 'resolution' | 'stale';
  message?: string;
  effort?: number;
  /** close a discussion whose user wrote lately */
  force?: boolean;
}

/** An earlier closure's comment, when a run closed it part-way. */
function earlierClosure(d: Discussion, team: TeamRule) {
  return [...markersOf(d, team, 'stale'), ...markersOf(d, team, 'resolution').filter((m) => m.marker.wontfix === true)]
    .sort((a, b) => a.createdAt - b.createdAt)
    .pop();
}

/**
 * Closes a discussion as wontfix: a polite closing comment with a marker,
 * marked as the answer (in a category without answers, the discussion closed
 * as outdated), and the wontfix label. A discussion already resolved some other
 * way is left alone; one closed part-way by an earlier run is completed.
 */
export function planWontfix(f: WontfixFacts, flags: WontfixFlags): PlannedAction {
  const d = f.discussion;
  const base = { kind: flags.kind === 'stale' ? 'close-stale' : 'wontfix', number: d.number, url: d.url };
  const previous = earlierClosure(d, f.team);
  const hasLabel = d.labels.includes(f.label.name);
  const resolved = d.isAnswered || d.closed;
  if (resolved && hasLabel) return skipAction(base, 'already closed as wontfix');
  if (resolved && !previous) return skipAction(base, d.closed ? 'already closed' : 'already answered');
  const days = f.assessment.daysSinceUserActivity === null ? null : Math.floor(f.assessment.daysSinceUserActivity);
  if (!previous && !flags.force && (days === null || days < f.staleAfterDays)) {
    throw new UsageError(
      `#${d.number}: ${days === null ? 'no user has written yet' : `the user wrote ${days === 0 ? 'today' : `${plural(days, 'day')} ago`}`}, less than the ${plural(f.staleAfterDays, 'day')} of silence before closing as wontfix`,
      'pass --force to close it anyway',
    );
  }
  const key = 'wontfix';
  const body = withMarker(
    flags.message ?? closingText(f.template, d, addressee(d, f.team), days, f.staleAfterDays),
    flags.kind,
    { wontfix: true },
    { effort: flags.effort, key },
  );
  const steps: Step[] = [
    previous
      ? { op: 'reuse-comment', id: previous.messageId, url: previous.url }
      : { op: 'comment', discussionId: d.id, number: d.number, body, key },
  ];
  let reason: string | undefined;
  if (!resolved) {
    if (d.category.isAnswerable) steps.push({ op: 'mark-answer' });
    else {
      steps.push({ op: 'close', discussionId: d.id, reason: 'OUTDATED' });
      reason = `"${d.category.name}" has no answers: closed as outdated`;
    }
  }
  if (!hasLabel) steps.push({ op: 'add-labels', labelableId: d.id, labelIds: [f.label.id] });
  return {
    ...base,
    key,
    ...(reason ? { reason } : {}),
    ...(previous ? { plannedReason: 'completing an earlier closure' } : { preview: `#${d.number} ${d.title}\n\n${body}` }),
    summary: `#${d.number} ${d.title} (${days === null ? 'user silent for an unknown time' : silentText(days)})`,
    steps,
  };
}

/**
 * Resolves every stale discussion as wontfix, and finishes those an earlier
 * run left part-way: they carry a closing marker but not the label, and, being
 * answered, are no longer stale.
 */
export function planCloseStale(
  f: Omit<WontfixFacts, 'discussion' | 'assessment'> & {
    discussions: readonly Discussion[];
    stale: readonly Assessment[];
    assessments: readonly Assessment[];
  },
  flags: { effort?: number },
): Plan {
  const byNumber = new Map(f.discussions.map((d) => [d.number, d]));
  const halfDone = f.assessments.filter(
    (a) => !a.stale && !byNumber.get(a.number)!.labels.includes(f.label.name) && earlierClosure(byNumber.get(a.number)!, f.team),
  );
  const actions = [...f.stale, ...halfDone].map((a) =>
    planWontfix({ ...f, discussion: byNumber.get(a.number)!, assessment: a }, { kind: 'stale', effort: flags.effort }),
  );
  return { actions, warnings: [] };
}
