import type { Context } from '../context.js';
import type { Discussion } from '../../core/conversation.js';
import { isTeam, teamRule } from '../../core/conversation.js';
import { OperationalError, UsageError, VisitSreError } from '../../core/errors.js';
import type { GitHubPort, IssueRef, RepoRef } from '../../github/port.js';
import { parseRepo } from '../../github/port.js';
import { parseMarker } from '../../core/markers.js';
import { github } from '../inquiries.js';
import type { Action, WriterFlags } from '../writers.js';
import { failed, postOnce } from '../writers.js';
import { confirmOutOfScope, effortMinutes, failureReason, markersOf, parseNumber, report, withMarker } from '../writers.js';

export interface PromoteOptions extends WriterFlags {
  repo?: string;
  title?: string;
  known?: string;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function clean(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** The issue body: the question, the user, what was tried, and the links back. */
export function summarise(d: Discussion, team: ReturnType<typeof teamRule>): string {
  const post = d.messages.find((m) => m.kind === 'post')!;
  const question = clean(post.body).split('\n').slice(0, 20).map((l) => `> ${l}`).join('\n');
  const tried = d.messages
    .filter((m) => m.kind !== 'post' && !m.hidden && isTeam(m, team) && !parseMarker(m.body))
    .map((m) => `- @${m.author}: ${clean(m.body).replace(/\s+/g, ' ').slice(0, 200)} ([link](${m.url}))`);
  return [
    `Promoted from the support discussion ${d.url} (#${d.number}, asked by @${post.author ?? 'ghost'}).`,
    '',
    '### The question',
    '',
    question || '> (empty)',
    '',
    '### What was tried',
    '',
    tried.length ? tried.join('\n') : '_Nothing yet._',
    '',
    `### Links`,
    '',
    `- Discussion: ${d.url}`,
  ].join('\n');
}

/** Creates a product issue that links back (or adds to a known one), then links it from the discussion. */
export async function runPromote(numberText: string, opts: PromoteOptions, ctx: Context): Promise<number> {
  const number = parseNumber(numberText);
  const config = ctx.loaded.config;
  const productText = opts.repo ?? config.productRepository;
  if (!REPO.test(productText)) throw new UsageError(`invalid --repo "${productText}"`, 'write it as OWNER/NAME');
  const known = opts.known !== undefined ? parseNumber(opts.known, '--known issue number') : null;
  if (known !== null && opts.title) throw new UsageError('--title and --known cannot go together', '--known adds to an existing issue, which keeps its title');
  const effort = effortMinutes(opts);
  const gh = await github(ctx);
  const repo = parseRepo(config.repository);
  const product = parseRepo(productText);
  const d = await gh.discussion(repo, number);
  await confirmOutOfScope(ctx, d, opts);
  const team = teamRule(ctx.loaded.team.map((m) => m.login), config.teamAssociations, config.trustedBots);
  const base = { kind: known !== null ? 'promote-known' : 'promote', number, url: d.url };
  const summary = summarise(d, team);
  const previews: string[] = [];
  const actions: Action[] = [];

  const earlier = markersOf(d, { team }, 'promotion').find((m) => (known !== null ? m.marker.number === known && m.marker.repo === productText : m.marker.repo === productText && m.marker.known !== true));
  if (earlier) return report(ctx, [{ ...base, url: String(earlier.marker.issue ?? earlier.url), status: 'skipped', reason: `already promoted to ${productText}#${earlier.marker.number}` }], opts);

  if (known !== null) {
    const issue = await gh.issue(product, known);
    const reviewed = issue.labels.find((l) => l.name === config.labels.reviewed);
    const issueBody = withMarker(`New information from a support discussion:\n\n${summary}`, 'promotion', { discussion: d.url }, effort);
    const discussionBody = withMarker(`This is tracked in the known issue ${issue.url}; we added the details from here to it.`, 'promotion', { issue: issue.url, repo: productText, number: issue.number, known: true });
    if (opts.dryRun) {
      previews.push(`${productText}#${known} (comment)\n\n${issueBody}`, `#${number} (comment)\n\n${discussionBody}`);
      actions.push({ ...base, url: issue.url, status: 'planned', reason: reviewed ? `and remove "${reviewed.name}"` : undefined });
      return report(ctx, actions, opts, previews);
    }
    try {
      await gh.addIssueComment(issue.id, issueBody);
      if (reviewed) await gh.removeLabels(issue.id, [reviewed.id]);
      await postOnce(gh, repo, d, discussionBody);
      actions.push({ ...base, url: issue.url, status: 'done', reason: reviewed ? `removed "${reviewed.name}"` : undefined });
    } catch (e) {
      actions.push(failed(base, e));
    }
    return report(ctx, actions, opts);
  }

  const title = opts.title ?? d.title;
  const issueBody = withMarker(summary, 'promotion', { discussion: d.url }, effort);
  if (opts.dryRun) {
    previews.push(`${productText}: new issue "${title}"\n\n${issueBody}`);
    return report(ctx, [{ ...base, status: 'planned' }], opts, previews);
  }
  try {
    // If an earlier run created the issue but lost the answer, find it instead of creating another.
    const viewer = (await gh.viewer()).login;
    const existing = (await gh.recentIssuesBy(product, viewer)).find((i) => {
      const m = parseMarker(i.body);
      return m?.kind === 'promotion' && m.discussion === d.url;
    });
    const { repositoryId } = await gh.labelId(product, config.labels.reviewed);
    const issue = existing ?? (await createOnce(gh, product, viewer, d.url, repositoryId, title, issueBody));
    const discussionBody = withMarker(`We are tracking the work for this in ${issue.url}.`, 'promotion', { issue: issue.url, repo: productText, number: issue.number });
    await postOnce(gh, repo, d, discussionBody);
    actions.push({ ...base, url: issue.url, status: 'done', ...(existing ? { reason: 'found the issue an earlier run created' } : {}) });
  } catch (e) {
    actions.push(failed(base, e));
  }
  return report(ctx, actions, opts);
}

/** Creates the issue once: after a lost answer, looks for it among the viewer's recent issues first. */
async function createOnce(gh: GitHubPort, product: RepoRef, viewer: string, discussionUrl: string, repositoryId: string, title: string, body: string): Promise<IssueRef & { id: string }> {
  try {
    return await gh.createIssue(repositoryId, title, body);
  } catch (e) {
    if (e instanceof VisitSreError && !(e instanceof OperationalError)) throw e;
    const found = (await gh.recentIssuesBy(product, viewer).catch(() => [])).find((i) => {
      const m = parseMarker(i.body);
      return m?.kind === 'promotion' && m.discussion === discussionUrl;
    });
    return found ?? gh.createIssue(repositoryId, title, body);
  }
}
