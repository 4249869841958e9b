import type { Context } from '../../shell/context.js';
import type { Prompter } from '../../app/context.js';
import { AuthError, VisitSreError } from '../../core/errors.js';
import type { GitHubPort } from '../../github/port.js';
import type { TokenFacts } from './steps.js';

/**
 * Finds the token as every command does (docs/reference.md#environment:
 * GH_TOKEN, GITHUB_TOKEN, `gh auth token`), without a request; asks GitHub
 * whose it is only with --check-token, or on a terminal when the person says
 * yes, since the machine may be offline. Never reads the token out.
 */
export async function tokenFacts(ctx: Context, check: boolean | undefined, ask: Prompter | undefined): Promise<TokenFacts> {
  let gh: GitHubPort;
  try {
    gh = await ctx.github();
  } catch (e) {
    if (e instanceof AuthError) return { found: false };
    throw e;
  }
  const { envToken } = await import('../../github/client.js');
  const source = envToken(ctx.deps.env)?.source ?? '`gh auth token`';
  const asked = check ?? (ask ? await ask.confirm(`A GitHub token was found in ${source}. Check it with GitHub now?`, true) : false);
  if (!asked) return { found: true, source };
  try {
    const { login } = await ctx.busy('checking the token', () => gh.viewer());
    return { found: true, source, login };
  } catch (e) {
    if (e instanceof AuthError) return { found: true, source, refused: `${e.message}: ${e.hint ?? 'set a valid token'}` };
    if (e instanceof VisitSreError) return { found: true, source, unchecked: e.message };
    throw e;
  }
}

/** One line on what init knows of the token. */
export function tokenLine(t: TokenFacts): string {
  if (!t.found) return 'token: none found (GH_TOKEN, GITHUB_TOKEN, `gh auth token`)';
  if (t.login) return `token: from ${t.source}, authenticated as @${t.login}`;
  if (t.refused) return `token: from ${t.source}, refused by GitHub`;
  if (t.unchecked) return `token: from ${t.source}, not checked (${t.unchecked})`;
  return `token: from ${t.source} (not checked with GitHub; \`visit-sre doctor\` does)`;
}
