// GitHub's two static measures of a document, as its GraphQL documentation
// computes them (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api):
// - the node limit: every connection asks for up to `first` (or `last`) nodes
//   for each node of every connection above it; the sum may not exceed 500,000;
// - the rate-limit cost: each connection needs one request for each node of the
//   connections above it (every request assumed to reach its page size); the
//   sum of requests over all connections, divided by 100 and rounded, is the
//   cost in points, at least 1.
// A list fetched by ids (`nodes(ids: [...])`) resolves what it holds once per id.
import { Kind } from 'graphql';

export const MAX_NODES = 500_000;

function walkConnections(document, variables, operationName, visit) {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!op) return;
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const defaults = new Map(
    (op.variableDefinitions ?? []).filter((v) => v.defaultValue).map((v) => [v.variable.name.value, v.defaultValue]),
  );
  const resolve = (node) => {
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (variables[name] != null) return variables[name];
      const d = defaults.get(name);
      return d ? resolve(d) : undefined;
    }
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.LIST) return node.values.map(resolve);
    return undefined;
  };
  const value = (node, field) => {
    const v = resolve(node);
    if (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) return Number(v);
    if (node.kind === Kind.VARIABLE) throw new Error(`the page size of "${field}" is $${node.name.value}, which has no value`);
    throw new Error(`the page size of "${field}" is not an integer`);
  };
  const walk = (selectionSet, parents) => {
    for (const sel of selectionSet?.selections ?? []) {
      if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, parents);
      else if (sel.kind === Kind.FRAGMENT_SPREAD) walk(fragments.get(sel.name.value)?.selectionSet, parents);
      else {
        const args = sel.arguments ?? [];
        const size = args.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const ids = sel.name.value === 'nodes' ? args.find((a) => a.name.value === 'ids') : undefined;
        if (size) {
          const page = value(size.value, sel.name.value);
          visit(parents, page);
          walk(sel.selectionSet, parents * page);
        } else if (ids) {
          const list = resolve(ids.value);
          walk(sel.selectionSet, parents * (Array.isArray(list) ? list.length : 1));
        } else walk(sel.selectionSet, parents);
      }
    }
  };
  walk(op.selectionSet, 1);
}

/**
 * The possible nodes a document asks for, with `variables` giving the values
 * of `$var` page sizes (a default in the operation applies when one is absent).
 * Throws when a page size is neither a literal nor a known variable.
 */
export function countNodes(document, variables = {}, operationName) {
  let total = 0;
  walkConnections(document, variables, operationName, (parents, page) => {
    total += parents * page;
  });
  return total;
}

/** The requests GitHub counts for a document: one per connection for each node of the connections above it. */
export function countRequests(document, variables = {}, operationName) {
  let total = 0;
  walkConnections(document, variables, operationName, (parents) => {
    total += parents;
  });
  return total;
}

/** The points one call of the document costs against the hourly limit: requests / 100, rounded, at least 1. */
export function pointCost(document, variables = {}, operationName) {
  return Math.max(1, Math.round(countRequests(document, variables, operationName) / 100));
}
