/**
 * An in-memory GitHubPort for command tests: the stand-in's store and
 * mutations, without HTTP, GraphQL or Octokit. Like the GitHub CLI's httpmock
 * registry, every write must have been expected: an unexpected write fails,
 * and so does an expectation that was never used (`verify()`).
 *
 *   const gh = memoryGitHub(scenario, { now });
 *   gh.expectWrite('addDiscussionComment', { number: 101 });
 *   await run(['escalate', '101'], { githubPort: gh.port, ... });
 *   gh.verify();
 */
import { readFileSync } from 'node:fs';
import { Store } from './standin/store.mjs';
import { makeResolvers } from './standin/resolvers.mjs';
import { toDiscussion, toMessage } from '../../src/github/tracker.js';
import { translateError } from '../../src/github/client.js';
import { NotFoundError, OperationalError } from '../../src/core/errors.js';
import type { GitHubPort, RepoRef } from '../../src/github/port.js';
import type { Discussion } from '../../src/core/conversation.js';

type WriteOp =
  | 'addDiscussionComment'
  | 'deleteDiscussionComment'
  | 'deleteDiscussion'
  | 'markAnswer'
  | 'addLabels'
  | 'removeLabels'
  | 'closeDiscussion'
  | 'createIssue'
  | 'addIssueComment'
  | 'createDiscussion'
  | 'addThreadComment'
  | 'updateThreadBody'
  | 'updateThreadComment'
  | 'deleteThreadComment';

export interface Write {
  op: WriteOp;
  /** the discussion (or issue) number the write targets, when it has one */
  number: number | null;
  body: string | null;
}

export interface Expectation {
  /** only writes to this discussion or issue */
  number?: number;
  /** only writes whose body matches */
  body?: RegExp;
  /** 'ok' (default): applied; 'lost': applied, then the answer is lost; an Error: refused, nothing applied */
  outcome?: 'ok' | 'lost' | Error;
  /** how many writes it answers (default 1); 'any': as many as come, none included (a board a run may rewrite) */
  times?: number | 'any';
}

const MUTATION: Record<WriteOp, string | [string, string]> = {
  addDiscussionComment: 'addDiscussionComment',
  deleteDiscussionComment: 'deleteDiscussionComment',
  deleteDiscussion: 'deleteDiscussion',
  markAnswer: 'markDiscussionCommentAsAnswer',
  addLabels: 'addLabelsToLabelable',
  removeLabels: 'removeLabelsFromLabelable',
  closeDiscussion: 'closeDiscussion',
  createIssue: 'createIssue',
  addIssueComment: 'addComment',
  createDiscussion: 'createDiscussion',
  // The desk thread's writes, by its kind: [issue, discussion].
  addThreadComment: ['addComment', 'addDiscussionComment'],
  updateThreadBody: ['updateIssue', 'updateDiscussion'],
  updateThreadComment: ['updateIssueComment', 'updateDiscussionComment'],
  deleteThreadComment: ['deleteIssueComment', 'deleteDiscussionComment'],
};

/** The desk thread pages back 100 comments at a time, as the adapter reads it. */
const DESK_PAGE = 100;

/** A store record in the shape the adapter reads from GraphQL. */
function raw(d: any) {
  const conn = (list: any[]) => ({ totalCount: list.length, nodes: list });
  return {
    ...d,
    isAnswered: d.category.isAnswerable ? Boolean(d.answer) : null,
    labels: conn(d.labels),
    comments: conn(d.comments.map((c: any) => ({ ...c, replies: conn(c.replies) }))),
  };
}

