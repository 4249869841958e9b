import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import { retry } from '@octokit/plugin-retry';
import { paginateGraphQL } from '@octokit/plugin-paginate-graphql';
import Bottleneck from 'bottleneck/light.js';
import { AuthError, NotFoundError, OperationalError, RefusedError, UsageError } from '../core/errors.js';
import type { Missing } from '../core/errors.js';

const GitHubOctokit = Octokit.plugin(throttling, retry, paginateGraphQL);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export interface ClientOptions {
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof globalThis.fetch;
  /** `gh auth token`, when gh is installed and logged in */
  ghAuthToken(): Promise<string | undefined>;
  /** requests and timings to stderr; never the token */
  log?(line: string): void;
  /** how long one "second" of retry-after lasts: 1000 in production, ~1 in tests */
  retryBaseMs?: number;
  /** how long one request may go unanswered before it is abandoned and tried again; REQUEST_TIMEOUT_MS by default */
  requestTimeoutMs?: number;
  /** the clock of request timeouts: the real one by default; tests pass their own, so no test waits in real time */
  clock?: RequestClock;
  version?: string;
}

/** When a request timeout fires, and how long a call took. */
export interface RequestClock {
  now(): number;
  /** Calls `fire` after `ms`; returns the function that cancels it. */
  after(ms: number, fire: () => void): () => void;
}

