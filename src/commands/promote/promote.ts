import type { Context } from '../../shell/context.js';
import type { Discussion } from '../../core/conversation.js';
import { teamRuleOf } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { isPromotionOf, planPromote } from '../../core/plans/promote.js';
import type { GitHubPort } from '../../github/port.js';
import { parseRepo } from '../../github/port.js';
import { github } from '../../app/inquiries.js';
import type { Outcome } from '../../shell/errors.js';
import { effortMinutes, parseNumber } from '../../shell/flags.js';
import { carryOut, confirmOutOfScope, reportActions } from '../../shell/writerIo.js';
import { chooseCandidate, searchKnown, showCandidates } from './search.js';
import type { PromoteOptions } from './promote.flags.js';

export type { PromoteOptions };

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Creates a product issue that links back (or adds to a known one), then links it from the discussion; --search looks for the known one first. */
export async function runPromote(numberText: string, opts: PromoteOptions, ctx: Context): Promise<Outcome | void> {
  const number = parseNumber(numberText);
  const config = ctx.loaded.config;
  const productText = opts.repo ?? config.productRepository;
  if (!REPO.test(productText)) throw new UsageError(`invalid --repo "${productText}"`, 'write it as OWNER/NAME');
  const knownNumber = opts.known !== undefined ? parseNumber(opts.known, '--known issue number') : null;
  if (knownNumber !== null && opts.title)
    throw new UsageError('--title and --known cannot go together', '--known adds to an existing issue, which keeps its title');
  if (knownNumber !== null && opts.search !== undefined)
    throw new UsageError('--search and --known cannot go together', '--search lists the candidates; --known N adds to one');
  const effort = effortMinutes(opts);
  const gh = await github(ctx);
  const d = await gh.discussion(parseRepo(config.repository), number);
  if (opts.search === undefined) return promote(ctx, gh, d, opts, { product: productText, known: knownNumber, effort });

  // "Search the product development issues to see if this is a known issue" (docs/process.md).
  const found = await searchKnown(ctx, gh, d, productText, opts.search === true ? [] : opts.search);
  showCandidates(ctx, found);
  if (ctx.out.json || !(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY)) {
    if (!ctx.out.json)
      ctx.deps.stderr.write(
        `${found.candidates.length ? `add to one with: visit-sre promote ${number} --known N; ` : ''}create a new issue with: visit-sre promote ${number}\n`,
      );
    return;
  }
  const choice = await chooseCandidate(ctx, d, found);
  if (!choice) return void ctx.deps.stderr.write('Nothing was posted.\n');
  return promote(ctx, gh, d, opts, { product: productText, known: 'known' in choice ? choice.known : null, effort });
}

async function promote(
  ctx: Context,
  gh: GitHubPort,
  d: Discussion,
  opts: PromoteOptions,
  o: { product: string; known: number | null; effort: number | undefined },
): Promise<Outcome> {
  const config = ctx.loaded.config;
  const repo = parseRepo(config.repository);
  const product = parseRepo(o.product);
  await confirmOutOfScope(ctx, d, opts);
  const team = teamRuleOf(ctx.loaded.team, config);
  const known = o.known !== null ? await gh.issue(product, o.known) : undefined;
  const productId = known ? known.repositoryId : (await gh.labelId(product, config.labels.reviewed)).repositoryId;
  // An issue an earlier run created but could not link is linked, not created again.
  const existing =
    known || opts.dryRun
      ? undefined
      : (await gh.recentIssuesBy(product, (await gh.viewer()).login)).find((i) => isPromotionOf(i.body, d.url));
  const plan = planPromote({
    discussion: d,
    team,
    product: o.product,
    productId,
    title: opts.title ?? d.title,
    effort: o.effort,
    known,
    reviewedLabel: config.labels.reviewed,
    existing,
    keepOpen: opts.keepOpen,
  });
  return reportActions(ctx, await carryOut(ctx, plan, opts, { gh, repo, team }), opts, plan);
}
