import type { Discussion, Message } from '../core/conversation.js';
import { NotFoundError, OperationalError, UsageError } from '../core/errors.js';
import type { Client } from './client.js';
import { translateError } from './client.js';
import {
  DISCUSSIONS_CREATED,
  CREATE_DISCUSSION,
  RECENT_DISCUSSIONS,
  CLOSED_DISCUSSIONS,
  ADD_DISCUSSION_COMMENT,
  DELETE_DISCUSSION,
  DELETE_DISCUSSION_COMMENT,
  ADD_ISSUE_COMMENT,
  ADD_LABELS,
  CLOSE_DISCUSSION,
  CREATE_ISSUE,
  ISSUE_FOR_PROMOTION,
  LABEL_BY_NAME,
  MARK_ANSWER,
  RECENT_OWN_ISSUES,
  REMOVE_LABELS,
  COMMENT_REPLIES,
  DISCUSSION_THREAD,
  LOW_HANGING_FRUIT,
  OPEN_DISCUSSIONS,
  REPOSITORY_LABELS,
  REPOSITORY_SCOPE,
  SEARCH_DISCUSSIONS,
  DISCUSSIONS_UPDATED,
  DISCUSSIONS_BY_ID,
  SEARCH_ISSUES,
  VIEWER,
  DESK_THREAD,
  UPDATE_ISSUE_BODY,
  UPDATE_DISCUSSION_BODY,
  UPDATE_ISSUE_COMMENT,
  UPDATE_DISCUSSION_COMMENT,
  DELETE_ISSUE_COMMENT,
} from './documents.js';
import type {
  ClosedDiscussion,
  DeskThread,
  DiscussionChange,
  GitHubPort,
  IssueDetail,
  IssueRef,
  RateLimit,
  RecentDiscussion,
  RepoRef,
  RepositoryInfo,
  Scope,
} from './port.js';

/** GitHub asks integrators to space content-creating requests at least a second apart. */
export const MUTATION_SPACING_MS = 1000;

/** Discussions per listing request: 50 × (20 comments × 11 messages) stays far below GitHub's node limit. */
export const PAGE_SIZE = 50;
export const WINDOW_COMMENTS = 20;
export const WINDOW_REPLIES = 10;
/** search stops at 1,000 results, whatever the page size */
const SEARCH_CAP = 1000;
/** Discussions read by id in one request: six threads of 20 comments × 10 replies need 132 requests by GitHub's formula, one point. */
export const BY_ID_BATCH = 6;

interface Author {
  __typename: string;
  login: string;
}
interface RawMessage {
  id: string;
  url?: string;
  createdAt: string;
  body?: string;
  authorAssociation: string;
  author: Author | null;
  isAnswer?: boolean;
  isMinimized?: boolean;
  deletedAt?: string | null;
}
interface RawComment extends RawMessage {
  replies: { totalCount: number; pageInfo?: { hasNextPage: boolean; endCursor: string | null }; nodes: RawMessage[] };
}
interface RawDiscussion {
  id: string;
  number: number;
  title: string;
  url: string;
  createdAt: string;
  updatedAt?: string;
  closed: boolean;
  closedAt: string | null;
  isAnswered: boolean | null;
  answerChosenAt: string | null;
  body: string;
  authorAssociation: string;
  author: Author | null;
  category: { id: string; slug: string; name: string; isAnswerable: boolean };
  labels: { nodes: Array<{ name: string }> } | null;
  comments: { totalCount: number; nodes: RawComment[] };
}

export function toMessage(raw: RawMessage, kind: Message['kind'], parentId?: string): Message {
  return {
    id: raw.id,
    url: raw.url ?? '',
    kind,
    author: raw.author?.login ?? null,
    authorType: raw.author?.__typename ?? null,
    association: raw.authorAssociation,
    createdAt: Date.parse(raw.createdAt),
    body: raw.body ?? '',
    ...(raw.isAnswer ? { isAnswer: true } : {}),
    ...(raw.isMinimized || raw.deletedAt ? { hidden: true } : {}),
    ...(parentId ? { parentId } : {}),
  };
}

