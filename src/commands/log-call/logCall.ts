import { randomUUID } from 'node:crypto';
import type { Context } from '../../shell/context.js';
import { onDutyAt } from '../../core/rotation.js';
import { teamRuleOf } from '../../core/conversation.js';
import { contactBody, misdirected } from '../../core/plans/contact.js';
import { actingAt, actingView } from '../../app/acting.js';
import { github, rotationTimeline } from '../../app/inquiries.js';
import { sendEntry } from '../../app/send.js';
import { failedResult } from '../../app/execute.js';
import type { Outcome } from '../../shell/errors.js';
import { reportActions } from '../../shell/writerIo.js';
import { warn, writeJson } from '../../shell/output.js';
import { isoUtc } from '../../core/timeText.js';
import { queueEntry } from '../../store/outbox.js';
import type { OutboxEntry } from '../../store/outbox.js';
import { askContact, askInquiry, confirmPost } from './flow.js';
import { fromMail } from './eml.js';
import { confirmContact } from './confirm.js';
import { logClassified, tellOwner, viewerLogin } from './desk.js';
import type { LogCallOptions } from './logCall.flags.js';

export type { LogCallOptions };

/** Records an inquiry from outside GitHub as a discussion, or, if classified, only in the local journal. */
export async function runLogCall(given: LogCallOptions, ctx: Context): Promise<Outcome | void> {
  if (given.confirm !== undefined) return confirmContact(ctx, given.confirm, given);
  const opts = given.eml !== undefined ? await fromMail(given, ctx) : given;
  const interactive = Boolean(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY);
  const ask = interactive ? await ctx.deps.prompter() : undefined;
  const { via, at, effort } = await askContact(opts, ctx, ask);
  const timeline = await rotationTimeline(ctx, at - 86_400_000, at + 86_400_000);
  const duty = onDutyAt(timeline, at, 0).current;
  // The acting Primary owns the contact (docs/process.md#acting-roles): the delegate, or the Backup while the Primary is away.
  const acting = actingAt(await actingView(ctx, { live: false }), timeline, ctx.loaded.team, at);
  const handler = acting.primary.login ?? duty?.primary?.login ?? null;

  if (opts.classified)
    return logClassified(ctx, {
      via,
      at,
      handler,
      effort,
      neededByText: opts.neededBy,
      ask: Boolean(ask),
      roles: {
        acting: { primary: acting.primary.login, backup: acting.backup.login },
        rota: { primary: duty?.primary?.login ?? null, backup: duty?.backup?.login ?? null },
      },
      flags: opts,
      discarded: opts.title !== undefined || opts.body !== undefined || opts.bodyFile !== undefined,
    });

  const { customer, customerPrivate, title, text } = await askInquiry(opts, ctx, ask);
  const id = `c-${randomUUID().slice(0, 13)}`;
  // Who the contact reached: when not the acting Primary, both are recorded, and the desk thread tells the owner.
  const receiver = await viewerLogin(ctx);
  const contact = {
    id,
    via,
    customer,
    customerPrivate,
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
    title,
    body,
  };
  const plan = {
    actions: [{ kind: 'log-call', number: null, url: null, key: id, preview: `${entry.title}\n\n${body}`, steps: [] }],
    warnings: [],
  };
  if (ask && !opts.dryRun && !(await confirmPost(ctx, ask, plan.actions[0]!.preview))) {
    ctx.deps.stderr.write('Nothing was posted.\n');
    return;
  }
  if (opts.dryRun) return reportActions(ctx, [{ kind: 'log-call', number: null, url: null, status: 'planned' }], opts, plan);

  const team = teamRuleOf(ctx.loaded.team, config);
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
