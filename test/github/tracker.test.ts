import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { createClient, endpoints } from '../../src/github/client.js';
import { GraphqlTracker } from '../../src/github/tracker.js';
import { AuthError, NotFoundError, OperationalError } from '../../src/core/errors.js';
import { manyDiscussions, scenario, team, user } from '../support/scenario.js';

const REPO = { owner: 'visit-dav', name: 'visit' };
let standin: Standin | undefined;

afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

/**
 * The request timeouts' clock, moved by the test: when the stand-in stalls a
 * request, the earliest pending timeout fires at once. No test waits in real
 * time, and a slow answer on a busy machine never counts as a stall.
 */
function manualClock() {
  let now = 0;
  const pending = new Set<{ at: number; fire: () => void }>();
  return {
    now: () => now,
    after(ms: number, fire: () => void) {
      const timer = { at: now + ms, fire };
      pending.add(timer);
      return () => pending.delete(timer);
    },
    fireNext() {
      const next = [...pending].sort((a, b) => a.at - b.at)[0];
      if (!next) return;
      pending.delete(next);
      now = next.at;
      next.fire();
    },
  };
}

async function setup(discussions = manyDiscussions(3), token = 'test-token', requestTimeoutMs?: number) {
  standin = await startStandin(scenario(discussions));
  const clock = manualClock();
  standin.onStall(() => clock.fireNext());
  const client = await createClient({
    env: { GH_TOKEN: token, GITHUB_API_URL: standin.url },
    fetch,
    ghAuthToken: async () => undefined,
    retryBaseMs: 1,
    requestTimeoutMs,
    clock,
  });
  const tracker = new GraphqlTracker(client);
  return { s: standin, tracker };
}

async function allInScope(tracker: GraphqlTracker) {
  const info = await tracker.repository(REPO);
  const ids = info.categories.filter((c) => c.slug.startsWith('help-')).map((c) => c.id);
  return tracker.openDiscussions({ repo: REPO, categoryIds: ids, label: null });
}

describe('endpoints (docs/reference.md#environment)', () => {
  it.each([
    [{}, 'https://api.github.com', 'https://api.github.com/graphql'],
    [{ GH_HOST: 'github.example.gov' }, 'https://github.example.gov/api/v3', 'https://github.example.gov/api/graphql'],
    [{ GITHUB_API_URL: 'https://ghe.lab/api/v3/', GH_HOST: 'ignored' }, 'https://ghe.lab/api/v3', 'https://ghe.lab/api/graphql'],
    [{ GITHUB_API_URL: 'http://127.0.0.1:9' }, 'http://127.0.0.1:9', 'http://127.0.0.1:9/graphql'],
    [{ GITHUB_API_URL: 'https://x/api/v3', GITHUB_GRAPHQL_URL: 'https://y/gql' }, 'https://x/api/v3', 'https://y/gql'],
  ])('%j', (env, rest, graphql) => {
    expect(endpoints(env)).toEqual({ rest, graphql });
  });
});

