import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { githubSchema } from '../support/standin/schema.mjs';
import { countNodes, countRequests, MAX_NODES, pointCost } from '../support/standin/nodeLimit.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { scenario } from '../support/scenario.js';
import * as documents from '../../src/github/documents.js';
import { ALL_DOCUMENTS, FRAGMENTS } from '../../src/github/allDocuments.js';
import { PAGE_SIZE, WINDOW_COMMENTS, WINDOW_REPLIES } from '../../src/github/tracker.js';
import { createClient } from '../../src/github/client.js';

/** The values the tracker sends for the page sizes it passes as variables. */
const PAGE_SIZES = { pageSize: PAGE_SIZE, comments: WINDOW_COMMENTS, replies: WINDOW_REPLIES };

describe('every GraphQL document the tool sends', () => {
  const schema = githubSchema();

  it('is in ALL_DOCUMENTS: every string the module exports but the listed fragments', () => {
    const exported = Object.entries(documents).filter(([key, value]) => typeof value === 'string' && !FRAGMENTS.has(key));
    expect(exported.length).toBeGreaterThanOrEqual(21);
    expect(Object.values(ALL_DOCUMENTS).sort()).toEqual(exported.map(([, v]) => v).sort());
  });

  it.each(Object.entries(ALL_DOCUMENTS))("%s is valid against GitHub's published schema and named after its key", (name, text) => {
    const doc = parse(text);
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
    const ops = doc.definitions.filter((d) => d.kind === 'OperationDefinition');
    expect(ops).toHaveLength(1);
    expect((ops[0] as { name?: { value: string } }).name?.value).toBe(name);
  });

  it.each(Object.entries(ALL_DOCUMENTS))("%s stays far below GitHub's limit of 500,000 possible nodes", (_name, text) => {
    expect(countNodes(parse(text), PAGE_SIZES)).toBeLessThanOrEqual(MAX_NODES / 10);
  });

  it('the schema check can fail: a made-up field is rejected', () => {
    const errors = validate(
      schema,
      parse('query Bad { repository(owner: "a", name: "b") { discussions(first: 1) { nodes { assignees { totalCount } } } } }'),
    );
    expect(errors.map((e) => e.message).join()).toMatch(/Cannot query field "assignees" on type "Discussion"/);
  });
});

const TOO_MANY = `query TooMany($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    discussions(first: 100) { nodes { comments(first: 100) { nodes { replies(first: 100) { nodes { id } } } } } }
  }
}`;

describe('the node count, as GitHub documents it', () => {
  it('sums each connection times the connections above it', () => {
    // 50 repositories, 20 pull requests each, 10 comments each, and 5 issues each
    const doc = parse(
      'query { viewer { repositories(first: 50) { nodes { pullRequests(first: 20) { nodes { comments(first: 10) { nodes { id } } } } issues(first: 5) { nodes { id } } } } } }',
    );
    expect(countNodes(doc)).toBe(50 + 50 * 20 + 50 * 20 * 10 + 50 * 5);
    expect(countNodes(parse(TOO_MANY))).toBe(1_010_100);
  });

  it('reads page sizes from variables and their defaults, and names one that has no value', () => {
    const doc = parse(
      'query Q($n: Int!, $m: Int = 7) { viewer { repositories(first: $n) { nodes { issues(last: $m) { nodes { id } } } } } }',
    );
    expect(countNodes(doc, { n: 3 })).toBe(3 + 21);
    expect(() => countNodes(doc, {})).toThrow(/\$n, which has no value/);
  });

  it('costs points as GitHub publishes: requests per connection, summed, over 100, rounded, at least 1', () => {
    // GitHub's own example: 100 repositories, 50 issues each, 60 labels each: 1 + 100 + 5,000 requests, 51 points.
    const example = parse(
      'query { viewer { login repositories(first: 100) { edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }',
    );
    expect([countRequests(example), pointCost(example)]).toEqual([5101, 51]);
    // The warning: an empty search of 100 with comments(first: 30) { replies(first: 10) } still costs 31.
    const empty = parse(
      'query { search(query: "x", type: DISCUSSION, first: 100) { nodes { ... on Discussion { comments(first: 30) { nodes { replies(first: 10) { totalCount } } } } } } }',
    );
    expect(pointCost(empty)).toBe(31);
    expect(pointCost(parse('query { viewer { login } }'))).toBe(1);
    // A list by ids resolves its connections once per id.
    const byIds = parse(
      'query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on Discussion { comments(last: 20) { nodes { replies(last: 10) { totalCount } } } } } }',
    );
    expect(countRequests(byIds, { ids: ['a', 'b', 'c'] })).toBe(3 + 3 * 20);
  });

  it('the stand-in refuses a query over the limit, as GitHub does, and runs nothing', async () => {
    const standin = await startStandin(scenario([]));
    try {
      const client = await createClient({
        env: { GH_TOKEN: 'test-token', GITHUB_API_URL: standin.url },
        fetch,
        ghAuthToken: async () => undefined,
        retryBaseMs: 1,
      });
      const error = (await client.octokit.graphql(TOO_MANY, { owner: 'visit-dav', name: 'visit' }).catch((e: unknown) => e)) as {
        errors?: Array<{ type: string; message: string }>;
      };
      expect(error.errors).toEqual([
        {
          type: 'MAX_NODE_LIMIT_EXCEEDED',
          message: 'This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.',
        },
      ]);
      expect(standin.log.map((e) => e.refused)).toEqual(['MAX_NODE_LIMIT_EXCEEDED']);
    } finally {
      await standin.close();
    }
  });
});
