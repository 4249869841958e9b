import type { Discussion, Message } from '../core/conversation.js';
import { NotFoundError, OperationalError } from '../core/errors.js';
import type { Client } from './client.js';
import { translateError } from './client.js';
import {
  COMMENT_REPLIES,
  DISCUSSION_THREAD,
  LOW_HANGING_FRUIT,
  OPEN_DISCUSSIONS,
  REPOSITORY_LABELS,
  REPOSITORY_SCOPE,
  SEARCH_DISCUSSIONS,
  VIEWER,
} from './documents.js';
import type { GitHubPort, IssueRef, RateLimit, RepoRef, RepositoryInfo, Scope } from './port.js';

/** Discussions per listing request: 50 × (20 comments × 11 messages) stays far below GitHub's node limit. */
export const PAGE_SIZE = 50;
export const WINDOW_COMMENTS = 20;
export const WINDOW_REPLIES = 10;
/** search stops at 1,000 results, whatever the page size */
const SEARCH_CAP = 1000;

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

function message(raw: RawMessage, kind: Message['kind'], parentId?: string): Message {
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
  const post: Message = message({ ...raw, url: raw.url }, 'post');
  const messages = [post];
  let complete = raw.comments.totalCount <= raw.comments.nodes.length;
  for (const c of raw.comments.nodes) {
    messages.push(message(c, 'comment'));
    if (c.replies.totalCount > c.replies.nodes.length) complete = false;
    for (const r of c.replies.nodes) messages.push(message(r, 'reply', c.id));
  }
  messages.sort((a, b) => (a.kind === 'post' ? -1 : b.kind === 'post' ? 1 : a.createdAt - b.createdAt));
  return {
    id: raw.id,
    number: raw.number,
    title: raw.title,
    url: raw.url,
    createdAt: Date.parse(raw.createdAt),
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
  constructor(private readonly client: Client) {}

  get requestCount(): number {
    return this.client.requests();
  }

  private async query<T>(what: string, document: string, variables: Record<string, unknown>): Promise<T> {
    try {
      return await this.client.octokit.graphql<T>(document, variables);
    } catch (e) {
      throw translateError(e, what, this.client.endpoints);
    }
  }

  private async *pages<T>(what: string, document: string, variables: Record<string, unknown>): AsyncGenerator<T> {
    const iterator = this.client.octokit.graphql.paginate.iterator<T>(document, variables);
    try {
      for await (const page of iterator) yield page;
    } catch (e) {
      throw translateError(e, what, this.client.endpoints);
    }
  }

  async repository(repo: RepoRef): Promise<RepositoryInfo> {
    const data = await this.query<{ repository: (Omit<RepositoryInfo, 'categories'> & { discussionCategories: { nodes: RepositoryInfo['categories'] } }) | null }>(
      `reading repository ${repo.owner}/${repo.name}`,
      REPOSITORY_SCOPE,
      { ...repo },
    );
    if (!data.repository) throw new NotFoundError(`repository ${repo.owner}/${repo.name} not found`, 'check "repository" in the config, and that the token can see it');
    const { discussionCategories, ...rest } = data.repository;
    return { ...rest, categories: discussionCategories.nodes };
  }

  async labels(repo: RepoRef): Promise<string[]> {
    const names: string[] = [];
    for await (const page of this.pages<{ repository: { labels: { nodes: Array<{ name: string }> } } }>(`reading the labels of ${repo.owner}/${repo.name}`, REPOSITORY_LABELS, { ...repo })) {
      names.push(...page.repository.labels.nodes.map((l) => l.name));
    }
    return names;
  }

  async openDiscussions(scope: Scope): Promise<Discussion[]> {
    const window = { pageSize: PAGE_SIZE, comments: WINDOW_COMMENTS, replies: WINDOW_REPLIES };
    const raw: RawDiscussion[] = [];
    const where = `${scope.repo.owner}/${scope.repo.name}`;
    if (scope.label) {
      // GitHub filters discussions by label only through search.
      const query = `repo:${where} is:open label:"${scope.label.replace(/"/g, '')}"`;
      for await (const page of this.pages<{ search: { discussionCount: number; nodes: RawDiscussion[] } }>(`searching the discussions of ${where}`, SEARCH_DISCUSSIONS, { searchQuery: query, ...window })) {
        if (page.search.discussionCount > SEARCH_CAP) {
          throw new OperationalError(`${page.search.discussionCount} open discussions carry the label "${scope.label}"; GitHub search stops at ${SEARCH_CAP}`, 'narrow the scope with discussions.categories, or close old discussions');
        }
        raw.push(...page.search.nodes.filter((n) => n && n.id));
      }
      const inScope = new Set(scope.categoryIds);
      return this.complete(raw.filter((d) => inScope.size === 0 || inScope.has(d.category.id)).map(toDiscussion), scope.repo);
    }
    // Categories are listed side by side; each listing pages through its own cursor.
    const listings = await Promise.all(
      (scope.categoryIds.length ? scope.categoryIds : [null]).map(async (categoryId) => {
        const found: RawDiscussion[] = [];
        for await (const page of this.pages<{ repository: { discussions: { nodes: RawDiscussion[] } } | null }>(`listing the open discussions of ${where}`, OPEN_DISCUSSIONS, { ...scope.repo, categoryId, ...window })) {
          if (!page.repository) throw new NotFoundError(`repository ${where} not found`);
          found.push(...page.repository.discussions.nodes);
        }
        return found;
      }),
    );
    raw.push(...listings.flat());
    return this.complete(raw.map(toDiscussion).sort((a, b) => a.createdAt - b.createdAt || a.number - b.number), scope.repo);
  }

  /** Re-reads, whole, the few threads whose latest window does not show everything. */
  private async complete(discussions: Discussion[], repo: RepoRef): Promise<Discussion[]> {
    const out: Discussion[] = [];
    for (const d of discussions) out.push(d.complete ? d : await this.discussion(repo, d.number));
    return out;
  }

  async discussion(repo: RepoRef, number: number): Promise<Discussion> {
    const what = `reading discussion #${number} of ${repo.owner}/${repo.name}`;
    let head: RawDiscussion | undefined;
    const comments: RawComment[] = [];
    for await (const page of this.pages<{ repository: { discussion: RawDiscussion | null } | null }>(what, DISCUSSION_THREAD, { ...repo, number })) {
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
    const data = await this.query<{ repository: { issues: { nodes: IssueRef[] } } | null }>(`reading issues of ${repo.owner}/${repo.name}`, LOW_HANGING_FRUIT, { ...repo, label });
    return data.repository?.issues.nodes ?? [];
  }

  async viewer(): Promise<{ login: string; rateLimit: RateLimit }> {
    const data = await this.query<{ viewer: { login: string }; rateLimit: RateLimit }>('checking the token', VIEWER, {});
    return { login: data.viewer.login, rateLimit: data.rateLimit };
  }
}
