/**
 * The one executor: runs a plan's actions against the GitHub port.
 *
 *   const results = await execute(plan, gh, { repo, team, now: () => deps.now() });
 *
 * - Actions run one at a time, in order; an action skipped in the plan is
 *   reported as skipped, with its reason.
 * - Each result carries its status and, when it did not complete, the kind of
 *   failure (`ActionResult.failure`): cli/errors.ts maps that to an exit code.
 * - A refusal that belongs to one item (a locked discussion) skips that action
 *   with its reason and the batch goes on; a missing discussion or a usage
 *   error fails that action only. Auth and network failures would hit every
 *   later action, so those are then skipped: "not attempted after a failure".
 * - Comments are keyed writes (keyedWrites.ts `postOnce`), on a discussion
 *   or the desk thread alike: looked for before a retry, converged to one
 *   copy after posting. `onWritten` is told which keys each one kept.
 */
import type { TeamRule } from '../core/conversation.js';
import { AuthError, NotFoundError, RefusedError, UsageError, VisitSreError } from '../core/errors.js';
import type { ActionResult, Created, FailureKind, Plan, PlannedAction } from '../core/plans/plan.js';
import type { GitHubPort, RepoRef } from '../github/port.js';
import { mentions } from '../core/keyed.js';
import type { Posted } from './keyedWrites.js';
import { createDiscussionOnce, createIssueOnce, discussionThread, postOnce } from './keyedWrites.js';
import { deskKeyedThread } from './desk/post.js';

export interface ExecuteOptions {
  /** the repository of the discussions, to re-read a thread */
  repo: RepoRef;
  team: TeamRule;
  now(): number;
  /** told of each action's result as soon as it is known, so the shell can show progress */
  onResult?(result: ActionResult): void;
  /** told of each keyed comment an action wrote: its id and the keys it holds after converging */
  onWritten?(action: PlannedAction, posted: Posted): void;
}

export function failureKind(e: unknown): FailureKind {
  if (e instanceof RefusedError) return 'refused';
  if (e instanceof AuthError) return 'auth';
  if (e instanceof NotFoundError) return 'not-found';
  if (e instanceof UsageError) return 'usage';
  return 'unavailable';
}

export function failureReason(e: unknown): string {
  return e instanceof VisitSreError ? e.message : (e as Error).message;
}

/** A result for an action that could not complete. */
export function failedResult(base: Pick<ActionResult, 'kind' | 'number' | 'url'>, e: unknown): ActionResult {
  const failure = failureKind(e);
  if (failure === 'refused') return { ...base, status: 'skipped', reason: `GitHub refused it: ${failureReason(e)}`, failure };
  return { ...base, status: 'failed', reason: failureReason(e), failure };
}

export async function execute(plan: Plan, gh: GitHubPort, opts: ExecuteOptions): Promise<ActionResult[]> {
  let viewer: Promise<string> | undefined;
  const session: Session = {
    gh,
    repo: opts.repo,
    team: opts.team,
    now: opts.now,
    viewer: () => (viewer ??= gh.viewer().then((v) => v.login)),
    ...(opts.onWritten ? { onWritten: opts.onWritten } : {}),
  };
  const results: ActionResult[] = [];
  let stopped = false;
  for (const action of plan.actions) {
    const base = { kind: action.kind, number: action.number, url: action.url };
    if (action.skip) results.push({ ...base, status: 'skipped', reason: action.skip });
    else if (stopped) results.push({ ...base, status: 'skipped', reason: 'not attempted after a failure; run again' });
    else {
      try {
        results.push(await run(action, session));
      } catch (e) {
        const result = failedResult(base, e);
        results.push(result);
        stopped = result.failure === 'auth' || result.failure === 'unavailable';
      }
    }
    opts.onResult?.(results.at(-1)!);
  }
  return results;
}

export type Session = Omit<ExecuteOptions, 'now'> & { gh: GitHubPort; now(): number; viewer(): Promise<string> };

async function run(action: PlannedAction, s: Session): Promise<ActionResult> {
  const { gh } = s;
  let comment: { id: string; url: string } | undefined;
  let created: Created | undefined;
  const notes: string[] = [];
  for (const step of action.steps) {
    switch (step.op) {
      case 'comment': {
        const body = typeof step.body === 'function' ? step.body(created!) : step.body;
        const posted = await postOnce(s, discussionThread(s, step), { body, keys: [step.key], windowMs: step.windowMs });
        if (posted.converged) notes.push('another run posted the same comment at the same time; this copy was removed');
        s.onWritten?.(action, posted);
        if (posted.id !== null) comment = { id: posted.id, url: posted.url! };
        break;
      }
      case 'reuse-comment':
        comment = { id: step.id, url: step.url };
        break;
      case 'mark-answer':
        await gh.markAnswer(step.commentId ?? comment!.id);
        break;
      case 'close':
        await gh.closeDiscussion(step.discussionId, step.reason);
        break;
      case 'add-labels':
        await gh.addLabels(step.labelableId === 'created' ? created!.id : step.labelableId, step.labelIds);
        break;
      case 'remove-labels':
        await gh.removeLabels(step.labelableId, step.labelIds);
        break;
      case 'create-issue':
        created = await createIssueOnce(s, step);
        break;
      case 'reuse-created':
        created = step.created;
        break;
      case 'issue-comment':
        await gh.addIssueComment(step.issueId, step.body);
        break;
      case 'create-discussion': {
        const once = await createDiscussionOnce(s, step);
        created = once.created;
        if (once.converged)
          notes.push(
            `another run created the same inquiry at the same time; this copy ${once.converged === 'deleted' ? 'was removed' : 'was closed as a duplicate'}`,
          );
        break;
      }
      case 'desk-comment': {
        const posted = await postOnce(s, deskKeyedThread(s, step), {
          body: step.body,
          keys: step.keys,
          lookFirst: step.lookFirst,
          reserve: mentions(step.body),
          ...(step.run ? { run: step.run } : {}),
          ...(step.units ? { units: step.units } : {}),
          ...(step.bodyFor ? { bodyFor: step.bodyFor } : {}),
        });
        if (posted.converged)
          notes.push(
            posted.kept.length
              ? 'another run sent some of it at the same time'
              : 'another run posted the same at the same time; this copy was removed',
          );
        s.onWritten?.(action, posted);
        if (posted.id !== null) comment = { id: posted.id, url: posted.url! };
        break;
      }
      case 'desk-edit':
        await gh.updateThreadComment(step.thread, step.commentId, step.body);
        break;
      case 'desk-body':
        await gh.updateThreadBody(step.thread, step.body);
        break;
    }
  }
  const reason = [action.reason, ...notes].filter(Boolean).join('; ');
  return {
    kind: action.kind,
    number: action.number ?? created?.number ?? null,
    url: action.keepUrl ? action.url : (created?.url ?? comment?.url ?? action.url),
    status: 'done',
    ...(reason ? { reason } : {}),
  };
}