export function memoryGitHub(scenario: object | string, opts: { now: string | (() => string) }) {
  const store = new Store(typeof scenario === 'string' ? JSON.parse(readFileSync(scenario, 'utf8')) : scenario);
  const resolvers = makeResolvers(store, () => (typeof opts.now === 'string' ? opts.now : opts.now()));
  const mutations = resolvers.Mutation;
  const expectations: Array<Expectation & { op: WriteOp; left: number; any: boolean }> = [];
  const writes: Write[] = [];
  const unexpected: Write[] = [];
  const repoOf = (r: RepoRef) => {
    const repo = store.repository(r.owner, r.name);
    if (!repo) throw new NotFoundError(`repository ${r.owner}/${r.name} not found`);
    return repo;
  };
  const numberOf = (id: unknown): number | null => {
    const n = store.nodes.get(String(id));
    return n?.number ?? n?.discussion?.number ?? n?.subject?.number ?? null;
  };

  async function write(
    op: WriteOp,
    input: Record<string, unknown>,
    target: unknown,
    result: (payload: any) => any,
    kind: 'issue' | 'discussion' = 'issue',
  ) {
    const w: Write = { op, number: numberOf(target), body: typeof input.body === 'string' ? input.body : null };
    writes.push(w);
    const e = expectations.find(
      (x) => x.op === op && x.left > 0 && (x.number === undefined || x.number === w.number) && (!x.body || x.body.test(w.body ?? '')),
    );
    if (!e) {
      unexpected.push(w);
      throw new Error(`unexpected write: ${op}${w.number !== null ? ` on #${w.number}` : ''}`);
    }
    e.left--;
    if (e.outcome instanceof Error) throw e.outcome;
    let payload;
    try {
      const name = MUTATION[op];
      payload = mutations[typeof name === 'string' ? name : name[kind === 'issue' ? 0 : 1]]!(null, { input });
    } catch (error) {
      const gql = error as { message: string; extensions?: { type?: string } };
      throw translateError({ name: 'GraphqlResponseError', errors: [{ type: gql.extensions?.type, message: gql.message }] }, op, {
        graphql: 'memory',
        rest: 'memory',
        tokenSource: 'GH_TOKEN',
      } as never);
    }
    if (e.outcome === 'lost') throw new OperationalError(`${op}: GitHub answered 502, after retries`);
    return result(payload);
  }

  const port: GitHubPort = {
    requestCount: 0,
    points: 0,
    async repository(r) {
      const repo = repoOf(r);
      return {
        id: repo.id,
        nameWithOwner: repo.nameWithOwner,
        hasDiscussionsEnabled: repo.hasDiscussionsEnabled,
        categories: repo.categories.map(({ id, slug, name, isAnswerable }: any) => ({ id, slug, name, isAnswerable })),
      };
    },
    async labels(r) {
      return repoOf(r).labels.map((l: any) => l.name);
    },
    async openDiscussions(scope) {
      const ids = new Set(scope.categoryIds);
      return repoOf(scope.repo)
        .discussions.filter(
          (d: any) =>
            !d.closed && (ids.size === 0 || ids.has(d.category.id)) && (!scope.label || d.labels.some((l: any) => l.name === scope.label)),
        )
        .map((d: any) => toDiscussion(raw(d)))
        .sort((a: Discussion, b: Discussion) => a.createdAt - b.createdAt || a.number - b.number);
    },
    async discussionsCreated(r, from, to) {
      return repoOf(r)
        .discussions.filter((d: any) => d.createdAt >= from && d.createdAt < to)
        .map((d: any) => toDiscussion(raw(d)));
    },
    async discussionsUpdated(r, since) {
      return repoOf(r)
        .discussions.filter((d: any) => Date.parse(d.updatedAt ?? d.createdAt) >= Math.floor(since / 1000) * 1000)
        .sort((a: any, b: any) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt))
        .map((d: any) => ({
          id: d.id,
          number: d.number,
          updatedAt: Date.parse(d.updatedAt),
          closed: d.closed,
          categoryId: d.category.id,
          labels: d.labels.map((l: any) => l.name),
        }));
    },
    async discussionsById(_r, ids) {
      return ids
        .map((id) => store.nodes.get(id))
        .filter((d: any) => d?.__typename === 'Discussion')
        .map((d: any) => toDiscussion(raw(d)));
    },
    async discussion(r, number) {
      const d = repoOf(r).discussions.find((x: any) => x.number === number);
      if (!d) throw new NotFoundError(`discussion #${number} not found in ${r.owner}/${r.name}`, 'check the number');
      return toDiscussion(raw(d));
    },
    async lowHangingFruit(r, label) {
      return repoOf(r)
        .issues.filter((i: any) => i.state === 'OPEN' && i.labels.some((l: any) => l.name === label))
        .map((i: any) => ({ number: i.number, title: i.title, url: i.url }));
    },
    async viewer() {
      return { login: store.viewerLogin, rateLimit: null };
    },
    async labelId(r, name) {
      const repo = repoOf(r);
      return { repositoryId: repo.id, labelId: repo.labels.find((l: any) => l.name === name)?.id ?? null };
    },
    async issue(r, number) {
      const repo = repoOf(r);
      const i = repo.issues.find((x: any) => x.number === number);
      if (!i) throw new NotFoundError(`issue #${number} not found in ${r.owner}/${r.name}`, 'check the number');
      return {
        id: i.id,
        number: i.number,
        title: i.title,
        url: i.url,
        state: i.state,
        repositoryId: repo.id,
        labels: i.labels.map((l: any) => ({ id: l.id, name: l.name })),
      };
    },
    async searchIssues(query) {
      const found = resolvers.Query.search!(null, { type: 'ISSUE', query, first: 20 });
      return {
        total: found.issueCount,
        issues: found.nodes.map((i: any) => ({ number: i.number, title: i.title, url: i.url, labels: i.labels.map((l: any) => l.name) })),
      };
    },
    async recentIssuesBy(r, login) {
      return [...repoOf(r).issues]
        .filter((i: any) => i.author?.login === login)
        .reverse()
        .map((i: any) => ({ id: i.id, number: i.number, title: '', url: i.url, body: i.body }));
    },
    async closedSince(scope, since) {
      const ids = new Set(scope.categoryIds);
      return repoOf(scope.repo)
        .discussions.filter(
          (d: any) =>
            d.closed &&
            Date.parse(d.closedAt) >= since &&
            (ids.size === 0 || ids.has(d.category.id)) &&
            (!scope.label || d.labels.some((l: any) => l.name === scope.label)),
        )
        .map((d: any) => ({ number: d.number, title: d.title, url: d.url, closedAt: Date.parse(d.closedAt) }))
        .sort((a: { closedAt: number }, b: { closedAt: number }) => b.closedAt - a.closedAt);
    },
    async recentDiscussions(r, categoryId) {
      return [...repoOf(r).discussions]
        .filter((d: any) => !categoryId || d.category.id === categoryId)
        .reverse()
        .slice(0, 50)
        .map((d: any) => ({ id: d.id, number: d.number, url: d.url, body: d.body, labels: d.labels.map((l: any) => l.name) }));
    },
    addDiscussionComment: (discussionId, body, replyToId) =>
      write('addDiscussionComment', { discussionId, body, replyToId }, discussionId, (p) => ({ id: p.comment.id, url: p.comment.url })),
    deleteDiscussionComment: (id) => write('deleteDiscussionComment', { id }, id, () => undefined),
    deleteDiscussion: (id) => write('deleteDiscussion', { id }, id, () => undefined),
    markAnswer: (id) => write('markAnswer', { id }, id, () => undefined),
    addLabels: (labelableId, labelIds) => write('addLabels', { labelableId, labelIds }, labelableId, () => undefined),
    removeLabels: (labelableId, labelIds) => write('removeLabels', { labelableId, labelIds }, labelableId, () => undefined),
    closeDiscussion: (discussionId, reason) => write('closeDiscussion', { discussionId, reason }, discussionId, () => undefined),
    createIssue: (repositoryId, title, body) =>
      write('createIssue', { repositoryId, title, body }, null, (p) => ({
        id: p.issue.id,
        number: p.issue.number,
        url: p.issue.url,
        title,
      })),
    addIssueComment: (subjectId, body) =>
      write('addIssueComment', { subjectId, body }, subjectId, (p) => ({ url: p.commentEdge.node.url })),
    createDiscussion: (repositoryId, categoryId, title, body) =>
      write('createDiscussion', { repositoryId, categoryId, title, body }, null, (p) => ({
        id: p.discussion.id,
        number: p.discussion.number,
        url: p.discussion.url,
      })),
    async deskThread(r, number, o = {}) {
      const repo = repoOf(r);
      const issue = repo.issues.find((i: any) => i.number === number);
      const t = issue ?? repo.discussions.find((d: any) => d.number === number);
      if (!t)
        throw new NotFoundError(
          `desk.thread ${r.owner}/${r.name}#${number} is neither an issue nor a discussion`,
          'fix desk.thread in the config, or create the thread',
        );
      const all = t.comments;
      let from = Math.max(0, all.length - DESK_PAGE);
      while (from > 0 && o.since !== undefined && Date.parse(all[from].createdAt) >= o.since) from = Math.max(0, from - DESK_PAGE);
      return {
        kind: issue ? 'issue' : 'discussion',
        id: t.id,
        number,
        title: t.title,
        url: t.url,
        body: t.body,
        comments: all.slice(from).map((c: any) => toMessage(c, 'comment')),
      };
    },
    updateThreadBody: (thread, body) =>
      write(
        'updateThreadBody',
        thread.kind === 'issue' ? { id: thread.id, body } : { discussionId: thread.id, body },
        thread.id,
        () => undefined,
        thread.kind,
      ),
    addThreadComment: (thread, body) =>
      write(
        'addThreadComment',
        thread.kind === 'issue' ? { subjectId: thread.id, body } : { discussionId: thread.id, body },
        thread.id,
        (p) =>
          thread.kind === 'issue' ? { id: p.commentEdge.node.id, url: p.commentEdge.node.url } : { id: p.comment.id, url: p.comment.url },
        thread.kind,
      ),
    updateThreadComment: (thread, commentId, body) =>
      write(
        'updateThreadComment',
        thread.kind === 'issue' ? { id: commentId, body } : { commentId, body },
        commentId,
        () => undefined,
        thread.kind,
      ),
    deleteThreadComment: async (thread, commentId) => {
      // Already deleted (by the other run of a race) is not an error, as in the adapter.
      if (!store.nodes.has(commentId)) return;
      await write('deleteThreadComment', { id: commentId }, commentId, () => undefined, thread.kind);
    },
  };

  return {
    port,
    store,
    /** every write the port received, in order */
    writes,
    expectWrite(op: WriteOp, e: Expectation = {}) {
      expectations.push({ ...e, op, left: e.times === 'any' ? Infinity : (e.times ?? 1), any: e.times === 'any' });
    },
    /** Fails on any write nobody expected, and on any expectation never used. */
    verify() {
      const unused = expectations.filter((e) => e.left > 0 && !e.any);
      const problems = [
        ...unexpected.map((w) => `unexpected write: ${w.op}${w.number !== null ? ` on #${w.number}` : ''}`),
        ...unused.map(
          (e) =>
            `expected but never sent: ${e.op}${e.number !== undefined ? ` on #${e.number}` : ''}${e.body ? ` matching ${e.body}` : ''}`,
        ),
      ];
      if (problems.length) throw new Error(problems.join('\n'));
    },
    discussion: (number: number) => store.snapshot()[0]!.discussions.find((d) => d.number === number)!,
  };
}
