import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Context } from '../context.js';
import { onDutyAt } from '../../core/rotation.js';
import { parseWhen } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { teamRule } from '../../core/conversation.js';
import { classifiedAdvice, contactBody, misdirected } from '../../core/plans/contact.js';
import { actingAt, actingView } from '../../app/acting.js';
import { deskPlan, deskTemplate, readLiveDesk, rememberPosted } from '../../app/deskPost.js';
import { readDesk } from '../../core/acting.js';
import { planClassifiedRequest, planMisdirected } from '../../core/deskPosts.js';
import type { ActionResult } from '../../core/plan.js';
import { carryOut } from '../writerIo.js';
import { github, rotationTimeline } from '../../app/inquiries.js';
import { sendEntry } from '../../app/send.js';
import { failedResult } from '../../app/execute.js';
import type { Outcome } from '../errors.js';
import type { WriterFlags } from '../flags.js';
import { effortMinutes } from '../flags.js';
import { reportActions } from '../writerIo.js';
import { isoUtc, warn, writeJson } from '../output.js';
import { queueEntry } from '../../store/outbox.js';
import type { OutboxEntry } from '../../store/outbox.js';
import { appendJournal } from '../../store/journal.js';
import type { LogCallOptions } from './logCall.flags.js';

export const VIAS = ['hotline', 'walk-in', 'email', 'chat', 'hallway', 'other'] as const;

export type { LogCallOptions };

