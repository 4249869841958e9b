import type { Context } from '../../shell/context.js';
import { UsageError } from '../../core/errors.js';
import { readDesk } from '../../core/acting.js';
import { planClaim } from '../../core/deskPosts.js';
import type { ClaimOptions } from './claim.flags.js';
import type { Outcome } from '../../shell/errors.js';
import { deskTemplate, readLiveDesk } from '../../app/desk/post.js';
import { postOrShow, speaker } from '../../shell/deskIo.js';

export type { ClaimOptions };

/** `claim [N]`: takes classified inquiry N (or the only open one), told on the desk thread to the member who holds the contact. */
export async function runClaim(numberText: string | undefined, opts: ClaimOptions, ctx: Context): Promise<Outcome> {
  if (numberText !== undefined && !/^#?[1-9]\d*$/.test(numberText.trim()))
    throw new UsageError(`invalid classified inquiry number "${numberText}"`, "give the number from the desk thread's request, such as 3");
  const live = await readLiveDesk(ctx);
  const who = await speaker(live, opts.as, ctx);
  const post = planClaim({
    ...(numberText !== undefined ? { number: Number(numberText.trim().replace(/^#/, '')) } : {}),
    who,
    team: ctx.loaded.team,
    desk: readDesk(live.records),
    zone: ctx.zone,
    template: await deskTemplate(ctx, 'classified-claim'),
  });
  return postOrShow(ctx, live, post, opts);
}
