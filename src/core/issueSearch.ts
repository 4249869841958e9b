/**
 * `promote --search`: "search the product development issues to see if this
 * is a known issue" (docs/process.md). GitHub's issue search matches every
 * word it is given, so a whole title ("How do I …") rarely finds anything:
 * the search keeps the words that carry meaning and, when nothing matches,
 * tries again with fewer of them.
 */

/** Words that tell a search nothing, in the questions users ask. */
const STOP = new Set(
  `a an and are as at be but by can cannot could do does doing don't for from get gets getting has have how i i'm if in into is it
  it's its me my no not of on or our please should so some than that the their them then there these this those to trying
  use using via was we what when where which while who why will with without would you your visit help question issue problem
  error errors work works working doesn't isn't won't can't`.split(/\s+/),
);

/** The meaningful words of a title or of words given, in order, each once, without search syntax. */
export function searchWords(text: string): string[] {
  const words = text
    .toLowerCase()
    // Search qualifiers and operators typed by a user are words here, not syntax.
    .replace(/[":()[\]{}<>!?,;*`~|\\^=+]/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[-'.#/]+|[-'.#/]+$/g, ''))
    .filter((w) => w.length >= 2 && !STOP.has(w) && !/^(and|or|not)$/i.test(w));
  return [...new Set(words)];
}

/** How many words a search takes: more would cost more requests and rarely help. */
const MOST_WORDS = 6;

/**
 * The searches to try: first every meaningful word at once (at most six,
 * GitHub's best match); when that finds nothing, one search per word, whose
 * results `rankByWords` combines. Every query is limited to the open issues
 * of the product repository.
 */
export function issueSearchQueries(product: string, words: readonly string[]): { all: string; each: string[] } {
  const base = `repo:${product} is:issue is:open`;
  const used = words.slice(0, MOST_WORDS);
  return { all: used.length ? `${base} ${used.join(' ')}` : base, each: used.length > 1 ? used.map((w) => `${base} ${w}`) : [] };
}

/**
 * The issues found by the one-word searches, by how many of the words each
 * matched (then by its best rank in any search); an issue must match at
 * least two words, so one common word ("crash") brings in nothing alone.
 */
export function rankByWords<T extends { number: number }>(perWord: ReadonlyArray<readonly T[]>, limit = 20): T[] {
  const seen = new Map<number, { issue: T; words: number; rank: number }>();
  perWord.forEach((issues) =>
    issues.forEach((issue, rank) => {
      const had = seen.get(issue.number);
      seen.set(issue.number, { issue, words: (had?.words ?? 0) + 1, rank: Math.min(had?.rank ?? rank, rank) });
    }),
  );
  return [...seen.values()]
    .filter((x) => x.words >= 2)
    .sort((a, b) => b.words - a.words || a.rank - b.rank || a.issue.number - b.issue.number)
    .slice(0, limit)
    .map((x) => x.issue);
}
