// GitHub's node limit, as its GraphQL documentation computes it: every
// connection asks for up to `first` (or `last`) nodes for each node of every
// connection above it; the sum over all connections may not exceed 500,000.
import { Kind } from 'graphql';

export const MAX_NODES = 500_000;

/**
 * The possible nodes a document asks for, with `variables` giving the values
 * of `$var` page sizes (a default in the operation applies when one is absent).
 * Throws when a page size is neither a literal nor a known variable.
 */
export function countNodes(document, variables = {}, operationName) {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!op) return 0;
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const defaults = new Map(
    (op.variableDefinitions ?? []).filter((v) => v.defaultValue).map((v) => [v.variable.name.value, v.defaultValue]),
  );
  const value = (node, field) => {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (variables[name] != null) return Number(variables[name]);
      const d = defaults.get(name);
      if (d?.kind === Kind.INT) return Number(d.value);
      throw new Error(`the page size of "${field}" is $${name}, which has no value`);
    }
    throw new Error(`the page size of "${field}" is not an integer`);
  };
  let total = 0;
  const walk = (selectionSet, multiplier) => {
    for (const sel of selectionSet?.selections ?? []) {
      if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, multiplier);
      else if (sel.kind === Kind.FRAGMENT_SPREAD) walk(fragments.get(sel.name.value)?.selectionSet, multiplier);
      else {
        const size = (sel.arguments ?? []).find((a) => a.name.value === 'first' || a.name.value === 'last');
        if (size) {
          const inner = multiplier * value(size.value, sel.name.value);
          total += inner;
          walk(sel.selectionSet, inner);
        } else walk(sel.selectionSet, multiplier);
      }
    }
  };
  walk(op.selectionSet, 1);
  return total;
}
