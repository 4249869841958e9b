import path from 'node:path';
import type { Context } from './context.js';
import type { Prompter } from './prompt.js';
import { parseWhen } from '../core/timeInput.js';
import { UsageError } from '../core/errors.js';
import { VIAS } from '../core/plans/contact.js';
import { effortMinutes } from './flags.js';
import { warn } from './output.js';
import type { LogCallOptions } from './commands/logCall.flags.js';

/**
 * The questions `log-call` asks on a terminal for what the flags did not give;
 * without a terminal (`ask` undefined) a missing answer is a usage error naming the flag.
 */
export async function askContact(opts: LogCallOptions, ctx: Context, ask: Prompter | undefined) {
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
  return { via, at, effort };
}

/** The public part of the inquiry: who asked, the title and the description. */
export async function askInquiry(opts: LogCallOptions, ctx: Context, ask: Prompter | undefined) {
  const customer =
    opts.customer ??
    (ask ? (await ask.input('Customer (name and email, as they gave it; empty for none)', { default: '' })) || undefined : undefined);
  const customerPrivate = opts.customerPrivate;
  if (customer && !customerPrivate)
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
  return { customer, customerPrivate, title: title.trim(), text };
}
