// GitHub's published GraphQL schema, built once per process. The shipped SDL
// defines one field twice, so buildSchema() on it throws: build from the
// introspection JSON instead.
import { buildClientSchema } from 'graphql';
import { schema as published } from '@octokit/graphql-schema';

let built;
export function githubSchema() {
  built ??= buildClientSchema(published.json.data ?? published.json);
  return built;
}