const REAL_CLOCK: RequestClock = {
  now: () => performance.now(),
  after(ms, fire) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

export interface Endpoints {
  rest: string;
  graphql: string;
  /** where the token came from, to name in errors */
  tokenSource: string;
}

function parsed(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** REST and GraphQL URLs from GITHUB_API_URL, GITHUB_GRAPHQL_URL and GH_HOST (docs/reference.md#environment). */
export function endpoints(env: Readonly<Record<string, string | undefined>>): Omit<Endpoints, 'tokenSource'> {
  const trim = (u: string) => u.replace(/\/+$/, '');
  let rest = 'https://api.github.com';
  if (env.GITHUB_API_URL) rest = trim(env.GITHUB_API_URL);
  else if (env.GH_HOST && env.GH_HOST !== 'github.com') rest = `https://${env.GH_HOST}/api/v3`;
  let graphql: string;
  if (env.GITHUB_GRAPHQL_URL) graphql = trim(env.GITHUB_GRAPHQL_URL);
  else if (/\/api\/v3$/.test(rest)) graphql = rest.replace(/\/api\/v3$/, '/api/graphql');
  else graphql = `${rest}/graphql`;
  const from = env.GITHUB_API_URL ? 'GITHUB_API_URL' : 'GH_HOST';
  for (const [url, name] of [
    [rest, from],
    [graphql, env.GITHUB_GRAPHQL_URL ? 'GITHUB_GRAPHQL_URL' : from],
  ] as const) {
    if (!/^https?:$/.test(parsed(url)?.protocol ?? ''))
      throw new UsageError(`${name} does not give an http(s) URL ("${url}")`, `fix or unset ${name}`);
  }
  return { rest, graphql };
}

/** The token the environment gives (GH_TOKEN, then GITHUB_TOKEN), and its variable's name; undefined when neither is set. */
export function envToken(env: ClientOptions['env']): { token: string; source: 'GH_TOKEN' | 'GITHUB_TOKEN' } | undefined {
  if (env.GH_TOKEN) return { token: env.GH_TOKEN, source: 'GH_TOKEN' };
  if (env.GITHUB_TOKEN) return { token: env.GITHUB_TOKEN, source: 'GITHUB_TOKEN' };
  return undefined;
}

export async function findToken(opts: ClientOptions): Promise<{ token: string; source: string }> {
  const fromEnv = envToken(opts.env);
  if (fromEnv) return fromEnv;
  const fromGh = await opts.ghAuthToken();
  if (fromGh) return { token: fromGh, source: '`gh auth token`' };
  throw new AuthError('no GitHub token', 'set GH_TOKEN (or GITHUB_TOKEN) to a token with discussions access, or run `gh auth login`');
}

/**
 * How long one request may go unanswered (headers and body) before it is
 * abandoned. GitHub itself gives up on a GraphQL query after 10 s, so 20 s
 * of silence means the connection, not the query, is stuck.
 */
export const REQUEST_TIMEOUT_MS = 20_000;
/** Unanswered requests are tried again while the call is younger than this many timeouts. */
export const TIMEOUT_BUDGET = 3;

/** One attempt got no answer in time; the retry plugin tries again (Octokit wraps it as a 500). */
class RequestTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${seconds(timeoutMs)}`);
    this.name = 'RequestTimeout';
  }
}

/** A call gave up: its attempts went unanswered for the whole budget. */
export class GitHubTimeout extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly attempts: number,
    readonly elapsedMs: number,
  ) {
    super(`GitHub did not answer within ${seconds(timeoutMs)}${attempts > 1 ? `, ${attempts} tries in ${seconds(elapsedMs)}` : ''}`);
    this.name = 'GitHubTimeout';
  }
}

const seconds = (ms: number) => `${ms >= 10_000 ? Math.round(ms / 1000) : Number((ms / 1000).toFixed(1))} s`;

/**
 * A fetch for one call: each attempt, its body included, must finish within
 * `timeoutMs`; no new attempt starts once the call has used `budgetMs`. The
 * answer is read whole here, so a stall half-way through the body is a
 * timeout too, not a truncated answer.
 */
function callFetch(fetch: typeof globalThis.fetch, timeoutMs: number, budgetMs: number, clock: RequestClock, log?: (line: string) => void) {
  const started = clock.now();
  const state = { attempts: 0, timedOut: false, started };
  const fn: typeof globalThis.fetch = async (input, init = {}) => {
    const left = budgetMs - (clock.now() - started);
    if (state.attempts > 0 && left <= 0) {
      // An AbortError is what Octokit passes through without retrying.
      throw new DOMException('the time allowed for this request is spent', 'AbortError');
    }
    state.attempts++;
    const limit = state.attempts > 1 ? Math.min(timeoutMs, left) : timeoutMs;
    const timer = new AbortController();
    const cancel = clock.after(limit, () => timer.abort(new RequestTimeout(limit)));
    const signal = init.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal;
    try {
      const res = await fetch(input, { ...init, signal });
      const body = [101, 204, 205, 304].includes(res.status) ? null : await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (e) {
      if (!timer.signal.aborted) throw e;
      state.timedOut = true;
      log?.(`github: no answer within ${seconds(limit)} (try ${state.attempts})`);
      throw new RequestTimeout(limit);
    } finally {
      cancel();
    }
  };
  return { fetch: fn, state };
}

export interface Client {
  octokit: GitHubClient;
  endpoints: Endpoints;
  /** GraphQL requests sent, retries included */
  requests(): number;
  /** points of GitHub's hourly GraphQL limit the answered calls cost: a query's own `rateLimit { cost }`, a mutation 1 */
  points(): number;
}

/**
 * What one answered GraphQL call cost: the `rateLimit { cost }` every query
 * asks for; a mutation, which cannot ask, costs GitHub's minimum of one point
 * (it has no connection to count).
 */
export function callCost(data: unknown): number {
  const cost = (data as { data?: { rateLimit?: { cost?: unknown } | null } } | null)?.data?.rateLimit?.cost;
  return typeof cost === 'number' ? cost : 1;
}

export async function createClient(opts: ClientOptions): Promise<Client> {
  const { token, source } = await findToken(opts);
  const urls = endpoints(opts.env);
  const base = opts.retryBaseMs ?? 1000;
  const timeoutMs = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const clock = opts.clock ?? REAL_CLOCK;
  let requests = 0;
  let points = 0;
  const log = opts.log;
  const octokit = new GitHubOctokit({
    auth: token,
    baseUrl: urls.rest,
    userAgent: `visit-sre/${opts.version ?? '0'}`,
    request: { fetch: opts.fetch },
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log?.(`github: ${m}`), error: () => {} },
    throttle: {
      retryAfterBaseValue: base,
      // The plugin queues every GraphQL call in its "write" group, one per second.
      // Queries need no spacing and a few may run at once; the adapter sends
      // mutations one at a time, a second apart, itself.
      write: new Bottleneck.Group({ maxConcurrent: 4, minTime: 0 }),
      onRateLimit: (after: number, _o: unknown, _k: unknown, count: number) => {
        log?.(`github: rate limited; retry ${count + 1} in ${after}s`);
        return count < 2 && after <= 120;
      },
      onSecondaryRateLimit: (after: number, _o: unknown, _k: unknown, count: number) => {
        log?.(`github: secondary rate limit; retry ${count + 1} in ${after}s`);
        return count < 3 && after <= 120;
      },
    },
    retry: { retryAfterBaseValue: base, retries: 3 },
  });
  octokit.hook.wrap('request', async (request, options) => {
    // GraphQL goes where docs/reference.md#environment says, which may differ from Octokit's own guess from baseUrl.
    if (options.url === '/graphql' || options.url === '/api/graphql') options.url = urls.graphql;
    const started = clock.now();
    if (String(options.url).includes('graphql')) requests++;
    // Every attempt of this call, retries included, goes through one timed fetch.
    const timed = callFetch(options.request?.fetch ?? opts.fetch, timeoutMs, TIMEOUT_BUDGET * timeoutMs, clock, log);
    options.request = { ...options.request, fetch: timed.fetch };
    try {
      const res = await request(options);
      const cost = String(options.url).includes('graphql') ? callCost(res.data) : 0;
      points += cost;
      log?.(
        `github: ${options.method} ${options.url} ${res.status} ${(clock.now() - started).toFixed(0)} ms${cost ? `, ${cost} point${cost === 1 ? '' : 's'}` : ''}`,
      );
      return res;
    } catch (e) {
      log?.(
        `github: ${options.method} ${options.url} failed (${(e as { status?: number }).status ?? (e as Error).message}) ${(clock.now() - started).toFixed(0)} ms`,
      );
      const cause = (e as { cause?: unknown; name?: string }).cause;
      const timedOut = cause instanceof RequestTimeout || (timed.state.timedOut && (e as Error).name === 'AbortError');
      if (timedOut) throw new GitHubTimeout(timeoutMs, timed.state.attempts, clock.now() - started);
      throw e;
    }
  });
  return { octokit, endpoints: { ...urls, tokenSource: source }, requests: () => requests, points: () => points };
}

/**
 * What a NOT_FOUND error says is missing, from its path (`repository`, then
 * `discussion` or `issue…`) and the query's variables, so that the shell can
 * say where that name or number came from.
 */
function missingOf(path: GraphqlErrorShape['path'], variables: Record<string, unknown>): Missing | undefined {
  const { owner, name, number } = variables;
  if (typeof owner !== 'string' || typeof name !== 'string' || !path?.length || path[0] !== 'repository') return undefined;
  const repository = `${owner}/${name}`;
  const field = path[1];
  if (field === undefined) return { kind: 'repository', repository };
  if (typeof number !== 'number') return undefined;
  if (field === 'discussion') return { kind: 'discussion', repository, number };
  if (typeof field === 'string' && field.startsWith('issue')) return { kind: 'issue', repository, number };
  return undefined;
}

interface GraphqlErrorShape {
  type?: string;
  message?: string;
  path?: ReadonlyArray<string | number>;
}

/**
 * Octokit and network failures become the tool's error kinds, with a message
 * that says what failed and what to do. The token never appears in them.
 */
export function translateError(error: unknown, what: string, urls: Endpoints, variables: Record<string, unknown> = {}): Error {
  if (error instanceof GitHubTimeout) {
    // One line: what failed, and what to do.
    return new OperationalError(`${what}: ${error.message}; GitHub is slow or unreachable, try again later`);
  }
  const e = error as {
    name?: string;
    status?: number;
    message?: string;
    errors?: GraphqlErrorShape[];
    response?: { data?: { message?: string } };
    cause?: { code?: string };
  };
  if (e?.name === 'GraphqlResponseError' && Array.isArray(e.errors)) {
    const first = e.errors[0] ?? {};
    if (first.type === 'NOT_FOUND')
      return new NotFoundError(
        `${what}: ${first.message ?? 'not found'}`,
        'check the name and the number, and that the token can see them',
        missingOf(first.path, variables),
      );
    if (first.type === 'FORBIDDEN' && /lock/i.test(first.message ?? ''))
      return new RefusedError(`${what}: ${first.message}`, 'GitHub refuses this one discussion; unlock it, or leave it out');
    if (first.type === 'UNPROCESSABLE')
      return new RefusedError(`${what}: ${first.message ?? 'unprocessable'}`, 'GitHub refuses this change to this one item');
    if (first.type === 'FORBIDDEN' || first.type === 'INSUFFICIENT_SCOPES') {
      return new AuthError(
        `${what}: ${first.message ?? 'forbidden'}`,
        `the token from ${urls.tokenSource} lacks a permission: give it read and write access to discussions and issues`,
      );
    }
    return new OperationalError(
      `${what}: GitHub answered with errors: ${e.errors.map((x) => x.message).join('; ')}`,
      'nothing was assumed from the partial answer; try again, or report the query with --verbose',
    );
  }
  if (e?.status === 401)
    return new AuthError(
      `GitHub rejected the token from ${urls.tokenSource} (401 Bad credentials)`,
      `set ${urls.tokenSource.startsWith('GH') || urls.tokenSource.startsWith('GITHUB') ? urls.tokenSource : 'GH_TOKEN'} to a valid token, or run \`gh auth login\``,
    );
  if (e?.status === 403 || e?.status === 429) {
    const message = e.response?.data?.message ?? e.message ?? '';
    if (/rate limit/i.test(message))
      return new OperationalError(
        `${what}: GitHub's rate limit held after retries (${message})`,
        'wait a few minutes and run the command again',
      );
    return new AuthError(`${what}: GitHub refused (403 ${message})`, `the token from ${urls.tokenSource} lacks a permission`);
  }
  if (e?.status === 404) return new NotFoundError(`${what}: not found (404)`, 'check the repository name, and that the token can see it');
  // Octokit reports a request that got no HTTP answer at all (refused, no such host, TLS) as a 500 without a response.
  if (e?.status === 500 && (e as { response?: unknown }).response === undefined && e?.name === 'HttpError') {
    const host = parsed(urls.graphql)?.host ?? urls.graphql;
    const why = (e.message ?? '').replace(/^request to .* failed, reason: /, '') || 'no answer';
    return new OperationalError(
      `${what}: could not connect to ${host} (${why}), after retries`,
      'check the network, and GITHUB_API_URL or GH_HOST if set; GitHub may be down',
    );
  }
  if (typeof e?.status === 'number' && e.status >= 500) {
    return new OperationalError(
      `${what}: GitHub answered ${e.status}, after retries`,
      'GitHub may be down or unreachable: try again later',
    );
  }
  if (error instanceof UsageError || error instanceof AuthError || error instanceof NotFoundError || error instanceof OperationalError)
    return error;
  return new OperationalError(`${what}: ${e?.message ?? String(error)}`, 'try again; run with --verbose for details');
}
