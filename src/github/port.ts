import type { Discussion, Message } from '../core/conversation.js';

export interface RepoRef {
  owner: string;
  name: string;
}

export interface Category {
  id: string;
  slug: string;
  name: string;
  isAnswerable: boolean;
}

export interface RepositoryInfo {
  id: string;
  nameWithOwner: string;
  hasDiscussionsEnabled: boolean;
  categories: Category[];
}

export interface IssueRef {
  number: number;
  title: string;
  url: string;
}

export interface IssueDetail extends IssueRef {
  id: string;
  repositoryId: string;
  state: string;
  labels: Array<{ id: string; name: string }>;
}

export interface Scope {
  repo: RepoRef;
  /** category ids in scope; empty means all */
  categoryIds: string[];
  label: string | null;
}

export interface RecentDiscussion {
  id: string;
  number: number;
  url: string;
  body: string;
  labels: string[];
}

/** A discussion that was closed, as a summary lists it. */
export interface ClosedDiscussion {
  number: number;
  title: string;
  url: string;
  /** epoch ms */
  closedAt: number;
}

/** A discussion as the search for changes sees it: enough to tell whether to read it. */
export interface DiscussionChange {
  id: string;
  number: number;
  updatedAt: number;
  closed: boolean;
  categoryId: string;
  labels: string[];
}

export interface RateLimit {
  limit: number;
  remaining: number;
  resetAt: string;
}

/** The desk thread (docs/process.md#duty-desk): an issue or a discussion whose body holds the board and whose comments are the feed. */
export interface DeskThread {
  kind: 'issue' | 'discussion';
  id: string;
  number: number;
  title: string;
  url: string;
  body: string;
  /** top-level comments, oldest first: every one created at or after the `since` asked for, and possibly a few older */
  comments: Message[];
}

/**
 * GitHub as the tool sees it: domain objects in, domain objects out.
 * Pagination, batching, retries and rate limits stay behind this interface.
 */
export interface GitHubPort {
  /** The repository and its discussion categories; NotFoundError when absent. */
  repository(repo: RepoRef): Promise<RepositoryInfo>;
  labels(repo: RepoRef): Promise<string[]>;
  /** Every open discussion in scope, each with enough of its thread to judge its state. */
  openDiscussions(scope: Scope): Promise<Discussion[]>;
  /**
   * Every discussion of a repository created in [from, to) (ISO instants), open
   * or closed, each with its whole thread; only those of `scope`'s categories and
   * label when given. Ranges are split so that no search reaches GitHub's
   * 1,000-result cap; OperationalError when a range cannot be read whole.
   */
  discussionsCreated(repo: RepoRef, from: string, to: string, scope?: Pick<Scope, 'categoryIds' | 'label'>): Promise<Discussion[]>;
  /** The discussions in scope closed at or after `since` (epoch ms), answered or not, latest first. */
  closedSince(scope: Scope, since: number): Promise<ClosedDiscussion[]>;
  /** One discussion with its whole thread. */
  discussion(repo: RepoRef, number: number): Promise<Discussion>;
  /**
   * Every discussion of a repository updated at or after `since` (epoch ms),
   * open or closed, in any category, with only what tells whether it is in
   * scope; oldest change first. OperationalError when more changed than one
   * search can return: read everything instead.
   */
  discussionsUpdated(repo: RepoRef, since: number): Promise<DiscussionChange[]>;
  /** Discussions by node id, each with enough of its thread to judge its state (as `openDiscussions` reads them). */
  discussionsById(repo: RepoRef, ids: readonly string[]): Promise<Discussion[]>;
  lowHangingFruit(repo: RepoRef, label: string): Promise<IssueRef[]>;
  viewer(): Promise<{ login: string; rateLimit: RateLimit | null }>;
  /** The id of a label by name; null when the repository has no such label. */
  labelId(repo: RepoRef, name: string): Promise<{ repositoryId: string; labelId: string | null }>;
  issue(repo: RepoRef, number: number): Promise<IssueDetail>;
  /** Issues matching a GitHub search query (`repo:O/N is:issue is:open words…`), best match first, at most 20, and how many matched. */
  searchIssues(query: string): Promise<{ total: number; issues: Array<IssueRef & { labels: string[] }> }>;
  /** Issues the given user opened lately, newest first: to find one whose creation's answer was lost. */
  recentIssuesBy(repo: RepoRef, login: string): Promise<Array<IssueRef & { id: string; body: string }>>;

  /** The latest discussions of a category, newest first, with their bodies: to find one a lost answer created. */
  recentDiscussions(repo: RepoRef, categoryId: string | null): Promise<RecentDiscussion[]>;

  // Writes. Sent one at a time, at least a second apart, as GitHub asks.
  addDiscussionComment(discussionId: string, body: string, replyToId?: string): Promise<{ id: string; url: string }>;
  /** Removes a comment: the later of two identical keyed writes removes itself (docs/process.md#duty-desk "Concurrency"). */
  deleteDiscussionComment(commentId: string): Promise<void>;
  /**
   * Removes a discussion this token created twice: the later copy of a racing
   * `sync` removes itself. Needs the maintain or admin role (AuthError
   * without it); one already gone is not an error.
   */
  deleteDiscussion(discussionId: string): Promise<void>;
  markAnswer(commentId: string): Promise<void>;
  addLabels(labelableId: string, labelIds: string[]): Promise<void>;
  removeLabels(labelableId: string, labelIds: string[]): Promise<void>;
  closeDiscussion(discussionId: string, reason: 'RESOLVED' | 'OUTDATED' | 'DUPLICATE'): Promise<void>;
  createIssue(repositoryId: string, title: string, body: string): Promise<IssueRef & { id: string }>;
  addIssueComment(issueId: string, body: string): Promise<{ url: string }>;
  createDiscussion(
    repositoryId: string,
    categoryId: string,
    title: string,
    body: string,
  ): Promise<{ id: string; number: number; url: string }>;

  /** The desk thread with its comments back to `since` (epoch ms; default: the latest 100). NotFoundError when it is neither an issue nor a discussion. `quick`: no retries and a 3 s limit (for `who`, which has a cached answer to fall back on). */
  deskThread(repo: RepoRef, number: number, opts?: { since?: number; quick?: boolean }): Promise<DeskThread>;
  updateThreadBody(thread: Pick<DeskThread, 'kind' | 'id'>, body: string): Promise<void>;
  addThreadComment(thread: Pick<DeskThread, 'kind' | 'id'>, body: string): Promise<{ id: string; url: string }>;
  updateThreadComment(thread: Pick<DeskThread, 'kind'>, commentId: string, body: string): Promise<void>;
  /** Deleting a comment that is already gone is not an error. */
  deleteThreadComment(thread: Pick<DeskThread, 'kind'>, commentId: string): Promise<void>;

  /** GraphQL requests sent so far, for --verbose and the budget tests. */
  readonly requestCount: number;
  /** Points of GitHub's hourly GraphQL limit the calls so far cost (docs/process.md#cost-of-a-watch). */
  readonly points: number;
}

export function parseRepo(text: string): RepoRef {
  const [owner, name] = text.split('/');
  return { owner: owner!, name: name! };
}
