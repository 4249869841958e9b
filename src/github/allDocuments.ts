import * as documents from './documents.js';

/** Exported strings that are pieces of documents, not documents. */
export const FRAGMENTS = new Set(['DISCUSSION_HEAD']);

/**
 * Every operation `documents.ts` exports, by operation name. Built from the
 * module's exports, so a new document cannot escape the schema test.
 */
export const ALL_DOCUMENTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(documents)
    .filter(([key, value]) => typeof value === 'string' && !FRAGMENTS.has(key))
    .map(([key, value]) => [/^\s*(?:query|mutation)\s+(\w+)/.exec(value)?.[1] ?? key, value]),
);
