import type { Store } from './store.d.mts';
export function makeResolvers(
  store: Store,
  clock: () => string,
): {
  Mutation: Record<string, (source: unknown, args: { input: Record<string, unknown> }) => any>;
  Query: Record<string, (source: unknown, args: Record<string, unknown>) => any>;
};