describe('reading at scale', () => {
  it.each([100, 1000])('lists %i open discussions in at most ceil(N/50)+3 GraphQL requests', async (n) => {
    const { s, tracker } = await setup(manyDiscussions(n));
    const list = await allInScope(tracker);
    expect(list).toHaveLength(n);
    expect(list.every((d) => d.complete)).toBe(true);
    const requests = s.graphqlRequests().length;
    expect(requests).toBeLessThanOrEqual(Math.ceil(n / 50) + 3);
    expect(tracker.requestCount).toBe(requests);
    // and every message of every thread arrived
    const one = list.find((d) => d.title === 'Question 19')!;
    expect(one.messages.filter((m) => m.kind === 'comment')).toHaveLength(20);
    expect(one.messages.filter((m) => m.kind === 'reply')).toHaveLength(20 * 8);
  });

  it('reads the whole thread only when the window misses messages', async () => {
    const at = (m: number) => new Date(Date.parse('2026-11-02T17:00:00Z') + m * 60_000).toISOString();
    const long = {
      ...user('u1', at(0)),
      title: 'long',
      comments: Array.from({ length: 130 }, (_, i) => ({
        ...team('ada-lovelace', at(i + 1)),
        replies: i === 3 ? Array.from({ length: 120 }, (_r, r) => user('u1', at(200 + r))) : [],
      })),
    };
    const short = { ...user('u2', at(0)), title: 'short', comments: [team('ada-lovelace', at(5))] };
    const { s, tracker } = await setup([long, short]);
    const list = await allInScope(tracker);
    const l = list.find((d) => d.title === 'long')!;
    expect(l.complete).toBe(true);
    expect(l.messages.filter((m) => m.kind === 'comment')).toHaveLength(130);
    expect(l.messages.filter((m) => m.kind === 'reply')).toHaveLength(120);
    const ops = s.graphqlRequests().map((e) => e.operationName);
    expect(ops.filter((o) => o === 'DiscussionThread')).toHaveLength(2); // 130 comments: two pages
    expect(ops.filter((o) => o === 'CommentReplies')).toHaveLength(1); // replies 101-120
  });

  it('filters by label through search', async () => {
    const { tracker, s } = await setup([
      { ...user('a', '2026-11-02T17:00:00Z'), labels: ['support'], title: 'labelled' },
      { ...user('b', '2026-11-02T17:00:00Z'), title: 'plain' },
    ]);
    const list = await tracker.openDiscussions({ repo: REPO, categoryIds: [], label: 'support' });
    expect(list.map((d) => d.title)).toEqual(['labelled']);
    expect(s.graphqlRequests().map((e) => e.operationName)).toEqual(['SearchDiscussions']);
  });

  it('maps deleted users, bots, minimized and deleted comments', async () => {
    const { tracker } = await setup([
      {
        author: null,
        createdAt: '2026-11-02T17:00:00Z',
        body: 'ghost question',
        comments: [
          { author: 'dependabot[bot]', createdAt: '2026-11-02T17:01:00Z' },
          user('spammer', '2026-11-02T17:02:00Z', 'buy', { minimized: true }),
          user('x', '2026-11-02T17:03:00Z', '', { deleted: true }),
        ],
      },
    ]);
    const [d] = await allInScope(tracker);
    expect(d!.messages.map((m) => [m.kind, m.author, m.authorType, Boolean(m.hidden)])).toEqual([
      ['post', null, null, false],
      ['comment', 'dependabot', 'Bot', false],
      ['comment', 'spammer', 'User', true],
      ['comment', 'x', 'User', true],
    ]);
  });
});

