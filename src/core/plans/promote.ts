import type { Discussion, TeamRule } from '../conversation.js';
import { authorRef, isTeam, markersOf } from '../conversation.js';
import { parseMarker, withMarker } from '../markers.js';
import { workaroundsOf } from '../fixes.js';
import type { Created, Plan, Step } from './plan.js';
import { skipAction } from './plan.js';

function clean(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** The issue body: the question, the user, what was tried, the workaround given, and the links back. */
export function summarise(d: Discussion, team: TeamRule): string {
  const workaround = workaroundsOf(d, team).at(-1)?.answer;
  const post = d.messages.find((m) => m.kind === 'post')!;
  const question = clean(post.body)
    .split('\n')
    .slice(0, 20)
    .map((l) => `> ${l}`)
    .join('\n');
  const tried = d.messages
    .filter((m) => m.kind !== 'post' && !m.hidden && isTeam(m, team) && !parseMarker(m.body))
    .map((m) => `- ${authorRef(m.author)}: ${clean(m.body).replace(/\s+/g, ' ').slice(0, 200)} ([link](${m.url}))`);
  return [
    `Promoted from the support discussion ${d.url} (#${d.number}, asked by ${authorRef(post.author)}): this issue is its long-term, comprehensive solution.`,
    '',
    '### The question',
    '',
    question || '> (empty)',
    '',
    '### What was tried',
    '',
    tried.length ? tried.join('\n') : '_Nothing yet._',
    '',
    `### Links`,
    '',
    `- Discussion: ${d.url}`,
    ...(workaround ? [`- Workaround given meanwhile (short-term correction): ${workaround}`] : []),
  ].join('\n');
}

/** The issue an earlier run created for this discussion, by its marker. */
export function isPromotionOf(issueBody: string, discussionUrl: string): boolean {
  const m = parseMarker(issueBody);
  return m?.kind === 'promotion' && m.discussion === discussionUrl;
}

export interface PromoteFacts {
  discussion: Discussion;
  team: TeamRule;
  /** the product repository, OWNER/NAME */
  product: string;
  productId: string;
  title: string;
  effort?: number;
  /** --known: the issue, with its labels */
  known?: { id: string; number: number; url: string; labels: Array<{ id: string; name: string }> };
  reviewedLabel: string;
  /** an issue an earlier run created but could not link */
  existing?: Created;
  /** --keep-open: leave the discussion unresolved */
  keepOpen?: boolean;
}

/**
 * A promoted discussion is resolved in the support tracker (unless
 * --keep-open): its link comment becomes the answer, or, in a category
 * without answers, the discussion is closed as resolved.
 */
function resolving(d: Discussion, keepOpen: boolean | undefined): Step[] {
  if (keepOpen || d.isAnswered || d.closed) return [];
  return d.category.isAnswerable ? [{ op: 'mark-answer' }] : [{ op: 'close', discussionId: d.id, reason: 'RESOLVED' }];
}

/** Creates a product issue that links back (or adds to a known one), then links it from the discussion. */
export function planPromote(f: PromoteFacts): Plan {
  const d = f.discussion;
  const known = f.known;
  const base = { kind: known ? 'promote-known' : 'promote', number: d.number, url: d.url };
  const earlier = markersOf(d, f.team, 'promotion').find((m) =>
    known ? m.marker.number === known.number && m.marker.repo === f.product : m.marker.repo === f.product && m.marker.known !== true,
  );
  if (earlier) {
    const issueUrl = String(earlier.marker.issue ?? earlier.url);
    const rest = resolving(d, f.keepOpen);
    if (rest.length === 0)
      return {
        actions: [{ ...skipAction(base, `already promoted to ${f.product}#${earlier.marker.number}`), url: issueUrl }],
        warnings: [],
      };
    // An earlier run linked the issue but could not resolve the discussion: finish that.
    return {
      actions: [
        {
          ...base,
          url: issueUrl,
          keepUrl: true,
          key: '',
          reason: `already promoted to ${f.product}#${earlier.marker.number}; resolved now`,
          steps: [{ op: 'reuse-comment', id: earlier.messageId, url: earlier.url }, ...rest],
        },
      ],
      warnings: [],
    };
  }
  const summary = summarise(d, f.team);
  // The issue is the comprehensive solution; a workaround given before is tied to it (docs/markers.md#promotion).
  const workaround = workaroundsOf(d, f.team).at(-1)?.answer;
  const longTerm = { longTerm: true, ...(workaround ? { workaround } : {}) };
  const meanwhile = workaround ? ` That issue is the lasting fix; until it lands, [the workaround](${workaround}) helps.` : '';
  if (known) {
    const key = `promotion/${f.product}#${known.number}`;
    const reviewed = known.labels.find((l) => l.name === f.reviewedLabel);
    const issueBody = withMarker(
      `New information from a support discussion:\n\n${summary}`,
      'promotion',
      { discussion: d.url },
      { effort: f.effort },
    );
    const discussionBody = withMarker(
      `This is tracked in the known issue ${known.url}; we added the details from here to it.${meanwhile}`,
      'promotion',
      { issue: known.url, repo: f.product, number: known.number, known: true, ...longTerm },
      { effort: f.effort, key },
    );
    const steps: Step[] = [{ op: 'issue-comment', issueId: known.id, body: issueBody }];
    if (reviewed) steps.push({ op: 'remove-labels', labelableId: known.id, labelIds: [reviewed.id] });
    steps.push({ op: 'comment', discussionId: d.id, number: d.number, body: discussionBody, key }, ...resolving(d, f.keepOpen));
    return {
      actions: [
        {
          ...base,
          url: known.url,
          keepUrl: true,
          key,
          ...(reviewed ? { reason: `removed "${reviewed.name}"`, plannedReason: `and remove "${reviewed.name}"` } : {}),
          preview: `${f.product}#${known.number} (comment)\n\n${issueBody}\n\n#${d.number} (comment)\n\n${discussionBody}`,
          steps,
        },
      ],
      warnings: [],
    };
  }
  const key = `promotion/${f.product}`;
  const issueKey = `promotion/${d.url}`;
  const issueBody = withMarker(summary, 'promotion', { discussion: d.url }, { effort: f.effort, key: issueKey });
  const discussionBody = (issue: Created) =>
    withMarker(
      `We are tracking the work for this in ${issue.url}.${meanwhile}`,
      'promotion',
      { issue: issue.url, repo: f.product, number: issue.number, ...longTerm },
      { effort: f.effort, key },
    );
  return {
    actions: [
      {
        ...base,
        key,
        ...(f.existing ? { reason: 'found the issue an earlier run created' } : {}),
        preview: `${f.product}: new issue "${f.title}"\n\n${issueBody}`,
        steps: [
          f.existing
            ? { op: 'reuse-created', created: f.existing }
            : { op: 'create-issue', repository: f.product, repositoryId: f.productId, title: f.title, body: issueBody, key: issueKey },
          { op: 'comment', discussionId: d.id, number: d.number, body: discussionBody, key },
          ...resolving(d, f.keepOpen),
        ],
      },
    ],
    warnings: [],
  };
}
