// The GitHub stand-in: a loopback HTTP server that executes GitHub's published
// GraphQL schema against an in-memory store. Any document the real API would
// reject is rejected here too (HTTP 200 with `errors`), a bad token gets 401,
// and faults can be injected: latency, 5xx, secondary rate limits with
// retry-after, dropped connections, stalled requests and a token revoked part-way.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { execute, parse, validate, getOperationAST } from 'graphql';
import { githubSchema } from './schema.mjs';
import { makeResolvers } from './resolvers.mjs';
import { Store } from './store.mjs';
import { countNodes, MAX_NODES, pointCost } from './nodeLimit.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function formatError(e) {
  const out = { message: e.message };
  if (e.extensions?.type) out.type = e.extensions.type;
  if (e.path) out.path = e.path;
  if (e.locations) out.locations = e.locations;
  return out;
}

/**
 * @param {object|string} scenario  scenario object, or a path to its JSON file
 * @param {{ latencyMs?: number, writeLatencyMs?: number, now?: () => string, port?: number }} [options]
 */
export async function startStandin(scenario, options = {}) {
  const spec = typeof scenario === 'string' ? JSON.parse(readFileSync(scenario, 'utf8')) : scenario;
  const store = new Store(spec);
  store.requestCount = 0;
  const defaultViewer = store.viewerLogin;
  let fixedNow = null;
  const clock = () => fixedNow ?? (options.now ? options.now() : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const resolvers = makeResolvers(store, clock);
  const schema = githubSchema();
  const log = [];
  const faults = [];
  const stallListeners = [];
  // The tool sends the same few documents over and over: parse and validate each text once.
  const documents = new Map();
  const state = { latencyMs: options.latencyMs ?? 0, writeLatencyMs: options.writeLatencyMs ?? 0 };

  const fieldResolver = (source, args, ctx, info) => {
    const r = resolvers[info.parentType.name]?.[info.fieldName];
    if (r) return r(source, args, ctx, info);
    return source?.[info.fieldName];
  };
  const typeResolver = (value) => value?.__typename;

  function takeFault(kind) {
    const i = faults.findIndex((f) => !f.when || f.when === kind || f.when === 'any');
    if (i < 0) return undefined;
    const f = faults[i];
    if (--f.times <= 0) faults.splice(i, 1);
    return f;
  }

  function send(res, status, body, headers = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 4999 - store.requestCount)),
      'x-ratelimit-reset': '4102444800',
      ...headers,
    });
    res.end(text);
  }

  async function handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const entry = { at: Date.now(), method: req.method, path: req.url, operationName: null, kind: null, status: 0, variables: null };
    log.push(entry);
    if (state.latencyMs) await sleep(state.latencyMs);

    if (!/\/graphql$/.test(req.url.split('?')[0])) {
      entry.status = 404;
      return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      entry.status = 400;
      return send(res, 400, { message: 'Problems parsing JSON' });
    }
    let document = documents.get(body.query)?.document;
    if (!document) {
      try {
        document = parse(body.query ?? '');
      } catch (e) {
        entry.status = 200;
        return send(res, 200, { errors: [{ message: e.message, locations: e.locations }] });
      }
    }
    const op = getOperationAST(document, body.operationName);
    entry.operationName = op?.name?.value ?? null;
    entry.kind = op?.operation ?? null;
    entry.variables = body.variables ?? {};

    // Writes that take a while, as GitHub's do: the window in which racing runs overlap.
    if (entry.kind === 'mutation' && state.writeLatencyMs) await sleep(state.writeLatencyMs);
    const fault = takeFault(entry.kind);
    if (fault) {
      entry.fault = fault.type;
      if (fault.type === 'stall') {
        // Never answers: the request hangs until the client gives up (or `ms` pass).
        entry.status = 'stalled';
        for (const listener of stallListeners) queueMicrotask(() => listener(entry));
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, fault.ms ?? 600_000);
          req.socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        req.socket.destroy();
        return;
      }
      if (fault.type === 'drop') {
        entry.status = 'dropped';
        req.socket.destroy();
        return;
      }
      if (fault.type === 'status') {
        entry.status = fault.status;
        return send(res, fault.status, { message: 'Server Error' });
      }
      if (fault.type === 'secondary') {
        entry.status = 403;
        return send(
          res,
          403,
          {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          },
          { 'retry-after': String(fault.retryAfter ?? 1) },
        );
      }
      if (fault.type === 'revoke') store.token = null;
    }

    const auth = req.headers.authorization ?? '';
    const token = auth.replace(/^(token|bearer)\s+/i, '');
    // Other team members' tokens (scenario `tokens`: token -> login) act as those people, as a second machine would.
    const as = store.token && token === store.token ? defaultViewer : store.tokens[token];
    if (!as) {
      entry.status = 401;
      return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
    }
    store.requestCount++;
    // The resolvers run synchronously inside execute(), so the request's viewer cannot leak into another's.
    store.viewerLogin = as;
    let known = documents.get(body.query);
    if (!known) documents.set(body.query, (known = { document, errors: validate(schema, document) }));
    const errors = known.errors;
    if (errors.length) {
      entry.status = 200;
      entry.invalid = true;
      return send(res, 200, { errors: errors.map(formatError) });
    }
    // What GitHub charges for the call against the hourly limit, by its published formula.
    try {
      entry.cost = pointCost(document, body.variables ?? {}, body.operationName);
    } catch {
      entry.cost = 1;
    }
    // GitHub refuses, before running it, a query that could ask for too many nodes.
    let nodes = 0;
    try {
      nodes = countNodes(document, body.variables ?? {}, body.operationName);
    } catch {
      nodes = 0; // a page size without a value: execution reports it, as GitHub does
    }
    if (nodes > MAX_NODES) {
      entry.status = 200;
      entry.refused = 'MAX_NODE_LIMIT_EXCEEDED';
      return send(res, 200, {
        errors: [
          {
            type: 'MAX_NODE_LIMIT_EXCEEDED',
            message: `This query requests up to ${nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
          },
        ],
      });
    }
    const result = await execute({
      schema,
      document,
      variableValues: body.variables ?? {},
      operationName: body.operationName,
      fieldResolver,
      typeResolver,
      rootValue: {},
      contextValue: { cost: entry.cost },
    });
    entry.status = 200;
    if (fault?.type === 'lose') {
      // Applied, but the answer never arrives: the hard case for "exactly once".
      entry.status = 'lost';
      req.socket.destroy();
      return;
    }
    const out = { data: result.data ?? null };
    if (result.errors?.length) out.errors = result.errors.map(formatError);
    if (fault?.type === 'partial') {
      // Part of the answer is missing, as when GitHub times out on one field.
      out.errors = [
        ...(out.errors ?? []),
        { type: 'SERVICE_UNAVAILABLE', message: 'Something went wrong while fetching part of this query.', path: ['repository'] },
      ];
    }
    send(res, 200, out);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, 500, { message: String(e?.message ?? e) });
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    store,
    log,
    token: store.token,
    /** Queue a fault for the next matching request(s): { type: 'status'|'secondary'|'drop'|'stall'|'lose'|'revoke'|'partial', status?, retryAfter?, ms?, times?, when?: 'query'|'mutation' } */
    inject(fault) {
      faults.push({ times: 1, ...fault });
    },
    /** The time stamped on what mutations create, to match the tool's VISIT_SRE_NOW. */
    setClock(iso) {
      fixedNow = iso;
    },
    /** Calls `listener` each time a request stalls, so a test's own clock can fire the client's timeout at once. */
    onStall(listener) {
      stallListeners.push(listener);
    },
    setLatency(ms) {
      state.latencyMs = ms;
    },
    setWriteLatency(ms) {
      state.writeLatencyMs = ms;
    },
    graphqlRequests() {
      return log.filter((e) => e.operationName !== null || e.kind !== null);
    },
    /** The points the GraphQL calls logged since `from` (an index into the log) cost, by GitHub's formula. */
    points(from = 0) {
      return log.slice(from).reduce((sum, e) => sum + (e.status === 200 || e.status === 'lost' ? (e.cost ?? 0) : 0), 0);
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
