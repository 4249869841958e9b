import path from 'node:path';
import type { Context } from '../../shell/context.js';
import type { Prompter } from '../../app/context.js';
import { parseWhen } from '../../core/timeInput.js';
import { UsageError } from '../../core/errors.js';
import { VIAS, initials } from '../../core/plans/contact.js';
import { parseDuration } from '../../core/duration.js';
import { effortMinutes } from '../../shell/flags.js';
import { warn } from '../../shell/output.js';
import { INPUT_LIMITS, tooLarge } from '../../store/fs.js';
import type { LogCallOptions } from './logCall.flags.js';

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
  const readAt = (text: string, flag: string) => parseWhen(text, ctx.now, ctx.zone, flag).toMillis();
  const at =
    opts.at !== undefined || !ask || opts.classified
      ? readAt(opts.at ?? 'now', '--at')
      : await askReadable(ask, 'When was the contact? (e.g. now, 10 minutes ago, 09:30 today as 2026-12-01T09:30)', 'now', (v) =>
          readAt(v, 'time of contact'),
        );
  const effort =
    opts.effort !== undefined || !ask
      ? effortMinutes({ effort: opts.effort })
      : await askReadable(ask, 'Effort spent so far (e.g. 30m, empty for none)', '', (v) =>
          v.trim() ? parseDuration(v, 'effort') : undefined,
        );
  return { via, at, effort };
}

/**
 * Asks until the answer can be read: an unreadable one is refused with the
 * reason and asked again (the prompter's validation), never aborting the flow.
 */
async function askReadable<T>(ask: Prompter, message: string, fallback: string, read: (text: string) => T): Promise<T> {
  const reason = (text: string): string | true => {
    try {
      read(text);
      return true;
    } catch (e) {
      if (e instanceof UsageError) return e.hint ? `${e.message}: ${e.hint}` : e.message;
      throw e;
    }
  };
  return read(await ask.input(message, { default: fallback, validate: reason }));
}

/** On a terminal, shows what would be posted and asks before posting; false when the user says no. */
export async function confirmPost(ctx: Context, ask: Prompter, preview: string): Promise<boolean> {
  ctx.deps.stdout.write(`\n${preview.replace(/\n*<!-- visit-sre .*-->\s*$/, '')}\n\n`);
  return ask.confirm('Post this inquiry?', true);
}

/** The public part of the inquiry: who asked, the title and the description. */
export async function askInquiry(opts: LogCallOptions, ctx: Context, ask: Prompter | undefined) {
  const customer =
    opts.customer ??
    (ask ? (await ask.input('Customer (name and email, as they gave it; empty for none)', { default: '' })) || undefined : undefined);
  let customerPrivate: boolean | undefined = opts.customerPrivate;
  if (customer && !customerPrivate && ask)
    customerPrivate = await ask.confirm(
      `Keep only the customer's initials (${initials(customer)})? Otherwise "${customer.trim()}" becomes public on GitHub`,
      true,
    );
  else if (customer && !customerPrivate)
    warn(ctx.deps, "the customer's name becomes public on GitHub; pass --customer-private to keep only their initials");
  const title =
    opts.title ??
    (ask ? await ask.input('Title of the discussion', { validate: (v) => v.trim() !== '' || 'a title is needed' }) : undefined);
  if (!title?.trim()) throw new UsageError('the discussion needs a title', 'pass --title');
  let text = opts.body;
  if (opts.bodyFile === '-') {
    // As with gh: "-" reads the description from standard input.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.deps.stdin) {
      chunks.push(Buffer.from(chunk as Buffer));
      size += chunks.at(-1)!.length;
      if (size > INPUT_LIMITS.body) throw tooLarge('--body-file', '- (standard input)', INPUT_LIMITS.body);
    }
    text = Buffer.concat(chunks).toString('utf8');
  } else if (opts.bodyFile !== undefined) {
    const file = path.resolve(ctx.deps.cwd, opts.bodyFile);
    text = await ctx.deps.fs.readInput(file, { what: '--body-file', bytes: INPUT_LIMITS.body });
    if (text === undefined) throw new UsageError(`--body-file ${file} not found`, 'check the path');
  }
  if (text === undefined && ask) text = await ask.editor('Describe the inquiry (your editor opens)');
  if (!text?.trim()) throw new UsageError('the inquiry needs a description', 'pass --body TEXT or --body-file FILE');
  return { customer, customerPrivate, title: title.trim(), text };
}
