import { GraphQLError } from 'graphql';

export function gqlError(message, type) {
  return new GraphQLError(message, { extensions: { type } });
}

const encode = (i) => Buffer.from(`cursor:v2:${i}`).toString('base64');
function decode(cursor) {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString());
  if (!m) throw gqlError(`\`${cursor}\` does not appear to be a valid cursor.`, 'INVALID_CURSOR_ARGUMENTS');
  return Number(m[1]);
}

/** A GitHub-style connection: first/last up to 100, opaque cursors, pageInfo, totalCount. */
export function connection(items, args, name = 'connection') {
  const { first, last, after, before } = args;
  if (first == null && last == null)
    throw gqlError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
      'MISSING_PAGINATION_BOUNDARIES',
    );
  if ((first ?? 0) > 100 || (last ?? 0) > 100)
    throw gqlError(
      `Requesting ${first ?? last} records on the \`${name}\` connection exceeds the \`${first != null ? 'first' : 'last'}\` limit of 100 records.`,
      'EXCESSIVE_PAGINATION',
    );
  let start = after ? decode(after) + 1 : 0;
  let end = before ? decode(before) : items.length;
  if (first != null) end = Math.min(end, start + first);
  else start = Math.max(start, end - last);
  const slice = items.slice(start, end);
  const edges = slice.map((node, i) => ({ node, cursor: encode(start + i) }));
  return {
    totalCount: items.length,
    nodes: slice,
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

const byTime = (field, direction) => (a, b) => (Date.parse(a[field]) - Date.parse(b[field])) * (direction === 'DESC' ? -1 : 1);

function orderDiscussions(list, orderBy) {
  const field = orderBy?.field === 'UPDATED_AT' ? 'updatedAt' : 'createdAt';
  return [...list].sort(byTime(field, orderBy?.direction ?? 'DESC'));
}

/** Parses the part of GitHub's search syntax the tool uses. */
function searchFilter(query) {
  const tokens = query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const f = { labels: [], categories: [], words: [] };
  for (const t of tokens) {
    const [key, ...rest] = t.split(':');
    const value = rest.join(':').replace(/"/g, '');
    // Free text (a word or a "quoted phrase") matches the title or the body, in any case, as GitHub's search does.
    if (rest.length === 0) f.words.push(t.replace(/"/g, '').toLowerCase());
    else if (key === 'repo') f.repo = value.toLowerCase();
    else if (key === 'is') f[value] = true;
    else if (key === 'label') f.labels.push(value);
    else if (key === 'category') f.categories.push(value);
    else if (key === 'created') f.created = value;
    else if (key === 'updated') f.updated = value;
    else if (key === 'sort') f.sort = value;
  }
  return f;
}

function inRange(iso, range) {
  if (!range) return true;
  const t = Date.parse(iso);
  // A bare date covers that whole day (UTC); a date-time is an instant.
  const lo = (b) => (b === '*' ? -Infinity : b.length === 10 ? Date.parse(`${b}T00:00:00Z`) : Date.parse(b));
  const hi = (b) => (b === '*' ? Infinity : b.length === 10 ? Date.parse(`${b}T23:59:59Z`) : Date.parse(b));
  const m = /^(.*)\.\.(.*)$/.exec(range);
  if (m) return t >= lo(m[1]) && t <= hi(m[2]);
  const op = /^(>=|<=|>|<)(.*)$/.exec(range);
  if (!op) return t >= lo(range) && t <= hi(range);
  return { '>=': t >= lo(op[2]), '<=': t <= hi(op[2]), '>': t > hi(op[2]), '<': t < lo(op[2]) }[op[1]];
}

export function makeResolvers(store, clock) {
  const repoOrFail = (owner, name) => {
    const repo = store.repository(owner, name);
    if (!repo) throw gqlError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, 'NOT_FOUND');
    return repo;
  };
  const node = (id, typename) => {
    const n = store.nodes.get(id);
    if (!n || (typename && n.__typename !== typename))
      throw gqlError(`Could not resolve to a node with the global id of '${id}'`, 'NOT_FOUND');
    return n;
  };
  const touch = (d) => {
    d.updatedAt = clock();
  };

  return {
    Query: {
      repository: (_s, { owner, name }) => repoOrFail(owner, name),
      viewer: () => store.user(store.viewerLogin),
      rateLimit: (_s, _a, ctx) => ({
        limit: 5000,
        remaining: 4999 - store.requestCount,
        used: store.requestCount,
        cost: ctx?.cost ?? 1,
        nodeCount: 0,
        resetAt: '2099-01-01T00:00:00Z',
      }),
      node: (_s, { id }) => store.nodes.get(id) ?? null,
      nodes: (_s, { ids }) => {
        if (ids.length > 100) throw gqlError('You may not ask for more than 100 nodes at once.', 'EXCESSIVE_PAGINATION');
        return ids.map((id) => store.nodes.get(id) ?? null);
      },
      search: (_s, args) => {
        if (args.type !== 'DISCUSSION' && args.type !== 'ISSUE') return connection([], args, 'search');
        const f = searchFilter(args.query);
        const repos = store.repos.filter((r) => !f.repo || r.nameWithOwner.toLowerCase() === f.repo);
        let items = repos.flatMap((r) => (args.type === 'DISCUSSION' ? r.discussions : r.issues));
        const closed = (d) => (args.type === 'ISSUE' ? d.state !== 'OPEN' : d.closed);
        const text = (d) => `${d.title}\n${d.body}`.toLowerCase();
        items = items.filter(
          (d) =>
            (!f.open || !closed(d)) &&
            (!f.closed || closed(d)) &&
            f.words.every((w) => text(d).includes(w)) &&
            (!f.answered || d.answer) &&
            (!f.unanswered || !d.answer) &&
            f.labels.every((l) => d.labels.some((x) => x.name.toLowerCase() === l.toLowerCase())) &&
            (f.categories.length === 0 ||
              f.categories.some((c) => d.category && (d.category.name.toLowerCase() === c.toLowerCase() || d.category.slug === c))) &&
            inRange(d.createdAt, f.created) &&
            inRange(d.updatedAt ?? d.createdAt, f.updated),
        );
        const [field, direction] = (f.sort ?? 'created-desc').split('-');
        items = orderDiscussions(items, {
          field: field === 'updated' ? 'UPDATED_AT' : 'CREATED_AT',
          direction: direction === 'asc' ? 'ASC' : 'DESC',
        });
        // "Best match": with free text and no sort asked, more words in the title rank first.
        const inTitle = (d) => f.words.filter((w) => d.title.toLowerCase().includes(w)).length;
        if (f.words.length && !f.sort) items = [...items].sort((a, b) => inTitle(b) - inTitle(a));
        // GitHub search never returns more than 1,000 results.
        const c = connection(items.slice(0, 1000), args, 'search');
        return { ...c, discussionCount: items.length, issueCount: items.length };
      },
    },
    Repository: {
      url: (r) => `${store.baseUrl}/${r.nameWithOwner}`,
      discussions: (r, args) => {
        let list = r.discussions;
        if (args.categoryId) list = list.filter((d) => d.category.id === args.categoryId);
        if (args.states?.length) list = list.filter((d) => args.states.includes(d.closed ? 'CLOSED' : 'OPEN'));
        if (args.answered != null) list = list.filter((d) => Boolean(d.answer) === args.answered);
        return connection(orderDiscussions(list, args.orderBy), args, 'discussions');
      },
      discussion: (r, { number }) => {
        const d = r.discussions.find((x) => x.number === number);
        if (!d) throw gqlError(`Could not resolve to a Discussion with the number of ${number}.`, 'NOT_FOUND');
        return d;
      },
      discussionCategories: (r, args) => connection(r.categories, args, 'discussionCategories'),
      labels: (r, args) =>
        connection(
          r.labels.filter((l) => !args.query || l.name.toLowerCase().includes(args.query.toLowerCase())),
          args,
          'labels',
        ),
      label: (r, { name }) => r.labels.find((l) => l.name === name) ?? null,
      issues: (r, args) => {
        let list = r.issues;
        if (args.states?.length) list = list.filter((i) => args.states.includes(i.state));
        if (args.labels?.length) list = list.filter((i) => args.labels.every((n) => i.labels.some((l) => l.name === n)));
        if (args.filterBy?.createdBy) list = list.filter((i) => i.author?.login === args.filterBy.createdBy);
        if (args.filterBy?.states?.length) list = list.filter((i) => args.filterBy.states.includes(i.state));
        const field = args.orderBy?.field === 'UPDATED_AT' ? 'updatedAt' : 'createdAt';
        return connection([...list].sort(byTime(field, args.orderBy?.direction ?? 'ASC')), args, 'issues');
      },
      issue: (r, { number }) => r.issues.find((i) => i.number === number) ?? null,
      issueOrPullRequest: (r, { number }) => {
        const i = r.issues.find((x) => x.number === number);
        if (!i) throw gqlError(`Could not resolve to an issue or pull request with the number of ${number}.`, 'NOT_FOUND');
        return i;
      },
    },
    Discussion: {
      comments: (d, args) => connection(d.comments, args, 'comments'),
      labels: (d, args) => connection(d.labels, args, 'labels'),
      isAnswered: (d) => (d.category.isAnswerable ? Boolean(d.answer) : null),
      resourcePath: (d) => new URL(d.url).pathname,
      locked: (d) => Boolean(d.locked),
      upvoteCount: () => 0,
    },
    DiscussionComment: {
      replies: (c, args) => connection(c.replies, args, 'replies'),
      resourcePath: (c) => new URL(c.url).pathname,
      upvoteCount: () => 0,
    },
    Issue: {
      labels: (i, args) => connection(i.labels, args, 'labels'),
      comments: (i, args) => connection(i.comments, args, 'comments'),
    },
    User: { url: (u) => `${store.baseUrl}/${u.login}` },
    Bot: { url: (u) => `${store.baseUrl}/apps/${u.login}` },
    Mutation: {
      addDiscussionComment: (_s, { input }) => {
        const d = node(input.discussionId, 'Discussion');
        if (d.locked) throw gqlError('Unable to create comment because the discussion is locked.', 'FORBIDDEN');
        let parent = input.replyToId ? node(input.replyToId, 'DiscussionComment') : undefined;
        if (parent?.replyTo) parent = parent.replyTo; // replies nest one level only
        const c = store.addComment(d, { author: store.viewerLogin, association: 'MEMBER', body: input.body, createdAt: clock() }, parent);
        touch(d);
        return { clientMutationId: input.clientMutationId ?? null, comment: c };
      },
      deleteDiscussionComment: (_s, { input }) => {
        const c = node(input.id, 'DiscussionComment');
        const list = c.replyTo ? c.replyTo.replies : c.discussion.comments;
        list.splice(list.indexOf(c), 1);
        if (c.discussion.answer === c) c.discussion.answer = null;
        // Gone for good: deleting it again is NOT_FOUND, as on GitHub.
        store.nodes.delete(c.id);
        touch(c.discussion);
        return { clientMutationId: input.clientMutationId ?? null, comment: c };
      },
      deleteDiscussion: (_s, { input }) => {
        const d = node(input.id, 'Discussion');
        const list = d.repository.discussions;
        list.splice(list.indexOf(d), 1);
        // Its comments and replies go with it; deleting it again is NOT_FOUND, as on GitHub.
        for (const c of d.comments) for (const x of [c, ...c.replies]) store.nodes.delete(x.id);
        store.nodes.delete(d.id);
        return { clientMutationId: input.clientMutationId ?? null, discussion: d };
      },
      markDiscussionCommentAsAnswer: (_s, { input }) => {
        const c = node(input.id, 'DiscussionComment');
        if (c.replyTo) throw gqlError('Only top-level comments can be marked as the answer', 'UNPROCESSABLE');
        if (!c.discussion.category.isAnswerable) throw gqlError('This discussion category does not accept answers', 'UNPROCESSABLE');
        store.markAnswer(c, clock());
        touch(c.discussion);
        return { clientMutationId: input.clientMutationId ?? null, discussion: c.discussion };
      },
      addLabelsToLabelable: (_s, { input }) => {
        const target = node(input.labelableId);
        for (const id of input.labelIds) {
          const l = node(id, 'Label');
          if (!target.labels.includes(l)) target.labels.push(l);
        }
        target.updatedAt = clock();
        return { clientMutationId: input.clientMutationId ?? null, labelable: target };
      },
      removeLabelsFromLabelable: (_s, { input }) => {
        const target = node(input.labelableId);
        target.labels = target.labels.filter((l) => !input.labelIds.includes(l.id));
        target.updatedAt = clock();
        return { clientMutationId: input.clientMutationId ?? null, labelable: target };
      },
      createIssue: (_s, { input }) => {
        const repo = node(input.repositoryId, 'Repository');
        const issue = store.addIssue(repo, { title: input.title, body: input.body ?? '', createdAt: clock(), author: store.viewerLogin });
        for (const id of input.labelIds ?? []) issue.labels.push(node(id, 'Label'));
        return { clientMutationId: input.clientMutationId ?? null, issue };
      },
      addComment: (_s, { input }) => {
        const subject = node(input.subjectId);
        const comment = store.addIssueComment(subject, {
          author: store.viewerLogin,
          association: 'MEMBER',
          body: input.body,
          createdAt: clock(),
        });
        return { clientMutationId: input.clientMutationId ?? null, commentEdge: { node: comment, cursor: '' }, subject };
      },
      updateIssue: (_s, { input }) => {
        const issue = node(input.id, 'Issue');
        if (input.body !== undefined) issue.body = input.body;
        if (input.title !== undefined) issue.title = input.title;
        issue.updatedAt = clock();
        return { clientMutationId: input.clientMutationId ?? null, issue };
      },
      updateDiscussion: (_s, { input }) => {
        const d = node(input.discussionId, 'Discussion');
        if (input.body !== undefined) d.body = input.body;
        if (input.title !== undefined) d.title = input.title;
        touch(d);
        return { clientMutationId: input.clientMutationId ?? null, discussion: d };
      },
      updateIssueComment: (_s, { input }) => {
        const c = node(input.id, 'IssueComment');
        c.body = input.body;
        c.updatedAt = clock();
        return { clientMutationId: input.clientMutationId ?? null, issueComment: c };
      },
      updateDiscussionComment: (_s, { input }) => {
        const c = node(input.commentId, 'DiscussionComment');
        c.body = input.body;
        c.updatedAt = clock();
        return { clientMutationId: input.clientMutationId ?? null, comment: c };
      },
      deleteIssueComment: (_s, { input }) => {
        const c = node(input.id, 'IssueComment');
        c.subject.comments = c.subject.comments.filter((x) => x !== c);
        store.nodes.delete(c.id);
        return { clientMutationId: input.clientMutationId ?? null };
      },
      closeDiscussion: (_s, { input }) => {
        const d = node(input.discussionId, 'Discussion');
        d.closed = true;
        d.closedAt = clock();
        d.stateReason = input.reason ?? 'RESOLVED';
        touch(d);
        return { clientMutationId: input.clientMutationId ?? null, discussion: d };
      },
      createDiscussion: (_s, { input }) => {
        const repo = node(input.repositoryId, 'Repository');
        const category = node(input.categoryId, 'DiscussionCategory');
        const d = store.addDiscussion(repo, {
          title: input.title,
          body: input.body,
          category: category.slug,
          author: store.viewerLogin,
          association: 'MEMBER',
          createdAt: clock(),
        });
        return { clientMutationId: input.clientMutationId ?? null, discussion: d };
      },
    },
  };
}
