import { describe, expect, it } from 'vitest';
import { issueSearchQueries, rankByWords, searchWords } from '../../src/core/issueSearch.js';

describe('searchWords', () => {
  it.each([
    ['Silo reader crashes on NaN fill values', ['silo', 'reader', 'crashes', 'nan', 'fill', 'values']],
    ['How do I use the Python CLI?', ['python', 'cli']],
    ['VisIt 3.4.1: "label:bug" in:title OR crash (again)', ['3.4.1', 'label', 'bug', 'title', 'crash', 'again']],
    ['crash, crash, CRASH!', ['crash']],
    ['How do I?', []],
  ])('%j → %j', (title, words) => {
    expect(searchWords(title)).toEqual(words);
  });
});

describe('issueSearchQueries', () => {
  it('every word at once (six at most), then one search per word', () => {
    const q = issueSearchQueries('o/n', ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7']);
    expect(q.all).toBe('repo:o/n is:issue is:open a1 b2 c3 d4 e5 f6');
    expect(q.each).toEqual(['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map((w) => `repo:o/n is:issue is:open ${w}`));
  });
  it('one word: a single search; none: the open issues', () => {
    expect(issueSearchQueries('o/n', ['silo'])).toEqual({ all: 'repo:o/n is:issue is:open silo', each: [] });
    expect(issueSearchQueries('o/n', [])).toEqual({ all: 'repo:o/n is:issue is:open', each: [] });
  });
});

describe('rankByWords', () => {
  const i = (number: number) => ({ number });
  it('most shared words first, then the best rank; one word alone is not enough', () => {
    const ranked = rankByWords([[i(1), i(2), i(3)], [i(3), i(2)], [i(4), i(3)], [i(5)]]);
    expect(ranked.map((x) => x.number)).toEqual([3, 2]);
  });
});
