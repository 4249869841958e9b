// In-memory GitHub for the stand-in: repositories, discussion categories,
// labels, discussions with comments and replies, issues, users. Loaded from a
// scenario JSON file; mutated by the mutations the tool sends.

let serial = 0;
/** Opaque ids, like GitHub's node ids. */
function nodeId(prefix) {
  serial += 1;
  return `${prefix}_${Buffer.from(`standin:${serial}`).toString('base64url')}`;
}

export class Store {
  constructor(scenario) {
    this.nodes = new Map();
    this.users = new Map();
    this.repos = [];
    this.viewerLogin = scenario.viewer ?? 'ada-lovelace';
    this.token = scenario.token ?? 'test-token';
    /** more accounts: token -> login (a second machine signed in as someone else) */
    this.tokens = { ...(scenario.tokens ?? {}) };
    this.baseUrl = scenario.htmlBase ?? 'https://github.com';
    for (const login of [this.viewerLogin, ...Object.values(this.tokens), ...(scenario.users ?? [])]) this.user(login);
    for (const repo of scenario.repositories ?? []) this.addRepository(repo);
  }

  register(obj) {
    this.nodes.set(obj.id, obj);
    return obj;
  }

  /** A user or bot record; null for a deleted account. */
  user(login) {
    if (login === null || login === undefined) return null;
    let u = this.users.get(login);
    if (!u) {
      const bot = login.endsWith('[bot]');
      u = this.register({
        __typename: bot ? 'Bot' : 'User',
        id: nodeId(bot ? 'BOT' : 'U'),
        login: bot ? login.replace(/\[bot\]$/, '') : login,
        fullLogin: login,
      });
      this.users.set(login, u);
    }
    return u;
  }

  addRepository(spec) {
    const repo = this.register({
      __typename: 'Repository',
      id: nodeId('R'),
      owner: spec.owner,
      name: spec.name,
      nameWithOwner: `${spec.owner}/${spec.name}`,
      hasDiscussionsEnabled: spec.hasDiscussionsEnabled ?? true,
      categories: [],
      labels: [],
      discussions: [],
      issues: [],
      nextNumber: 1,
    });
    this.repos.push(repo);
    for (const c of spec.categories ?? []) {
      repo.categories.push(
        this.register({
          __typename: 'DiscussionCategory',
          id: nodeId('DIC'),
          slug: c.slug,
          name: c.name ?? c.slug,
          isAnswerable: c.isAnswerable ?? true,
          repository: repo,
          createdAt: '2020-01-01T00:00:00Z',
        }),
      );
    }
    for (const l of spec.labels ?? []) this.label(repo, l);
    for (const d of spec.discussions ?? []) this.addDiscussion(repo, d);
    for (const i of spec.issues ?? []) this.addIssue(repo, i);
    return repo;
  }

  label(repo, name) {
    let l = repo.labels.find((x) => x.name === name);
    if (!l) {
      l = this.register({ __typename: 'Label', id: nodeId('LA'), name, color: 'ededed', repository: repo });
      repo.labels.push(l);
    }
    return l;
  }

  takeNumber(repo, wanted) {
    const n = wanted ?? repo.nextNumber;
    repo.nextNumber = Math.max(repo.nextNumber, n + 1);
    return n;
  }

  message(spec, typename, prefix, extra) {
    return this.register({
      __typename: typename,
      id: nodeId(prefix),
      author: spec.author === null ? null : this.user(spec.author ?? this.viewerLogin),
      authorAssociation: spec.association ?? (spec.author === this.viewerLogin ? 'MEMBER' : 'NONE'),
      body: spec.body ?? '',
      createdAt: spec.createdAt,
      updatedAt: spec.createdAt,
      isMinimized: Boolean(spec.minimized),
      minimizedReason: spec.minimized ? 'spam' : null,
      deletedAt: spec.deleted ? spec.createdAt : null,
      ...extra,
    });
  }

