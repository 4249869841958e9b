import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { githubSchema } from '../support/standin/schema.mjs';
import { ALL_DOCUMENTS } from '../../src/github/documents.js';

describe('every GraphQL document the tool sends', () => {
  const schema = githubSchema();

  it.each(Object.entries(ALL_DOCUMENTS))('%s is valid against GitHub\'s published schema and named after its key', (name, text) => {
    const doc = parse(text);
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
    const ops = doc.definitions.filter((d) => d.kind === 'OperationDefinition');
    expect(ops).toHaveLength(1);
    expect((ops[0] as { name?: { value: string } }).name?.value).toBe(name);
  });

  it('the schema check can fail: a made-up field is rejected', () => {
    const errors = validate(schema, parse('query Bad { repository(owner: "a", name: "b") { discussions(first: 1) { nodes { assignees { totalCount } } } } }'));
    expect(errors.map((e) => e.message).join()).toMatch(/Cannot query field "assignees" on type "Discussion"/);
  });
});
