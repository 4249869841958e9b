import type { Context } from '../../shell/context.js';
import { teamRuleOf } from '../../core/conversation.js';
import { UsageError } from '../../core/errors.js';
import { isPromotionOf, planPromote } from '../../core/plans/promote.js';
import { parseRepo } from '../../github/port.js';
import { github } from '../../app/inquiries.js';
import type { Outcome } from '../../shell/errors.js';
import { effortMinutes, parseNumber } from '../../shell/flags.js';
import { carryOut, confirmOutOfScope, reportActions } from '../../shell/writerIo.js';
import type { PromoteOptions } from './promote.flags.js';

export type { PromoteOptions };

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Creates a product issue that links back (or adds to a known one), then links it from the discussion. */
export async function runPromote(numberText: string, opts: PromoteOptions, ctx: Context): Promise<Outcome> {
  const number = parseNumber(numberText);
  const config = ctx.loaded.config;
  const productText = opts.repo ?? config.productRepository;
  if (!REPO.test(productText)) throw new UsageError(`invalid --repo "${productText}"`, 'write it as OWNER/NAME');
  const knownNumber = opts.known !== undefined ? parseNumber(opts.known, '--known issue number') : null;
  if (knownNumber !== null && opts.title)
    throw new UsageError('--title and --known cannot go together', '--known adds to an existing issue, which keeps its title');
  const effort = effortMinutes(opts);
  const gh = await github(ctx);
  const repo = parseRepo(config.repository);
  const product = parseRepo(productText);
  const d = await gh.discussion(repo, number);
  await confirmOutOfScope(ctx, d, opts);
  const team = teamRuleOf(ctx.loaded.team, config);
  const known = knownNumber !== null ? await gh.issue(product, knownNumber) : undefined;
  const productId = known ? known.repositoryId : (await gh.labelId(product, config.labels.reviewed)).repositoryId;
  // An issue an earlier run created but could not link is linked, not created again.
  const existing =
    known || opts.dryRun
      ? undefined
      : (await gh.recentIssuesBy(product, (await gh.viewer()).login)).find((i) => isPromotionOf(i.body, d.url));
  const plan = planPromote({
    discussion: d,
    team,
    product: productText,
    productId,
    title: opts.title ?? d.title,
    effort,
    known,
    reviewedLabel: config.labels.reviewed,
    existing,
    keepOpen: opts.keepOpen,
  });
  return reportActions(ctx, await carryOut(ctx, plan, opts, { gh, repo, team }), opts, plan);
}