describe("errors become the tool's error kinds", () => {
  it('an unknown repository is NotFoundError naming it', async () => {
    const { tracker } = await setup();
    await expect(tracker.repository({ owner: 'visit-dav', name: 'nope' })).rejects.toThrow(NotFoundError);
    await expect(tracker.repository({ owner: 'visit-dav', name: 'nope' })).rejects.toThrow(/visit-dav\/nope/);
  });

  it('a bad token is AuthError naming the variable, and never shows the token', async () => {
    const { tracker } = await setup(undefined, 'wrong-token-value');
    const error = await tracker.repository(REPO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(String((error as Error).message) + (error as AuthError).hint).toMatch(/GH_TOKEN/);
    expect(JSON.stringify(error) + String(error) + (error as AuthError).hint).not.toMatch(/wrong-token-value/);
  });

  it('a missing token is AuthError', async () => {
    await expect(createClient({ env: {}, fetch, ghAuthToken: async () => undefined })).rejects.toThrow(/no GitHub token/);
  });

  it('a partial answer is an error, never a shorter list', async () => {
    const { tracker, s } = await setup();
    s.inject({ type: 'partial', when: 'query', times: 10 });
    await expect(allInScope(tracker)).rejects.toThrow(OperationalError);
  });

  it('GitHub down is OperationalError after bounded retries', async () => {
    const { tracker, s } = await setup();
    await s.close();
    await expect(tracker.repository(REPO)).rejects.toThrow(/could not connect to .*, after retries/);
  });
});

describe('faults are survived', () => {
  it.each([
    ['two 502s', { type: 'status', status: 502, times: 2 }],
    ['a secondary rate limit with retry-after', { type: 'secondary', retryAfter: 2 }],
    ['a dropped connection', { type: 'drop' }],
  ] as const)('%s, then success', async (_name, fault) => {
    const { tracker, s } = await setup(manyDiscussions(60));
    s.inject({ ...fault, when: 'query' });
    expect(await allInScope(tracker)).toHaveLength(60);
    expect(s.log.some((e) => e.fault)).toBe(true);
  });

  it('a persistent 503 gives up after 3 retries', async () => {
    const { tracker, s } = await setup();
    s.inject({ type: 'status', status: 503, times: 100, when: 'query' });
    await expect(tracker.repository(REPO)).rejects.toThrow(/GitHub answered 503, after retries/);
    expect(s.log).toHaveLength(4);
  });
});

describe('a request that is never answered (#12.10)', () => {
  it('is abandoned after the timeout and tried again, and the list is whole', async () => {
    const { tracker, s } = await setup(manyDiscussions(60), 'test-token', 200);
    s.inject({ type: 'stall', when: 'query' });
    expect(await allInScope(tracker)).toHaveLength(60);
    expect(s.log.filter((e) => e.status === 'stalled')).toHaveLength(1);
  });

  it('gives up after three timeouts, within the bounded total time, with one line that says so', async () => {
    const { tracker, s } = await setup(undefined, 'test-token', 200);
    s.inject({ type: 'stall', when: 'query', times: 100 });
    const error = await tracker.repository(REPO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationalError);
    expect((error as OperationalError).message).toBe(
      'reading repository visit-dav/visit: GitHub did not answer within 0.2 s, 3 tries in 0.6 s; GitHub is slow or unreachable, try again later',
    );
    expect((error as OperationalError).hint).toBeUndefined();
    expect(s.log.filter((e) => e.status === 'stalled')).toHaveLength(3);
  });

  it('a body that stops half-way is a timeout too, not a short answer', async () => {
    const { s } = await setup();
    const clock = manualClock();
    const slow: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const stream = new ReadableStream({
        async start(controller) {
          controller.enqueue(new Uint8Array(await res.arrayBuffer()).slice(0, 10));
          // The rest never comes: the request's timeout fires.
          setImmediate(() => clock.fireNext());
          init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
        },
      });
      return new Response(stream, { status: res.status, headers: res.headers });
    };
    const client = await createClient({
      env: { GH_TOKEN: 'test-token', GITHUB_API_URL: s.url },
      fetch: slow,
      ghAuthToken: async () => undefined,
      retryBaseMs: 1,
      requestTimeoutMs: 100,
      clock,
    });
    await expect(new GraphqlTracker(client).repository(REPO)).rejects.toThrow(/did not answer within 0\.1 s, 3 tries/);
  });
});

/** `n` bare discussions, one a minute from `start` (or all in one second with `step` 0). */
function bare(n: number, over: { category: string; labels?: string[]; start?: string; stepMs?: number; prefix: string }) {
  const start = Date.parse(over.start ?? '2026-11-02T17:00:00Z');
  const step = over.stepMs ?? 60_000;
  return Array.from({ length: n }, (_, i) => ({
    ...user(`u${i}`, new Date(start + i * step).toISOString().replace('.000', '')),
    title: `${over.prefix} ${i}`,
    category: over.category,
    labels: over.labels ?? [],
  }));
}

