import type { Discussion } from '../core/conversation.js';

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

export interface Scope {
  repo: RepoRef;
  /** category ids in scope; empty means all */
  categoryIds: string[];
  label: string | null;
}

export interface RateLimit {
  limit: number;
  remaining: number;
  resetAt: string;
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
  /** One discussion with its whole thread. */
  discussion(repo: RepoRef, number: number): Promise<Discussion>;
  lowHangingFruit(repo: RepoRef, label: string): Promise<IssueRef[]>;
  viewer(): Promise<{ login: string; rateLimit: RateLimit }>;
  /** GraphQL requests sent so far, for --verbose and the budget tests. */
  readonly requestCount: number;
}

export function parseRepo(text: string): RepoRef {
  const [owner, name] = text.split('/');
  return { owner: owner!, name: name! };
}
