import type { AppContext } from './context.js';
import { UsageError } from '../core/errors.js';
import type { GitHubPort, RepoRef } from '../github/port.js';

/** The id of the wontfix label, checked before anything is posted. */
export async function wontfixLabel(ctx: AppContext, gh: GitHubPort, repo: RepoRef): Promise<{ name: string; id: string }> {
  const name = ctx.loaded.config.labels.wontfix;
  const { labelId } = await gh.labelId(repo, name);
  if (!labelId)
    throw new UsageError(
      `the label "${name}" does not exist in ${repo.owner}/${repo.name}`,
      'create it, or set labels.wontfix in the config',
    );
  return { name, id: labelId };
}