  addDiscussion(repo, spec) {
    const category = repo.categories.find((c) => c.slug === spec.category || c.name === spec.category) ?? repo.categories[0];
    const number = this.takeNumber(repo, spec.number);
    const d = this.message(spec, 'Discussion', 'D', {
      number,
      title: spec.title ?? `Discussion ${number}`,
      repository: repo,
      category,
      labels: (spec.labels ?? []).map((name) => this.label(repo, name)),
      closed: Boolean(spec.closed),
      locked: Boolean(spec.locked),
      closedAt: spec.closed ? (spec.closedAt ?? spec.createdAt) : null,
      stateReason: null,
      answer: null,
      answerChosenAt: null,
      comments: [],
    });
    d.url = `${this.baseUrl}/${repo.nameWithOwner}/discussions/${number}`;
    // Closing changes a discussion, as on GitHub.
    if (d.closedAt && d.closedAt > d.updatedAt) d.updatedAt = d.closedAt;
    repo.discussions.push(d);
    for (const c of spec.comments ?? []) {
      const comment = this.addComment(d, c);
      for (const r of c.replies ?? []) this.addComment(d, r, comment);
    }
    return d;
  }

  addComment(discussion, spec, parent) {
    const c = this.message(spec, 'DiscussionComment', 'DC', { discussion, replyTo: parent ?? null, replies: [], isAnswer: false });
    c.url = `${discussion.url}#discussioncomment-${this.nodes.size}`;
    if (parent) parent.replies.push(c);
    else discussion.comments.push(c);
    // GitHub moves a discussion's updatedAt with every comment and reply: the watch searches by it.
    if (!discussion.updatedAt || Date.parse(discussion.updatedAt) < Date.parse(c.createdAt)) discussion.updatedAt = c.createdAt;
    if (spec.isAnswer) this.markAnswer(c, spec.answerChosenAt ?? spec.createdAt);
    return c;
  }

  markAnswer(comment, at) {
    const d = comment.discussion;
    if (d.answer) d.answer.isAnswer = false;
    comment.isAnswer = true;
    d.answer = comment;
    d.answerChosenAt = at;
  }

  addIssue(repo, spec) {
    const number = this.takeNumber(repo, spec.number);
    const issue = this.register({
      __typename: 'Issue',
      id: nodeId('I'),
      number,
      title: spec.title ?? `Issue ${number}`,
      body: spec.body ?? '',
      state: spec.state ?? 'OPEN',
      createdAt: spec.createdAt ?? '2026-01-01T00:00:00Z',
      updatedAt: spec.updatedAt ?? spec.createdAt ?? '2026-01-01T00:00:00Z',
      author: this.user(spec.author ?? this.viewerLogin),
      authorAssociation: 'MEMBER',
      labels: (spec.labels ?? []).map((name) => this.label(repo, name)),
      comments: [],
      repository: repo,
    });
    issue.url = `${this.baseUrl}/${repo.nameWithOwner}/issues/${number}`;
    repo.issues.push(issue);
    for (const c of spec.comments ?? []) this.addIssueComment(issue, c);
    return issue;
  }

  /** A comment on an issue (or pull request), as `addComment` makes it. */
  addIssueComment(subject, spec) {
    const c = this.message(spec, 'IssueComment', 'IC', { subject });
    c.url = `${subject.url}#issuecomment-${this.nodes.size}`;
    subject.comments.push(c);
    return c;
  }

  repository(owner, name) {
    return this.repos.find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  /** An issue or discussion's body and top-level comments, for assertions on the desk thread. */
  thread(nameWithOwner, number) {
    const r = this.repos.find((x) => x.nameWithOwner.toLowerCase() === nameWithOwner.toLowerCase());
    const t = r?.issues.find((i) => i.number === number) ?? r?.discussions.find((d) => d.number === number);
    if (!t) return null;
    return {
      body: t.body,
      updatedAt: t.updatedAt,
      comments: t.comments.map((c) => ({ id: c.id, author: c.author?.fullLogin ?? null, body: c.body, createdAt: c.createdAt })),
    };
  }

  /** A plain view of what the tool changed, for assertions. */
  snapshot() {
    return this.repos.map((r) => ({
      repository: r.nameWithOwner,
      discussions: r.discussions.map((d) => ({
        number: d.number,
        title: d.title,
        closed: d.closed,
        labels: d.labels.map((l) => l.name),
        answer: d.answer ? d.answer.body : null,
        body: d.body,
        comments: d.comments.map((c) => ({
          author: c.author?.fullLogin ?? null,
          body: c.body,
          replies: c.replies.map((x) => ({ author: x.author?.fullLogin ?? null, body: x.body })),
        })),
      })),
      issues: r.issues.map((i) => ({
        number: i.number,
        title: i.title,
        body: i.body,
        labels: i.labels.map((l) => l.name),
        comments: i.comments.map((c) => c.body),
      })),
    }));
  }
}
