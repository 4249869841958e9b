import type { Context } from '../../shell/context.js';
import { terminalText } from '../../core/userText.js';
import type { Discussion } from '../../core/conversation.js';
import { parseDeskThread } from '../../core/config.js';
import { issueSearchQueries, rankByWords, searchWords } from '../../core/issueSearch.js';
import type { GitHubPort, IssueRef } from '../../github/port.js';
import { withSpinner, writeJson } from '../../shell/output.js';
import { truncate } from '../../shell/terminal.js';

export type Candidate = IssueRef & { labels: string[] };
export interface Found {
  /** the searches sent, in order: every word at once, then (when that found nothing) one per word */
  queries: string[];
  total: number;
  candidates: Candidate[];
}

/** Searches the open issues of the product repository, fewer words at a time until something matches. */
export async function searchKnown(ctx: Context, gh: GitHubPort, d: Discussion, product: string, given: readonly string[]): Promise<Found> {
  const words = searchWords(given.length ? given.join(' ') : d.title);
  // The desk thread may be an open issue of the same repository: it is never "the known issue".
  const desk = ctx.loaded.config.desk.thread ? parseDeskThread(ctx.loaded.config.desk.thread) : null;
  const isDesk = (i: Candidate) =>
    desk !== null && `${desk.owner}/${desk.name}`.toLowerCase() === product.toLowerCase() && i.number === desk.number;
  const queries = issueSearchQueries(product, words);
  const search = async (query: string) => {
    const r = await withSpinner(
      ctx.deps,
      !ctx.out.json,
      `searching ${product}: ${query.split(' ').slice(3).join(' ') || 'open issues'}`,
      () => gh.searchIssues(query),
    );
    const issues = r.issues.filter((i) => !isDesk(i));
    return { total: r.total - (r.issues.length - issues.length), issues };
  };
  const all = await search(queries.all);
  let found: Found = { queries: [queries.all], total: all.total, candidates: all.issues };
  if (found.candidates.length === 0 && queries.each.length) {
    // Nothing has every word: the issues that share the most of them, word by word.
    const perWord = [];
    for (const q of queries.each) perWord.push((await search(q)).issues);
    const candidates = rankByWords(perWord);
    found = { queries: [queries.all, ...queries.each], total: candidates.length, candidates };
  }
  return found;
}

/** The candidates as the user sees them: JSON, a numbered list on a terminal, or tab-separated rows. */
export function showCandidates(ctx: Context, found: Found): void {
  if (ctx.out.json) return writeJson(ctx.deps.stdout, found);
  const out = ctx.deps.stdout;
  if (!ctx.out.tty) {
    for (const c of found.candidates) out.write(`${c.number}\t${terminalText(c.title)}\t${c.url}\n`);
    return;
  }
  const p = ctx.paint;
  out.write(
    `${p.dim(found.queries[0]!)}${found.queries.length > 1 ? p.dim(' (nothing has every word: the issues that share the most)') : ''}\n`,
  );
  if (found.candidates.length === 0) return void out.write('No open issue matches.\n');
  const width = (ctx.deps.stdout as { columns?: number }).columns ?? 100;
  for (const c of found.candidates)
    out.write(
      `  ${p.bold(`#${c.number}`)} ${truncate(terminalText(c.title), width - 12)}${c.labels.length ? p.dim(` [${terminalText(c.labels.join(', '))}]`) : ''}\n      ${p.dim(c.url)}\n`,
    );
  if (found.total > found.candidates.length) out.write(p.dim(`  …and ${found.total - found.candidates.length} more on GitHub\n`));
}

/** On a terminal: add to one of the candidates, create a new issue, or stop. */
export async function chooseCandidate(ctx: Context, d: Discussion, found: Found): Promise<{ known: number } | { create: true } | null> {
  const choice = await (await ctx.deps.prompter()).select(
    `Is #${d.number} a known issue?`,
    [
      ...found.candidates.map((c) => ({ value: String(c.number), name: `Add to #${c.number} ${truncate(c.title, 60)}` })),
      { value: 'new', name: 'No: create a new issue' },
      { value: 'stop', name: 'Neither: stop here' },
    ],
    found.candidates.length ? String(found.candidates[0]!.number) : 'new',
  );
  if (choice === 'stop') return null;
  return choice === 'new' ? { create: true } : { known: Number(choice) };
}
