import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/deps.js';

/**
 * "1 business hours", "1 inquiries": a count written straight before a plural
 * noun is wrong once the count is 1. Counts go through `plural` (src/core/words.ts);
 * this reads every source file for a `${…}` followed by one of those nouns.
 */
const NOUNS =
  'business hours|business days|hours|days|weeks|minutes|inquiries|discussions|comments|messages|members|events|shifts|requests|points|notifications|issues|calls';
const COUNT_BEFORE_PLURAL = new RegExp(`\\$\\{([^{}]|\\{[^{}]*\\})*\\} (${NOUNS})\\b`, 'g');
/** Not counts (a role, a list of logins), or counts that are never 1: a constant, and what only passes GitHub's search cap. */
const ALWAYS_MANY = [
  /^\$\{HOLIDAYS_WARN_DAYS\} days$/,
  /^\$\{count\} discussions$/,
  /^\$\{page\.search\.discussionCount\} discussions$/,
  /^\$\{Math\.round\(hours \/ 24\)\} days$/,
  /^\$\{role\} shifts$/,
  /^\$\{lastTo\.map\(.*\)\} minutes$/,
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Each `${count} nouns` left in a file's text, as "file:line: match". */
export function pluralMistakes(file: string, text: string): string[] {
  return [...text.matchAll(COUNT_BEFORE_PLURAL)]
    .filter((m) => !ALWAYS_MANY.some((ok) => ok.test(m[0])))
    .map((m) => `${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
}

describe('counts say their noun in the right number', () => {
  it('the rule catches what it is for', () => {
    // Source text as the rule reads it: `$` and `{` apart, so that these are plain strings here.
    const src = (t: string) => t.replaceAll('$(', '$' + '{').replaceAll(')$', '}');
    expect(pluralMistakes('x.ts', src('const s = `after $(n)$ business hours`;\nconst t = `$(list.length)$ inquiries`;'))).toEqual([
      src('x.ts:1: $(n)$ business hours'),
      src('x.ts:2: $(list.length)$ inquiries'),
    ]);
    expect(pluralMistakes('x.ts', src("`after $(plural(n, 'business hour'))$`"))).toEqual([]);
  });

  it('no source writes a count straight before a plural noun: it uses plural()', () => {
    const found = sources(path.join(REPO_ROOT, 'src')).flatMap((f) =>
      pluralMistakes(path.relative(REPO_ROOT, f), fs.readFileSync(f, 'utf8')),
    );
    expect(found).toEqual([]);
  });
});