export function toDiscussion(raw: RawDiscussion): Discussion {
  const post: Message = toMessage({ ...raw, url: raw.url }, 'post');
  const messages = [post];
  let complete = raw.comments.totalCount <= raw.comments.nodes.length;
  for (const c of raw.comments.nodes) {
    messages.push(toMessage(c, 'comment'));
    if (c.replies.totalCount > c.replies.nodes.length) complete = false;
    for (const r of c.replies.nodes) messages.push(toMessage(r, 'reply', c.id));
  }
  messages.sort((a, b) => (a.kind === 'post' ? -1 : b.kind === 'post' ? 1 : a.createdAt - b.createdAt));
  return {
    id: raw.id,
    number: raw.number,
    title: raw.title,
    url: raw.url,
    createdAt: Date.parse(raw.createdAt),
    ...(raw.updatedAt ? { updatedAt: Date.parse(raw.updatedAt) } : {}),
    closed: raw.closed,
    closedAt: raw.closedAt ? Date.parse(raw.closedAt) : null,
    isAnswered: Boolean(raw.isAnswered),
    answerChosenAt: raw.answerChosenAt ? Date.parse(raw.answerChosenAt) : null,
    category: raw.category,
    labels: (raw.labels?.nodes ?? []).map((l) => l.name),
    messages,
    complete,
  };
}

