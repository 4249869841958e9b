import type { GraphQLSchema } from 'graphql';
export function githubSchema(): GraphQLSchema;
