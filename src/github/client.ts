import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import { retry } from '@octokit/plugin-retry';
import { paginateGraphQL } from '@octokit/plugin-paginate-graphql';
import Bottleneck from 'bottleneck/light.js';
import { AuthError, NotFoundError, OperationalError, RefusedError, UsageError } from '../core/errors.js';

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
  version?: string;
}

export interface Endpoints {
  rest: string;
  graphql: string;
  /** where the token came from, to name in errors */
  tokenSource: string;
}

/** REST and GraphQL URLs from GITHUB_API_URL, GITHUB_GRAPHQL_URL and GH_HOST (SPEC §3). */
export function endpoints(env: Readonly<Record<string, string | undefined>>): Omit<Endpoints, 'tokenSource'> {
  const trim = (u: string) => u.replace(/\/+$/, '');
  let rest = 'https://api.github.com';
  if (env.GITHUB_API_URL) rest = trim(env.GITHUB_API_URL);
  else if (env.GH_HOST && env.GH_HOST !== 'github.com') rest = `https://${env.GH_HOST}/api/v3`;
  let graphql: string;
  if (env.GITHUB_GRAPHQL_URL) graphql = trim(env.GITHUB_GRAPHQL_URL);
  else if (/\/api\/v3$/.test(rest)) graphql = rest.replace(/\/api\/v3$/, '/api/graphql');
  else graphql = `${rest}/graphql`;
  return { rest, graphql };
}

export async function findToken(opts: ClientOptions): Promise<{ token: string; source: string }> {
  if (opts.env.GH_TOKEN) return { token: opts.env.GH_TOKEN, source: 'GH_TOKEN' };
  if (opts.env.GITHUB_TOKEN) return { token: opts.env.GITHUB_TOKEN, source: 'GITHUB_TOKEN' };
  const fromGh = await opts.ghAuthToken();
  if (fromGh) return { token: fromGh, source: '`gh auth token`' };
  throw new AuthError('no GitHub token', 'set GH_TOKEN (or GITHUB_TOKEN) to a token with discussions access, or run `gh auth login`');
}

export interface Client {
  octokit: GitHubClient;
  endpoints: Endpoints;
  /** GraphQL requests sent, retries included */
  requests(): number;
}

export async function createClient(opts: ClientOptions): Promise<Client> {
  const { token, source } = await findToken(opts);
  const urls = endpoints(opts.env);
  const base = opts.retryBaseMs ?? 1000;
  let requests = 0;
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
    // GraphQL goes where SPEC §3 says, which may differ from Octokit's own guess from baseUrl.
    if (options.url === '/graphql' || options.url === '/api/graphql') options.url = urls.graphql;
    const started = performance.now();
    if (String(options.url).includes('graphql')) requests++;
    try {
      const res = await request(options);
      log?.(`github: ${options.method} ${options.url} ${res.status} ${(performance.now() - started).toFixed(0)} ms`);
      return res;
    } catch (e) {
      log?.(`github: ${options.method} ${options.url} failed (${(e as { status?: number }).status ?? (e as Error).message}) ${(performance.now() - started).toFixed(0)} ms`);
      throw e;
    }
  });
  return { octokit, endpoints: { ...urls, tokenSource: source }, requests: () => requests };
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
export function translateError(error: unknown, what: string, urls: Endpoints): Error {
  const e = error as { name?: string; status?: number; message?: string; errors?: GraphqlErrorShape[]; response?: { data?: { message?: string } }; cause?: { code?: string } };
  if (e?.name === 'GraphqlResponseError' && Array.isArray(e.errors)) {
    const first = e.errors[0] ?? {};
    if (first.type === 'NOT_FOUND') return new NotFoundError(`${what}: ${first.message ?? 'not found'}`, 'check the name in the config, and that the token can see it');
    if (first.type === 'FORBIDDEN' && /lock/i.test(first.message ?? '')) return new RefusedError(`${what}: ${first.message}`, 'GitHub refuses this one discussion; unlock it, or leave it out');
    if (first.type === 'UNPROCESSABLE') return new RefusedError(`${what}: ${first.message ?? 'unprocessable'}`, 'GitHub refuses this change to this one item');
    if (first.type === 'FORBIDDEN' || first.type === 'INSUFFICIENT_SCOPES') {
      return new AuthError(`${what}: ${first.message ?? 'forbidden'}`, `the token from ${urls.tokenSource} lacks a permission: give it read and write access to discussions and issues`);
    }
    return new OperationalError(`${what}: GitHub answered with errors: ${e.errors.map((x) => x.message).join('; ')}`, 'nothing was assumed from the partial answer; try again, or report the query with --verbose');
  }
  if (e?.status === 401) return new AuthError(`GitHub rejected the token from ${urls.tokenSource} (401 Bad credentials)`, `set ${urls.tokenSource.startsWith('GH') || urls.tokenSource.startsWith('GITHUB') ? urls.tokenSource : 'GH_TOKEN'} to a valid token, or run \`gh auth login\``);
  if (e?.status === 403 || e?.status === 429) {
    const message = e.response?.data?.message ?? e.message ?? '';
    if (/rate limit/i.test(message)) return new OperationalError(`${what}: GitHub's rate limit held after retries (${message})`, 'wait a few minutes and run the command again');
    return new AuthError(`${what}: GitHub refused (403 ${message})`, `the token from ${urls.tokenSource} lacks a permission`);
  }
  if (e?.status === 404) return new NotFoundError(`${what}: not found (404)`, 'check the repository in the config');
  if (typeof e?.status === 'number' && e.status >= 500) {
    const cause = /fetch failed|ECONN|socket|network/i.test(e.message ?? '') ? `cannot reach ${urls.graphql} (${e.message})` : `GitHub answered ${e.status}`;
    return new OperationalError(`${what}: ${cause}, after retries`, 'GitHub may be down or unreachable: try again later');
  }
  if (error instanceof UsageError || error instanceof AuthError || error instanceof NotFoundError || error instanceof OperationalError) return error;
  return new OperationalError(`${what}: ${e?.message ?? String(error)}`, 'try again; run with --verbose for details');
}
