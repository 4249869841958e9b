import type { Context } from '../../shell/context.js';
import { parseWhen } from '../../core/timeInput.js';
import { classifiedAdvice } from '../../core/plans/contact.js';
import type { DutyRoles } from '../../core/plans/contact.js';
import { deskPlan, deskTemplate, readLiveDesk, rememberPosted } from '../../app/desk/post.js';
import { readDesk } from '../../core/acting.js';
import { planClassifiedRequest, planMisdirected } from '../../core/deskPosts.js';
import type { ActionResult } from '../../core/plans/plan.js';
import { carryOut } from '../../shell/writerIo.js';
import { github } from '../../app/inquiries.js';
import { failedResult } from '../../app/execute.js';
import type { Outcome } from '../../shell/errors.js';
import type { WriterFlags } from '../../shell/flags.js';
import { warn, writeJson } from '../../shell/output.js';
import { isoUtc } from '../../core/timeText.js';
import { appendJournal } from '../../store/journal.js';

/** `log-call --classified`: the contact goes to the local journal only; with a deadline, the desk thread is asked for access. */
export async function logClassified(
  ctx: Context,
  c: {
    via: string;
    at: number;
    handler: string | null;
    effort: number | undefined;
    neededByText?: string;
    ask: boolean;
    /** who acts as Primary and Backup when the contact came, and who the rota has */
    roles: { acting: DutyRoles; rota: DutyRoles };
    flags: WriterFlags;
    discarded: boolean;
  },
): Promise<Outcome | void> {
  let neededText = c.neededByText;
  if (neededText === undefined && c.ask)
    neededText =
      (await (
        await ctx.deps.prompter()
      ).input('When does the customer need an answer? (e.g. +4h, tomorrow; empty if not urgent)', { default: '' })) || undefined;
  const neededBy = neededText ? parseWhen(neededText, ctx.now, ctx.zone, '--needed-by').toMillis() : null;
  if (c.discarded) warn(ctx.deps, 'classified: the title and body were discarded, not stored or sent');
  const record = {
    at: isoUtc(c.at),
    via: c.via,
    handler: c.handler,
    neededBy: neededBy === null ? null : isoUtc(neededBy),
    effortMinutes: c.effort ?? null,
    loggedAt: isoUtc(ctx.now),
  };
  const access = ctx.loaded.team.filter((m) => m.classifiedAccess).map((m) => m.login);
  const advice = classifiedAdvice(access, c.roles.acting, c.roles.rota, neededBy === null ? null : (neededBy - ctx.now) / 3_600_000);
  if (c.flags.dryRun) {
    if (ctx.out.json)
      writeJson(ctx.deps.stdout, {
        dryRun: true,
        actions: [{ kind: 'classified', number: null, url: null, status: 'planned' }],
        journal: record,
        classifiedAccess: access,
        advice,
      });
    else ctx.deps.stdout.write(`would journal ${JSON.stringify(record)}\n${advice}\n`);
    return;
  }
  const file = await appendJournal(ctx.deps.env, ctx.deps.homedir, ctx.deps.fs, record);
  const asked = neededBy !== null ? await askForAccess(ctx, neededBy, c.handler) : [];
  const actions: ActionResult[] = [{ kind: 'classified', number: null, url: null, status: 'done', reason: 'journal only' }, ...asked];
  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, {
      dryRun: false,
      actions: actions.map(({ failure: _f, ...a }) => a),
      journal: file,
      classifiedAccess: access,
      advice,
    });
  } else {
    const request = asked.find((a) => a.status === 'done');
    ctx.deps.stdout.write(
      `Logged in the local journal (${file}); ${request ? `the desk thread asks for someone with access, without any content: ${request.url}` : 'nothing was sent to GitHub'}.\nTeam members with classified access: ${access.length ? access.map((l) => `@${l}`).join(', ') : 'none'}\n${advice}\n`,
    );
  }
  return { kind: 'actions', actions };
}

/**
 * `--classified --needed-by`: asks the desk thread for someone with access,
 * with no content at all (docs/process.md#acting-roles). Without `desk.thread` it says so and the
 * journal entry stands; a thread that cannot be reached is reported, not
 * failed, since the journal already holds the contact.
 */
async function askForAccess(ctx: Context, neededBy: number, fallbackHandler: string | null): Promise<ActionResult[]> {
  if (!ctx.loaded.config.desk.thread) {
    warn(ctx.deps, 'no desk thread is configured ("desk.thread"): ask the members with access yourself');
    return [];
  }
  try {
    const live = await readLiveDesk(ctx);
    const handler =
      (await live.gh.viewer().then(
        (v) => v.login,
        () => null,
      )) ?? fallbackHandler;
    const post = planClassifiedRequest({
      neededBy,
      handler,
      loggedAt: ctx.now,
      zone: ctx.zone,
      team: ctx.loaded.team,
      desk: readDesk(live.records),
      template: await deskTemplate(ctx, 'classified-request'),
    });
    const results = await carryOut(ctx, deskPlan(live, post), {}, { gh: live.gh, repo: live.ref.repo, team: live.team });
    await rememberPosted(ctx, live, post, results);
    return results;
  } catch (e) {
    const failed = failedResult({ kind: 'classified', number: null, url: null }, e);
    warn(ctx.deps, `the desk thread could not be asked (${failed.reason}); ask the members with access yourself`);
    return [{ ...failed, status: 'skipped', reason: `not asked: ${failed.reason}` }];
  }
}

/** The token's user, who received the contact; null when GitHub cannot say (the inquiry then goes to the outbox anyway). */
export async function viewerLogin(ctx: Context): Promise<string | null> {
  try {
    return (await (await github(ctx)).viewer()).login;
  } catch {
    return null;
  }
}

/** Tells the acting Primary, on the desk thread, about a contact that reached someone else; nothing without `desk.thread`. */
export async function tellOwner(
  ctx: Context,
  f: { number: number; url: string; receiver: string; owner: string; answered: boolean },
): Promise<ActionResult[]> {
  if (!ctx.loaded.config.desk.thread) {
    warn(ctx.deps, `no desk thread is configured ("desk.thread"): @${f.owner} is told only by the @mention in #${f.number}`);
    return [];
  }
  try {
    const live = await readLiveDesk(ctx);
    const post = planMisdirected({ ...f, desk: readDesk(live.records), template: await deskTemplate(ctx, 'misdirected') });
    const results = await carryOut(ctx, deskPlan(live, post), {}, { gh: live.gh, repo: live.ref.repo, team: live.team });
    await rememberPosted(ctx, live, post, results);
    return results.map((r) => (r.status === 'failed' ? untold(ctx, r.reason) : r));
  } catch (e) {
    return [untold(ctx, failedResult({ kind: 'misdirected', number: null, url: null }, e).reason)];
  }
}

/** The inquiry is logged: a desk thread that could not be told is said, not failed (a re-run would log it twice). */
function untold(ctx: Context, reason: string | undefined): ActionResult {
  warn(ctx.deps, `the desk thread could not be told (${reason}); tell the acting Primary yourself`);
  return { kind: 'misdirected', number: null, url: null, status: 'skipped', reason: `not told: ${reason}` };
}