/** The GitHub port over Octokit's GraphQL client. */
export class GraphqlTracker implements GitHubPort {
  private lastMutation = 0;
  private mutationQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: Client,
    private readonly spacingMs = MUTATION_SPACING_MS,
  ) {}

  /**
   * Mutations run one at a time, each at least `spacingMs` after the previous one ended.
   * Those that create something are not retried blindly on a 5xx or a dropped
   * connection, which may have been applied: the writers look before trying again.
   * Secondary rate limits are still retried: GitHub applied nothing.
   */
  private mutate<T>(what: string, document: string, variables: Record<string, unknown>, creates = false): Promise<T> {
    const run = async () => {
      const wait = this.lastMutation + this.spacingMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      try {
        return await this.query<T>(what, document, variables, creates ? { retries: 0 } : undefined);
      } finally {
        this.lastMutation = Date.now();
      }
    };
    const next = this.mutationQueue.then(run, run);
    this.mutationQueue = next.catch(() => undefined);
    return next;
  }

  async labelId(repo: RepoRef, name: string): Promise<{ repositoryId: string; labelId: string | null }> {
    const data = await this.query<{ repository: { id: string; label: { id: string } | null } | null }>(
      `reading label "${name}" of ${repo.owner}/${repo.name}`,
      LABEL_BY_NAME,
      { ...repo, label: name },
    );
    if (!data.repository) throw new NotFoundError(`repository ${repo.owner}/${repo.name} not found`);
    return { repositoryId: data.repository.id, labelId: data.repository.label?.id ?? null };
  }

  async issue(repo: RepoRef, number: number): Promise<IssueDetail> {
    const data = await this.query<{
      repository: {
        id: string;
        issue: (Omit<IssueDetail, 'labels' | 'repositoryId'> & { labels: { nodes: IssueDetail['labels'] } }) | null;
      } | null;
    }>(`reading issue #${number} of ${repo.owner}/${repo.name}`, ISSUE_FOR_PROMOTION, { ...repo, number });
    const issue = data.repository?.issue;
    if (!issue) throw new NotFoundError(`issue #${number} not found in ${repo.owner}/${repo.name}`, 'check the number');
    return { ...issue, repositoryId: data.repository!.id, labels: issue.labels.nodes };
  }

  async searchIssues(query: string): Promise<{ total: number; issues: Array<IssueRef & { labels: string[] }> }> {
    const data = await this.query<{
      search: { issueCount: number; nodes: Array<(IssueRef & { labels: { nodes: Array<{ name: string }> } }) | Record<string, never>> };
    }>('searching the issues', SEARCH_ISSUES, { searchQuery: query });
    const issues = data.search.nodes.flatMap((n) =>
      'number' in n ? [{ number: n.number, title: n.title, url: n.url, labels: n.labels.nodes.map((l) => l.name) }] : [],
    );
    return { total: data.search.issueCount, issues };
  }

  async recentIssuesBy(repo: RepoRef, login: string): Promise<Array<IssueRef & { id: string; body: string }>> {
    const data = await this.query<{ repository: { issues: { nodes: Array<IssueRef & { id: string; body: string }> } } | null }>(
      `reading recent issues of ${repo.owner}/${repo.name}`,
      RECENT_OWN_ISSUES,
      { ...repo, login },
    );
    return (data.repository?.issues.nodes ?? []).map((i) => ({ ...i, title: '' }));
  }

  async closedSince(scope: Scope, since: number): Promise<ClosedDiscussion[]> {
    type Node = {
      number: number;
      title: string;
      url: string;
      updatedAt: string;
      closedAt: string | null;
      category: { id: string };
      labels: { nodes: Array<{ name: string }> };
    };
    const found: ClosedDiscussion[] = [];
    let cursor: string | null = null;
    // Closing a discussion changes it, so what was closed since `since` was updated since then too: no page past that is read.
    for (let page = 0; page < 20; page++) {
      const data: { repository: { discussions: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] } } | null } =
        await this.query(`reading the closed discussions of ${scope.repo.owner}/${scope.repo.name}`, CLOSED_DISCUSSIONS, {
          ...scope.repo,
          cursor,
        });
      if (!data.repository) throw new NotFoundError(`repository ${scope.repo.owner}/${scope.repo.name} not found`);
      const { nodes, pageInfo } = data.repository.discussions;
      for (const d of nodes) {
        const closedAt = d.closedAt ? Date.parse(d.closedAt) : NaN;
        const inScope =
          (scope.categoryIds.length === 0 || scope.categoryIds.includes(d.category.id)) &&
          (!scope.label || d.labels.nodes.some((l) => l.name === scope.label));
        if (inScope && closedAt >= since) found.push({ number: d.number, title: d.title, url: d.url, closedAt });
      }
      if (!pageInfo.hasNextPage || nodes.some((d) => Date.parse(d.updatedAt) < since)) break;
      cursor = pageInfo.endCursor;
    }
    return found;
  }

  async recentDiscussions(repo: RepoRef, categoryId: string | null): Promise<RecentDiscussion[]> {
    const data = await this.query<{
      repository: {
        discussions: { nodes: Array<Omit<RecentDiscussion, 'labels'> & { labels: { nodes: Array<{ name: string }> } | null }> };
      } | null;
    }>(`reading recent discussions of ${repo.owner}/${repo.name}`, RECENT_DISCUSSIONS, { ...repo, categoryId });
    if (!data.repository) throw new NotFoundError(`repository ${repo.owner}/${repo.name} not found`);
    return data.repository.discussions.nodes.map((d) => ({ ...d, labels: (d.labels?.nodes ?? []).map((l) => l.name) }));
  }

  async createDiscussion(
    repositoryId: string,
    categoryId: string,
    title: string,
    body: string,
  ): Promise<{ id: string; number: number; url: string }> {
    const data = await this.mutate<{ createDiscussion: { discussion: { id: string; number: number; url: string } } }>(
      'creating the discussion',
      CREATE_DISCUSSION,
      { repositoryId, categoryId, title, body },
      true,
    );
    return data.createDiscussion.discussion;
  }

  async addDiscussionComment(discussionId: string, body: string, replyToId?: string): Promise<{ id: string; url: string }> {
    const data = await this.mutate<{ addDiscussionComment: { comment: { id: string; url: string } } }>(
      'posting a comment',
      ADD_DISCUSSION_COMMENT,
      { discussionId, body, replyToId },
      true,
    );
    return data.addDiscussionComment.comment;
  }

  async deleteDiscussionComment(commentId: string): Promise<void> {
    await this.mutate('removing a doubled comment', DELETE_DISCUSSION_COMMENT, { id: commentId });
  }

  async deleteDiscussion(discussionId: string): Promise<void> {
    try {
      await this.mutate('removing a doubled discussion', DELETE_DISCUSSION, { id: discussionId });
    } catch (e) {
      // Already deleted, by this run before its answer was lost.
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  async markAnswer(commentId: string): Promise<void> {
    await this.mutate('marking the answer', MARK_ANSWER, { id: commentId });
  }

  async addLabels(labelableId: string, labelIds: string[]): Promise<void> {
    await this.mutate('adding a label', ADD_LABELS, { labelableId, labelIds });
  }

  async removeLabels(labelableId: string, labelIds: string[]): Promise<void> {
    await this.mutate('removing a label', REMOVE_LABELS, { labelableId, labelIds });
  }

  async closeDiscussion(discussionId: string, reason: 'RESOLVED' | 'OUTDATED' | 'DUPLICATE'): Promise<void> {
    await this.mutate('closing the discussion', CLOSE_DISCUSSION, { discussionId, reason });
  }

  async createIssue(repositoryId: string, title: string, body: string): Promise<IssueRef & { id: string }> {
    const data = await this.mutate<{ createIssue: { issue: { id: string; number: number; url: string } } }>(
      'creating the issue',
      CREATE_ISSUE,
      { repositoryId, title, body },
      true,
    );
    return { ...data.createIssue.issue, title };
  }

  async addIssueComment(issueId: string, body: string): Promise<{ url: string }> {
    const data = await this.mutate<{ addComment: { commentEdge: { node: { url: string } } } }>(
      'commenting on the issue',
      ADD_ISSUE_COMMENT,
      { subjectId: issueId, body },
      true,
    );
    return { url: data.addComment.commentEdge.node.url };
  }

  async deskThread(repo: RepoRef, number: number, opts: { since?: number; quick?: boolean } = {}): Promise<DeskThread> {
    const where = `${repo.owner}/${repo.name}#${number}`;
    type Page = { pageInfo: { hasPreviousPage: boolean; startCursor: string | null }; nodes: RawMessage[] };
    type Thread = { __typename?: string; id: string; number: number; title: string; url: string; body: string; comments: Page };
    type Data = { repository: { issueOrPullRequest: Thread | null; discussion: Thread | null } | null };
    const read = async (cursor: string | null): Promise<Data> => {
      try {
        return await this.client.octokit.graphql<Data>(DESK_THREAD, {
          ...repo,
          number,
          cursor,
          ...(opts.quick ? { request: { retries: 0, signal: AbortSignal.timeout(3000) } } : {}),
        });
      } catch (e) {
        // The number is an issue or a discussion, never both: GitHub reports the other as NOT_FOUND.
        const r = e as { name?: string; data?: Data; errors?: Array<{ type?: string }> };
        if (r.name === 'GraphqlResponseError' && r.data?.repository && r.errors?.every((x) => x.type === 'NOT_FOUND')) return r.data;
        throw translateError(e, `reading the desk thread ${where}`, this.client.endpoints, { ...repo, number });
      }
    };
    let cursor: string | null = null;
    let head: Thread | null = null;
    const pages: RawMessage[][] = [];
    for (;;) {
      const data = await read(cursor);
      if (!data.repository) throw new NotFoundError(`repository ${repo.owner}/${repo.name} not found`, 'fix desk.thread in the config');
      const issue = data.repository.issueOrPullRequest;
      if (issue && issue.__typename !== 'Issue')
        throw new UsageError(`desk.thread ${where} is a pull request`, 'point desk.thread at an issue or a discussion');
      const thread = issue ?? data.repository.discussion;
      if (!thread)
        throw new NotFoundError(
          `desk.thread ${where} is neither an issue nor a discussion`,
          'fix desk.thread in the config, or create the thread',
        );
      head ??= thread;
      pages.unshift(thread.comments.nodes);
      const oldest = thread.comments.nodes[0];
      const more =
        thread.comments.pageInfo.hasPreviousPage &&
        oldest !== undefined &&
        opts.since !== undefined &&
        Date.parse(oldest.createdAt) >= opts.since;
      if (!more) break;
      cursor = thread.comments.pageInfo.startCursor;
    }
    const kind = head!.__typename === 'Issue' ? 'issue' : 'discussion';
    return {
      kind,
      id: head!.id,
      number: head!.number,
      title: head!.title,
      url: head!.url,
      body: head!.body,
      comments: pages.flat().map((c) => toMessage(c, 'comment')),
    };
  }

  async updateThreadBody(thread: Pick<DeskThread, 'kind' | 'id'>, body: string): Promise<void> {
    if (thread.kind === 'issue') await this.mutate('updating the desk thread', UPDATE_ISSUE_BODY, { id: thread.id, body });
    else await this.mutate('updating the desk thread', UPDATE_DISCUSSION_BODY, { discussionId: thread.id, body });
  }

  async addThreadComment(thread: Pick<DeskThread, 'kind' | 'id'>, body: string): Promise<{ id: string; url: string }> {
    if (thread.kind === 'discussion') return this.addDiscussionComment(thread.id, body);
    const data = await this.mutate<{ addComment: { commentEdge: { node: { id: string; url: string } } } }>(
      'posting to the desk thread',
      ADD_ISSUE_COMMENT,
      { subjectId: thread.id, body },
      true,
    );
    return data.addComment.commentEdge.node;
  }

  async updateThreadComment(thread: Pick<DeskThread, 'kind'>, commentId: string, body: string): Promise<void> {
    if (thread.kind === 'issue') await this.mutate('editing a desk comment', UPDATE_ISSUE_COMMENT, { id: commentId, body });
    else await this.mutate('editing a desk comment', UPDATE_DISCUSSION_COMMENT, { commentId, body });
  }

  async deleteThreadComment(thread: Pick<DeskThread, 'kind'>, commentId: string): Promise<void> {
    try {
      if (thread.kind === 'issue') await this.mutate('deleting a desk comment', DELETE_ISSUE_COMMENT, { id: commentId });
      else await this.deleteDiscussionComment(commentId);
    } catch (e) {
      // Already deleted (by the other run of a race, or by this one before its answer was lost).
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  get requestCount(): number {
    return this.client.requests();
  }

  get points(): number {
    return this.client.points();
  }

  private async query<T>(what: string, document: string, variables: Record<string, unknown>, request?: { retries: number }): Promise<T> {
    try {
      return await this.client.octokit.graphql<T>(document, request ? { ...variables, request } : variables);
    } catch (e) {
      throw translateError(e, what, this.client.endpoints, variables);
    }
  }

  private async *pages<T>(what: string, document: string, variables: Record<string, unknown>): AsyncGenerator<T> {
    const iterator = this.client.octokit.graphql.paginate.iterator<T>(document, variables);
    try {
      for await (const page of iterator) yield page;
    } catch (e) {
      throw translateError(e, what, this.client.endpoints, variables);
    }
  }

  /**
   * Pages of a listing whose page size is `$pageSize`, each sized to what is
   * left once the first has told how many there are: GitHub charges a page by
   * the size asked for, not by what it returns (docs/process.md#cost-of-a-watch).
   */
  private async *sizedPages<T>(
    what: string,
    document: string,
    variables: Record<string, unknown>,
    connection: (page: T) => { total: number; count: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null,
  ): AsyncGenerator<T> {
    let cursor: string | null = null;
    let got = 0;
    let total: number | null = null;
    const size = Number(variables.pageSize);
    for (;;) {
      const pageSize = total === null ? size : Math.max(1, Math.min(size, total - got));
      const page: T = await this.query<T>(what, document, { ...variables, pageSize, cursor });
      yield page;
      const c = connection(page);
      if (!c?.pageInfo.hasNextPage || !c.pageInfo.endCursor) return;
      total ??= c.total;
      got += c.count;
      cursor = c.pageInfo.endCursor;
    }
  }

  /** Read once per run: a command and the searches of its scope share it. */
  private readonly repositories = new Map<string, RepositoryInfo>();

  async repository(repo: RepoRef): Promise<RepositoryInfo> {
    const key = `${repo.owner}/${repo.name}`.toLowerCase();
    const known = this.repositories.get(key);
    if (known) return known;
    const data = await this.query<{
      repository: (Omit<RepositoryInfo, 'categories'> & { discussionCategories: { nodes: RepositoryInfo['categories'] } }) | null;
    }>(`reading repository ${repo.owner}/${repo.name}`, REPOSITORY_SCOPE, { ...repo });
    if (!data.repository)
      throw new NotFoundError(
        `repository ${repo.owner}/${repo.name} not found`,
        'check "repository" in the config, and that the token can see it',
      );
    const { discussionCategories, ...rest } = data.repository;
    const info = { ...rest, categories: discussionCategories.nodes };
    this.repositories.set(key, info);
    return info;
  }

  async labels(repo: RepoRef): Promise<string[]> {
    const names: string[] = [];
    for await (const page of this.pages<{ repository: { labels: { nodes: Array<{ name: string }> } } }>(
      `reading the labels of ${repo.owner}/${repo.name}`,
      REPOSITORY_LABELS,
      { ...repo },
    )) {
      names.push(...page.repository.labels.nodes.map((l) => l.name));
    }
    return names;
  }

  async openDiscussions(scope: Scope): Promise<Discussion[]> {
    const window = { pageSize: PAGE_SIZE, comments: WINDOW_COMMENTS, replies: WINDOW_REPLIES };
    const where = `${scope.repo.owner}/${scope.repo.name}`;
    if (scope.label) {
      // GitHub filters discussions by label only through search. Every scope
      // qualifier goes into the query, one search per category, so the cap
      // counts only what is in scope.
      const searches = await this.scopeQualifiers(scope);
      const found = await Promise.all(
        searches.map(async ({ qualifiers, category }) => {
          const raw: RawDiscussion[] = [];
          const query = `repo:${where} is:open ${qualifiers}`;
          for await (const page of this.sizedPages<{
            search: { discussionCount: number; nodes: RawDiscussion[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
          }>(`searching the discussions of ${where}`, SEARCH_DISCUSSIONS, { searchQuery: query, ...window }, (p) => ({
            total: p.search.discussionCount,
            count: p.search.nodes.length,
            pageInfo: p.search.pageInfo,
          }))) {
            if (page.search.discussionCount > SEARCH_CAP) {
              throw new OperationalError(
                `${page.search.discussionCount} open discussions carry the label "${scope.label}"${category ? ` in the category "${category}"` : ''}; GitHub search stops at ${SEARCH_CAP}`,
                'narrow the scope with discussions.categories, or close old discussions',
              );
            }
            raw.push(...page.search.nodes.filter((n) => n?.id));
          }
          return raw;
        }),
      );
      const inScope = new Set(scope.categoryIds);
      const list = found.flat().filter((d) => inScope.size === 0 || inScope.has(d.category.id));
      return this.complete(
        list.map(toDiscussion).sort((a, b) => a.createdAt - b.createdAt || a.number - b.number),
        scope.repo,
      );
    }
    // Categories are listed side by side; each listing pages through its own cursor.
    const listings = await Promise.all(
      (scope.categoryIds.length ? scope.categoryIds : [null]).map(async (categoryId) => {
        const found: RawDiscussion[] = [];
        for await (const page of this.sizedPages<{
          repository: {
            discussions: { totalCount: number; nodes: RawDiscussion[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
          } | null;
        }>(`listing the open discussions of ${where}`, OPEN_DISCUSSIONS, { ...scope.repo, categoryId, ...window }, (p) =>
          p.repository
            ? {
                total: p.repository.discussions.totalCount,
                count: p.repository.discussions.nodes.length,
                pageInfo: p.repository.discussions.pageInfo,
              }
            : null,
        )) {
          if (!page.repository) throw new NotFoundError(`repository ${where} not found`);
          found.push(...page.repository.discussions.nodes);
        }
        return found;
      }),
    );
    return this.complete(
      listings
        .flat()
        .map(toDiscussion)
        .sort((a, b) => a.createdAt - b.createdAt || a.number - b.number),
      scope.repo,
    );
  }

  /**
   * The search qualifiers of a scope: one set per category in scope (a
   * discussion has one category, so one search each), each with the label.
   * GitHub's `category:` qualifier takes the category's name.
   */
  private async scopeQualifiers(
    scope: Pick<Scope, 'repo' | 'categoryIds' | 'label'>,
  ): Promise<Array<{ qualifiers: string; category: string | null }>> {
    const quote = (text: string) => `"${text.replace(/"/g, '')}"`;
    const label = scope.label ? `label:${quote(scope.label)}` : '';
    if (scope.categoryIds.length === 0) return [{ qualifiers: label, category: null }];
    const info = await this.repository(scope.repo);
    return scope.categoryIds.map((id) => {
      const category = info.categories.find((c) => c.id === id);
      if (!category)
        throw new NotFoundError(
          `no discussion category with id ${id} in ${info.nameWithOwner}`,
          'check "discussions.categories" in the config',
        );
      return { qualifiers: `category:${quote(category.name)} ${label}`.trim(), category: category.name };
    });
  }

  /** Re-reads, whole, the few threads whose latest window does not show everything. */
  private async complete(discussions: Discussion[], repo: RepoRef): Promise<Discussion[]> {
    const out: Discussion[] = [];
    for (const d of discussions) out.push(d.complete ? d : await this.discussion(repo, d.number));
    return out;
  }

  async discussionsCreated(repo: RepoRef, from: string, to: string, scope?: Pick<Scope, 'categoryIds' | 'label'>): Promise<Discussion[]> {
    const where = `${repo.owner}/${repo.name}`;
    const raw: RawDiscussion[] = [];
    const seen = new Set<string>();
    // Searches carry the scope's qualifiers and exact instants (GitHub's
    // `created:` takes date-times to the second, both ends included). A range
    // too large for one search is split; one that cannot be split below the
    // cap is an error, never a partial count.
    const SECOND = 1000;
    const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const range = async (qualifiers: string, category: string | null, a: number, b: number): Promise<void> => {
      const searchQuery = `repo:${where} ${qualifiers} created:${instant(a)}..${instant(b - SECOND)} sort:created-asc`.replace(/ +/g, ' ');
      let first = true;
      for await (const page of this.pages<{ search: { discussionCount: number; nodes: RawDiscussion[] } }>(
        `searching the discussions of ${where}`,
        DISCUSSIONS_CREATED,
        { searchQuery },
      )) {
        const count = page.search.discussionCount;
        if (first && count > SEARCH_CAP - 50 && b - a > SECOND) {
          const parts = Math.max(2, Math.ceil(count / (SEARCH_CAP - 100)));
          const step = Math.max(SECOND, Math.ceil((b - a) / parts / SECOND) * SECOND);
          for (let s = a; s < b; s += step) await range(qualifiers, category, s, Math.min(b, s + step));
          return;
        }
        if (first && count > SEARCH_CAP) {
          throw new OperationalError(
            `${count} discussions of ${where}${category ? ` in "${category}"` : ''} were created at ${instant(a)}; GitHub search returns at most ${SEARCH_CAP}, so the range cannot be read whole`,
            'nothing was reported: a partial count would be wrong',
          );
        }
        first = false;
        for (const n of page.search.nodes) {
          if (n?.id && !seen.has(n.id)) {
            seen.add(n.id);
            raw.push(n);
          }
        }
      }
    };
    const start = Math.floor(Date.parse(from) / SECOND) * SECOND;
    const end = Math.ceil(Date.parse(to) / SECOND) * SECOND;
    for (const { qualifiers, category } of await this.scopeQualifiers({
      repo,
      categoryIds: scope?.categoryIds ?? [],
      label: scope?.label ?? null,
    })) {
      await range(qualifiers, category, start, end);
    }
    return this.complete(
      raw.map(toDiscussion).sort((x, y) => x.createdAt - y.createdAt || x.number - y.number),
      repo,
    );
  }

  async discussionsUpdated(repo: RepoRef, since: number): Promise<DiscussionChange[]> {
    const where = `${repo.owner}/${repo.name}`;
    const instant = new Date(Math.floor(since / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    type Node = {
      id?: string;
      number: number;
      updatedAt: string;
      closed: boolean;
      category: { id: string };
      labels: { nodes: Array<{ name: string }> } | null;
    };
    const out: DiscussionChange[] = [];
    for await (const page of this.pages<{ search: { discussionCount: number; nodes: Node[] } }>(
      `searching the discussions of ${where} changed since ${instant}`,
      DISCUSSIONS_UPDATED,
      { searchQuery: `repo:${where} updated:>=${instant} sort:updated-asc` },
    )) {
      if (page.search.discussionCount > SEARCH_CAP)
        throw new OperationalError(
          `${page.search.discussionCount} discussions of ${where} changed since ${instant}; GitHub search stops at ${SEARCH_CAP}`,
          'read them all instead',
        );
      for (const n of page.search.nodes)
        if (n?.id)
          out.push({
            id: n.id,
            number: n.number,
            updatedAt: Date.parse(n.updatedAt),
            closed: n.closed,
            categoryId: n.category.id,
            labels: (n.labels?.nodes ?? []).map((l) => l.name),
          });
    }
    return out;
  }

  async discussionsById(repo: RepoRef, ids: readonly string[]): Promise<Discussion[]> {
    const raw: RawDiscussion[] = [];
    for (let i = 0; i < ids.length; i += BY_ID_BATCH) {
      const data = await this.query<{ nodes: Array<RawDiscussion | null> }>(
        `reading ${ids.length} changed discussions of ${repo.owner}/${repo.name}`,
        DISCUSSIONS_BY_ID,
        { ids: ids.slice(i, i + BY_ID_BATCH), comments: WINDOW_COMMENTS, replies: WINDOW_REPLIES },
      );
      raw.push(...data.nodes.filter((n): n is RawDiscussion => Boolean(n?.id)));
    }
    return this.complete(raw.map(toDiscussion), repo);
  }

  async discussion(repo: RepoRef, number: number): Promise<Discussion> {
    const what = `reading discussion #${number} of ${repo.owner}/${repo.name}`;
    let head: RawDiscussion | undefined;
    const comments: RawComment[] = [];
    for await (const page of this.pages<{ repository: { discussion: RawDiscussion | null } | null }>(what, DISCUSSION_THREAD, {
      ...repo,
      number,
    })) {
      const d = page.repository?.discussion;
      if (!d) throw new NotFoundError(`discussion #${number} not found in ${repo.owner}/${repo.name}`, 'check the number');
      head ??= d;
      comments.push(...d.comments.nodes);
    }
    for (const c of comments) {
      if (!c.replies.pageInfo?.hasNextPage) continue;
      let cursor = c.replies.pageInfo.endCursor;
      while (cursor) {
        const page = await this.query<{ node: { replies: RawComment['replies'] } }>(what, COMMENT_REPLIES, { id: c.id, cursor });
        c.replies.nodes.push(...page.node.replies.nodes);
        cursor = page.node.replies.pageInfo?.hasNextPage ? page.node.replies.pageInfo.endCursor : null;
      }
      c.replies.totalCount = c.replies.nodes.length;
    }
    return toDiscussion({ ...head!, comments: { totalCount: comments.length, nodes: comments } });
  }

  async lowHangingFruit(repo: RepoRef, label: string): Promise<IssueRef[]> {
    const data = await this.query<{ repository: { issues: { nodes: IssueRef[] } } | null }>(
      `reading issues of ${repo.owner}/${repo.name}`,
      LOW_HANGING_FRUIT,
      { ...repo, label },
    );
    return data.repository?.issues.nodes ?? [];
  }

  async viewer(): Promise<{ login: string; rateLimit: RateLimit | null }> {
    const data = await this.query<{ viewer: { login: string }; rateLimit: RateLimit | null }>('checking the token', VIEWER, {});
    return { login: data.viewer.login, rateLimit: data.rateLimit };
  }
}