describe('every scope qualifier goes into the search (#12.12, #12.13)', () => {
  const idsOf = async (tracker: GraphqlTracker, slugs: string[]) =>
    (await tracker.repository(REPO)).categories.filter((c) => slugs.includes(c.slug)).map((c) => c.id);

  it('label plus one category: 1,200 labelled elsewhere do not hide the 300 in scope', async () => {
    const { tracker, s } = await setup([
      ...bare(1200, { category: 'ideas', labels: ['support'], prefix: 'elsewhere' }),
      ...bare(300, { category: 'help-using-visit', labels: ['support'], prefix: 'in scope' }),
    ]);
    const list = await tracker.openDiscussions({ repo: REPO, categoryIds: await idsOf(tracker, ['help-using-visit']), label: 'support' });
    expect(list).toHaveLength(300);
    expect(list.every((d) => d.title.startsWith('in scope'))).toBe(true);
    const queries = s.log.filter((e) => e.operationName === 'SearchDiscussions').map((e) => e.variables!.searchQuery);
    expect(new Set(queries)).toEqual(new Set(['repo:visit-dav/visit is:open category:"Help using VisIt" label:"support"']));
  });

  it('label plus two categories: one search each, both read', async () => {
    const { tracker, s } = await setup([
      ...bare(3, { category: 'help-using-visit', labels: ['support'], prefix: 'using' }),
      ...bare(2, { category: 'help-building-visit', labels: ['support'], prefix: 'building' }),
      ...bare(4, { category: 'help-building-visit', prefix: 'unlabelled' }),
    ]);
    const list = await tracker.openDiscussions({
      repo: REPO,
      categoryIds: await idsOf(tracker, ['help-using-visit', 'help-building-visit']),
      label: 'support',
    });
    expect(list.map((d) => d.title).sort()).toEqual(['building 0', 'building 1', 'using 0', 'using 1', 'using 2']);
    expect(s.log.filter((e) => e.operationName === 'SearchDiscussions')).toHaveLength(2);
  });

  it('one day with 1,100 discussions out of scope and 30 in scope: the 30, read by category', async () => {
    const { tracker, s } = await setup([
      ...bare(1100, { category: 'ideas', start: '2026-11-02T00:00:00Z', stepMs: 60_000, prefix: 'import' }),
      ...bare(30, { category: 'help-using-visit', start: '2026-11-02T18:00:00Z', prefix: 'asked' }),
    ]);
    const list = await tracker.discussionsCreated(REPO, '2026-11-02T08:00:00Z', '2026-11-03T08:00:00Z', {
      categoryIds: await idsOf(tracker, ['help-using-visit']),
      label: null,
    });
    expect(list).toHaveLength(30);
    expect(s.log.filter((e) => e.operationName === 'DiscussionsCreated').map((e) => e.variables!.searchQuery)).toEqual([
      'repo:visit-dav/visit category:"Help using VisIt" created:2026-11-02T08:00:00+00:00..2026-11-03T07:59:59+00:00 sort:created-asc',
    ]);
  });

  it('one day with 1,100 discussions in scope: split by the hour and read whole', async () => {
    const { tracker } = await setup(
      bare(1100, { category: 'help-using-visit', start: '2026-11-02T08:00:00Z', stepMs: 60_000, prefix: 'busy' }),
    );
    const list = await tracker.discussionsCreated(REPO, '2026-11-02T08:00:00Z', '2026-11-03T08:00:00Z', {
      categoryIds: await idsOf(tracker, ['help-using-visit']),
      label: null,
    });
    expect(list).toHaveLength(1100);
    expect(new Set(list.map((d) => d.number)).size).toBe(1100);
  });

  it('1,100 discussions created in one second cannot be read whole: an error, never a partial count', async () => {
    const { tracker } = await setup(
      bare(1100, { category: 'help-using-visit', start: '2026-11-02T18:00:00Z', stepMs: 0, prefix: 'import' }),
    );
    const error = await tracker
      .discussionsCreated(REPO, '2026-11-02T08:00:00Z', '2026-11-03T08:00:00Z', {
        categoryIds: await idsOf(tracker, ['help-using-visit']),
        label: null,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationalError);
    expect((error as Error).message).toBe(
      '1100 discussions of visit-dav/visit in "Help using VisIt" were created at 2026-11-02T18:00:00+00:00; GitHub search returns at most 1000, so the range cannot be read whole',
    );
  });
});
