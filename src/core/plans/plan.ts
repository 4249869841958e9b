/**
 * What a writer decides, before anything is sent: a plan of actions, each with
 * its reason, the text it posts and its idempotency key (docs/architecture.md#rules-are-plans). Plans are
 * data; `app/execute.ts` runs them against the GitHub port.
 */

export type ActionStatus = 'done' | 'skipped' | 'failed' | 'planned' | 'queued';

/**
 * Why an action did not complete. `auth` and `unavailable` would hit every
 * later action too, so a batch stops on them; the others belong to one item.
 */
export type FailureKind = 'auth' | 'unavailable' | 'refused' | 'not-found' | 'usage';

/** One action as the user sees it (the writers' JSON shape), plus why it failed. */
export interface ActionResult {
  kind: string;
  number: number | null;
  url: string | null;
  status: ActionStatus;
  reason?: string;
  failure?: FailureKind;
}

/** A reference to something a step created earlier in the same action (the issue, the discussion). */
export interface Created {
  id: string;
  number: number;
  url: string;
}

/** One write. Steps of an action run in order; a comment's id feeds a later `mark-answer`. */
export type Step =
  /** A keyed comment: looked for before a retry, and converged after posting (docs/architecture.md#keyed-writes-converge). */
  | { op: 'comment'; discussionId: string; number: number; body: string | ((created: Created) => string); key: string; windowMs?: number }
  /** A comment an earlier run posted, reused by later steps. */
  | { op: 'reuse-comment'; id: string; url: string }
  /** Marks this action's comment (or the given one) as the answer. */
  | { op: 'mark-answer'; commentId?: string }
  | { op: 'close'; discussionId: string; reason: 'RESOLVED' | 'OUTDATED' }
  /** `labelableId: 'created'` labels what an earlier step of this action created. */
  | { op: 'add-labels'; labelableId: string | 'created'; labelIds: string[] }
  | { op: 'remove-labels'; labelableId: string; labelIds: string[] }
  | { op: 'create-issue'; repository: string; repositoryId: string; title: string; body: string; key: string }
  | { op: 'reuse-created'; created: Created }
  | { op: 'issue-comment'; issueId: string; body: string }
  | {
      op: 'create-discussion';
      repository: string;
      repositoryId: string;
      categoryId: string | null;
      title: string;
      body: string;
      key: string;
    }
  /**
   * A keyed comment on the desk thread (docs/process.md#the-desk-thread), an issue or a discussion:
   * looked for first when `lookFirst` (a desk post), found by its `run` id after a lost answer
   * (notify's feed). One that @mentions someone reserves its keys before it is posted, so racing
   * runs never both post the mentions. `thread` saves a read when the plan knows it.
   */
  | {
      op: 'desk-comment';
      desk: DeskRef;
      thread?: ThreadRef;
      body: string;
      keys: string[];
      run?: string;
      lookFirst: boolean;
      /** groups of keys posted together or not at all, and the body for those a racing run left to this one */
      units?: string[][];
      bodyFor?: (won: string[][]) => string;
    }
  /** Edits a comment of the desk thread (what a webhook still owes, in a notify marker). */
  | { op: 'desk-edit'; thread: ThreadRef; commentId: string; body: string }
  /** Rewrites the desk thread's body (the board). */
  | { op: 'desk-body'; thread: ThreadRef; body: string };

/** The desk thread as config `desk.thread` names it. */
export interface DeskRef {
  owner: string;
  name: string;
  number: number;
}

/** The desk thread as GitHub knows it: an issue or a discussion, and its node id. */
export interface ThreadRef {
  kind: 'issue' | 'discussion';
  id: string;
}

export interface PlannedAction {
  kind: string;
  number: number | null;
  url: string | null;
  /** the idempotency key its writes carry */
  key: string;
  /** decided at plan time: nothing to do, and why */
  skip?: string;
  /** said with the result: why, or what else happened */
  reason?: string;
  /** said by a --dry-run instead of `reason` */
  plannedReason?: string;
  /**
   * The line people read once it is done, instead of "done": whom it asked,
   * until when. Text only: the JSON keeps its shape.
   */
  doneText?: string;
  /** the same, for a --dry-run: "would ask …" */
  plannedText?: string;
  /** the result keeps `url` (say, a known issue's) instead of the url of what the steps wrote */
  keepUrl?: boolean;
  /** the text a --dry-run shows: exactly what would be posted */
  preview?: string;
  /** one line for the confirmation question */
  summary?: string;
  steps: Step[];
}

export interface Plan {
  actions: PlannedAction[];
  /** said on stderr before anything is sent */
  warnings: string[];
}

export function skipAction(base: Pick<PlannedAction, 'kind' | 'number' | 'url'>, why: string, key = ''): PlannedAction {
  return { ...base, key, skip: why, steps: [] };
}

/** The actions a plan would send, as a --dry-run reports them. */
export function plannedResults(plan: Plan): ActionResult[] {
  return plan.actions.map((a) => ({
    kind: a.kind,
    number: a.number,
    url: a.url,
    status: a.skip ? 'skipped' : 'planned',
    ...(a.skip ? { reason: a.skip } : a.plannedReason ? { reason: a.plannedReason } : {}),
  }));
}

/** The previews of the actions that would write. */
export function previews(plan: Plan): string[] {
  return plan.actions.flatMap((a) => (!a.skip && a.preview ? [a.preview] : []));
}

/** Whole-plan refusals: every action that would write, reported as skipped (not confirmed, say). */
export function skipAll(plan: Plan, why: string): ActionResult[] {
  return plan.actions.map((a) => ({ kind: a.kind, number: a.number, url: a.url, status: 'skipped', reason: a.skip ?? why }));
}

/** Actions that would write something. */
export const toWrite = (plan: Plan) => plan.actions.filter((a) => !a.skip);
