import type { Context } from './context.js';
import { UsageError } from '../core/errors.js';
import type { DeskPost } from '../core/deskPosts.js';
import type { WriterFlags } from './flags.js';
import { parseLogins } from './flags.js';
import { warn } from './output.js';
import type { Outcome } from './errors.js';
import { carryOut, reportActions } from './writerIo.js';
import { deskPlan, rememberPosted } from '../app/desk/post.js';
import type { LiveDesk } from '../app/desk/post.js';

// The desk-thread writers (away, delegate, claim) share these two steps.

/** Who the command speaks for: --as, else the token's user. */
export async function speaker(live: LiveDesk, as: string | undefined, ctx: Context): Promise<string> {
  const login = as !== undefined ? parseLogins([as], '--as')[0] : (await live.gh.viewer()).login;
  if (!login) throw new UsageError('--as needs a login', 'for example --as ada-lovelace');
  const member = ctx.loaded.team.find((m) => m.login.toLowerCase() === login.toLowerCase());
  if (!member) warn(ctx.deps, `@${login} is not on the team (${ctx.loaded.team.map((m) => m.login).join(', ') || 'no team configured'})`);
  return member?.login ?? login;
}

/** Posts a desk comment through the executor, or shows it with --dry-run. */
export async function postOrShow(ctx: Context, live: LiveDesk, post: DeskPost, flags: WriterFlags): Promise<Outcome> {
  const plan = deskPlan(live, post);
  const results = await carryOut(ctx, plan, flags, { gh: live.gh, repo: live.ref.repo, team: live.team });
  await rememberPosted(ctx, live, post, results);
  return reportActions(ctx, results, flags, plan);
}
