import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import type { Role } from '../../core/rotation.js';
import { parseDate } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { weekLabel } from '../../core/rotationPlan.js';
import { readDesk } from '../../core/acting.js';
import type { DeskPost } from '../../core/deskPosts.js';
import { planSwapAccept } from '../../core/deskPosts.js';
import { proposalFor } from '../../core/swaps.js';
import type { LiveDesk } from '../../app/desk/post.js';
import { deskPlan, deskTemplate, readLiveDesk, rememberPosted } from '../../app/desk/post.js';
import { carryOut } from '../../shell/writerIo.js';
import { warn, writeJson } from '../../shell/output.js';
import { fitTable, terminalFacts } from '../../shell/terminal.js';
import type { Outcome } from '../../shell/errors.js';
import type { SwapOptions } from './schedule.flags.js';
import { resolveLocation } from '../../store/config.js';
import { isUrl, redactUrl } from '../../calendar/source.js';

export interface SwapChange {
  week: string;
  monday: string;
  role: Role;
  from: string | null;
  /** the relieved as the calendar names them, when nobody on the team */
  fromRaw: string;
  to: string;
  /** edit: the calendar is rewritten; proposal: the desk thread carries it until the replacement accepts */
  edit: 'calendar' | 'proposal' | 'accept';
  [more: string]: unknown;
}

const person = (c: SwapChange) => (c.from ? `@${c.from}` : c.fromRaw);

/** `--dry-run`: the change and the words it would post, never the calendar. */
export function printChange(ctx: Context, change: SwapChange, announcement: string): void {
  const { fromRaw: _raw, ...shown } = change;
  if (ctx.out.json) return writeJson(ctx.deps.stdout, { dryRun: true, ...shown, announcement });
  const rows = [
    ['week', `${change.week} (${DateTime.fromISO(change.monday).toFormat('ccc LLL d')})`],
    ['role', change.role],
    ['before', person(change)],
    ['after', `@${change.to}`],
    [
      'how',
      change.edit === 'calendar'
        ? 'the calendar is edited in place'
        : change.edit === 'proposal'
          ? 'a proposal on the desk thread, until accepted'
          : 'an accept on the desk thread',
    ],
  ];
  ctx.deps.stdout.write(
    `${fitTable(rows, [{}, { min: 16, shrink: 1 }], ctx.out.tty ? terminalFacts(ctx.deps).columns : Infinity)}\n${announcement}\n`,
  );
}

/** Posts a swap's words to the desk thread and says what happens next. */
export async function postSwap(
  ctx: Context,
  opts: SwapOptions,
  live: LiveDesk,
  post: DeskPost,
  change: SwapChange,
  author?: string,
): Promise<Outcome> {
  const [action] = await carryOut(ctx, deskPlan(live, post), opts, { gh: live.gh, repo: live.ref.repo, team: live.team });
  if (action) await rememberPosted(ctx, live, author ? { ...post, author } : post, [action]);
  if (action?.status === 'failed')
    warn(
      ctx.deps,
      `${change.edit === 'calendar' ? 'the calendar is changed, but ' : ''}the post could not be made (${action.reason}): post it yourself`,
    );
  const calendar = typeof change.calendar === 'string' ? change.calendar : 'the shared calendar';
  const next =
    change.edit === 'proposal'
      ? `Nothing changes until @${change.to} runs \`visit-sre schedule swap --accept\`. Then update ${calendar} too: visit-sre does not edit a calendar it did not write.`
      : change.edit === 'accept'
        ? `Every machine now reads you as ${change.role} for ${change.week} from the desk thread. Update ${calendar} too, so it shows the swap.`
        : '';
  const actions = action ? [action] : [];
  if (ctx.out.json) {
    const { fromRaw: _raw, ...shown } = change;
    writeJson(ctx.deps.stdout, { dryRun: false, ...shown, announcement: post.text, actions: actions.map(({ failure: _f, ...a }) => a) });
  } else
    ctx.deps.stdout.write(
      `${post.text}\n${action?.status === 'done' ? `Posted to the desk thread: ${action.url}\n` : ''}${action?.status === 'skipped' ? `Already on the desk thread: ${action.url}\n` : ''}${next ? `${next}\n` : ''}`,
    );
  return { kind: 'actions', actions };
}

/** `schedule swap --accept`, run by the replacement: the swap takes effect on every machine. */
export async function runSwapAccept(opts: SwapOptions, ctx: Context): Promise<Outcome | void> {
  if (opts.with)
    throw new UsageError('--accept takes the swap proposed to you: it needs no --with', 'drop --with, or drop --accept to propose one');
  const role = opts.role?.toLowerCase() as Role | undefined;
  if (role && role !== 'primary' && role !== 'backup') throw new UsageError(`invalid --role "${opts.role}"`, 'use primary or backup');
  const week = opts.week
    ? DateTime.fromISO(parseDate(opts.week, ctx.now, ctx.zone, '--week'), { zone: ctx.zone })
        .startOf('week')
        .toISODate()!
    : undefined;
  const live = await readLiveDesk(ctx);
  const me = (await live.gh.viewer()).login;
  const desk = readDesk(live.records);
  const proposal = proposalFor(desk.swaps, me, { ...(week ? { week } : {}), ...(role ? { role } : {}) });
  if (!proposal)
    throw new UsageError(
      `no swap proposed to @${me} is waiting on the desk thread ${live.ref.text}${week ? ` for ${weekLabel(week)}` : ''}`,
      `ask for one: visit-sre schedule swap --week WEEK --role ROLE --with ${me}`,
    );
  const label = weekLabel(proposal.week);
  const post = planSwapAccept({ proposal, weekLabel: label, fromRaw: 'nobody', desk, template: await deskTemplate(ctx, 'swap-accept') });
  const configured = ctx.loaded.config.rotation ? resolveLocation(ctx.loaded.config.rotation, ctx.loaded.dir) : null;
  const change: SwapChange = {
    week: label,
    monday: proposal.week,
    role: proposal.role,
    from: proposal.from,
    fromRaw: 'nobody',
    to: proposal.to,
    edit: 'accept',
    ...(configured ? { calendar: isUrl(configured) ? redactUrl(configured) : configured } : {}),
  };
  if (opts.dryRun) return printChange(ctx, change, post.text);
  return postSwap(ctx, opts, live, post, change, me);
}