/** Records an inquiry from outside GitHub as a discussion, or, if classified, only in the local journal. */
export async function runLogCall(opts: LogCallOptions, ctx: Context): Promise<Outcome | void> {
  const interactive = Boolean(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY);
  const ask = interactive ? await ctx.deps.prompter() : undefined;
  let via = opts.via;
  if (via !== undefined && !(VIAS as readonly string[]).includes(via))
    throw new UsageError(`invalid --via "${via}"`, `use one of: ${VIAS.join(', ')}`);
  if (opts.body !== undefined && opts.bodyFile !== undefined) throw new UsageError('--body and --body-file cannot go together');
  if (via === undefined) {
    if (!ask) throw new UsageError('how did the inquiry come in?', `pass --via (${VIAS.join('|')})`);
    via = await ask.select(
      'How did the inquiry come in?',
      VIAS.map((v) => ({ value: v })),
      'hotline',
    );
  }
  const atText = opts.at ?? (ask && !opts.classified ? await ask.input('When was the contact?', { default: 'now' }) : 'now');
  const at = parseWhen(atText, ctx.now, ctx.zone, '--at').toMillis();
  const effortText =
    opts.effort ?? (ask ? (await ask.input('Effort spent so far (e.g. 30m, empty for none)', { default: '' })) || undefined : undefined);
  const effort = effortMinutes({ effort: effortText });
  const timeline = await rotationTimeline(ctx, at - 86_400_000, at + 86_400_000);
  const duty = onDutyAt(timeline, at, 0).current;
  // The acting Primary owns the contact (SPEC §10): the delegate, or the Backup while the Primary is away.
  const handler =
    actingAt(await actingView(ctx, { live: false }), timeline, ctx.loaded.team, at).primary.login ?? duty?.primary?.login ?? null;

  if (opts.classified)
    return logClassified(ctx, {
      via,
      at,
      handler,
      effort,
      neededByText: opts.neededBy,
      ask: Boolean(ask),
      duty,
      flags: opts,
      discarded: opts.title !== undefined || opts.body !== undefined || opts.bodyFile !== undefined,
    });

  const customer =
    opts.customer ??
    (ask ? (await ask.input('Customer (name and email, as they gave it; empty for none)', { default: '' })) || undefined : undefined);
  if (customer && !opts.customerPrivate)
    warn(ctx.deps, "the customer's name becomes public on GitHub; pass --customer-private to keep only their initials");
  const title =
    opts.title ??
    (ask ? await ask.input('Title of the discussion', { validate: (v) => v.trim() !== '' || 'a title is needed' }) : undefined);
  if (!title?.trim()) throw new UsageError('the discussion needs a title', 'pass --title');
  let text = opts.body;
  if (opts.bodyFile === '-') {
    // As with gh: "-" reads the description from standard input.
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.deps.stdin) chunks.push(Buffer.from(chunk as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  } else if (opts.bodyFile !== undefined) {
    const file = path.resolve(ctx.deps.cwd, opts.bodyFile);
    text = await ctx.deps.fs.readText(file);
    if (text === undefined) throw new UsageError(`--body-file ${file} not found`);
  }
  if (text === undefined && ask) text = await ask.editor('Describe the inquiry (your editor opens)');
  if (!text?.trim()) throw new UsageError('the inquiry needs a description', 'pass --body TEXT or --body-file FILE');

  const id = `c-${randomUUID().slice(0, 13)}`;
  // Who the contact reached: when not the acting Primary, both are recorded, and the desk thread tells the owner.
  const receiver = await viewerLogin(ctx);
  const contact = {
    id,
    via,
    customer,
    customerPrivate: opts.customerPrivate,
    at,
    handler,
    receiver,
    answered: Boolean(opts.answered),
    text,
    effort,
    zone: ctx.zone,
  };
  const body = contactBody(contact);
  if (opts.answered && !misdirected(contact))
    warn(
      ctx.deps,
      '--answered applies to a contact logged by someone other than the acting Primary; this post counts as the response anyway',
    );
  const config = ctx.loaded.config;
  const entry = {
    id,
    repository: config.repository,
    category: config.discussions.categories[0] ?? null,
    label: config.discussions.label,
    title: title.trim(),
    body,
  };
  const plan = {
    actions: [{ kind: 'log-call', number: null, url: null, key: id, preview: `${entry.title}\n\n${body}`, steps: [] }],
    warnings: [],
  };
  if (opts.dryRun) return reportActions(ctx, [{ kind: 'log-call', number: null, url: null, status: 'planned' }], opts, plan);

  const team = teamRule(
    ctx.loaded.team.map((m) => m.login),
    config.teamAssociations,
    config.trustedBots,
  );
  const sent = await github(ctx).then(
    (gh) => sendEntry(gh, entry, 'log-call', { team, now: () => ctx.deps.now() }),
    (e: unknown) => failedResult({ kind: 'log-call', number: null, url: null }, e),
  );
  if (sent.status !== 'failed') {
    const told =
      misdirected(contact) && sent.number !== null && sent.url
        ? await tellOwner(ctx, {
            number: sent.number,
            url: sent.url,
            receiver: receiver!,
            owner: handler!,
            answered: Boolean(opts.answered),
          })
        : [];
    const actions = [sent, ...told];
    if (!ctx.out.json)
      ctx.deps.stdout.write(
        `${sent.url}\n${told.map((a) => `${a.status === 'done' ? `told @${handler} on the desk thread: ${a.url}` : `the desk thread was not told (${a.reason})`}\n`).join('')}`,
      );
    else writeJson(ctx.deps.stdout, { dryRun: false, actions: actions.map(({ failure: _f, ...a }) => a) });
    return { kind: 'actions', actions };
  }
  // Nothing the user typed is lost: it waits in the outbox for `visit-sre sync`, which completes whatever this began.
  const file = await queueEntry(ctx.deps.env, ctx.deps.homedir, ctx.deps.fs, {
    v: 1,
    queuedAt: isoUtc(ctx.now),
    ...entry,
    reason: sent.reason ?? '',
  } satisfies OutboxEntry);
  const queued = { ...sent, status: 'queued' as const };
  ctx.deps.stderr.write(
    `could not reach GitHub (${sent.reason}); the inquiry is saved in the outbox (${file}).\nRun \`visit-sre sync\` once GitHub is reachable${sent.failure === 'auth' ? ' and the token is fixed' : ''}.\n`,
  );
  if (ctx.out.json)
    writeJson(ctx.deps.stdout, {
      dryRun: false,
      actions: [{ kind: 'log-call', number: null, url: null, status: 'queued', reason: sent.reason }],
    });
  return { kind: 'actions', actions: [queued] };
}

async function logClassified(
  ctx: Context,
  c: {
    via: string;
    at: number;
    handler: string | null;
    effort: number | undefined;
    neededByText?: string;
    ask: boolean;
    duty: ReturnType<typeof onDutyAt>['current'];
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
  const advice = classifiedAdvice(
    access,
    [c.duty?.primary?.login, c.duty?.backup?.login],
    neededBy === null ? null : (neededBy - ctx.now) / 3_600_000,
  );
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
 * with no content at all (SPEC §10). Without `desk.thread` it says so and the
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
async function viewerLogin(ctx: Context): Promise<string | null> {
  try {
    return (await (await github(ctx)).viewer()).login;
  } catch {
    return null;
  }
}

/** Tells the acting Primary, on the desk thread, about a contact that reached someone else; nothing without `desk.thread`. */
async function tellOwner(
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
