import path from 'node:path';
import type { Context } from '../../shell/context.js';
import { UsageError } from '../../core/errors.js';
import { isoUtc } from '../../core/timeText.js';
import { INPUT_LIMITS } from '../../store/fs.js';
import type { LogCallOptions } from './logCall.flags.js';

/** What an inquiry needs from an e-mail message: who wrote it, about what, when, and the words. */
export interface Mail {
  subject: string | null;
  /** "Name <address>", or the address alone */
  from: string | null;
  /** when it was sent (the Date header), epoch ms */
  date: number | null;
  text: string;
}

/** A crude reading of an HTML-only mail: line breaks kept, tags dropped, the common entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/**
 * Reads an RFC 5322 message file ("-" for standard input) with postal-mime
 * (RFC 2047 encoded words, MIME multipart, quoted-printable and base64, any
 * charset), loaded only for `log-call --eml`. The plain-text part is the
 * body; an HTML-only message is reduced to its text.
 */
export async function readMail(ctx: Context, fileText: string): Promise<Mail> {
  let bytes: Uint8Array | undefined;
  const name = fileText === '-' ? 'standard input' : path.resolve(ctx.deps.cwd, fileText);
  if (fileText === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.deps.stdin) chunks.push(Buffer.from(chunk as Buffer));
    bytes = new Uint8Array(Buffer.concat(chunks));
  } else {
    bytes = await ctx.deps.fs.readInputBytes(name, { what: '--eml', bytes: INPUT_LIMITS.mail });
    if (bytes === undefined) throw new UsageError(`--eml ${name} not found`, 'give the path of a saved e-mail (.eml) file');
  }
  const { default: PostalMime } = await import('postal-mime');
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(bytes);
  } catch (e) {
    throw new UsageError(
      `--eml ${name} could not be read as an e-mail: ${(e as Error).message}`,
      'save the message as .eml (RFC 5322) and try again',
    );
  }
  const from = email.from && 'address' in email.from && email.from.address ? email.from : null;
  const text = (email.text ?? (email.html ? htmlText(email.html) : '')).replace(/\r\n?/g, '\n').trim();
  if (!email.subject?.trim() && !from && !text)
    throw new UsageError(
      `--eml ${name} is not an e-mail message: no Subject, From or text`,
      'save the message as .eml (RFC 5322) and try again',
    );
  const date = email.date ? Date.parse(email.date) : NaN;
  return {
    subject: email.subject?.replace(/\s+/g, ' ').trim() || null,
    from: from ? (from.name?.trim() ? `${from.name.trim()} <${from.address}>` : from.address!) : null,
    date: Number.isNaN(date) ? null : date,
    text,
  };
}

/**
 * `--eml FILE`: a forwarded mail becomes the inquiry in one step. Its Subject
 * is the title, its text the description, its Date the time of contact, and
 * its From the customer, under the rules of --customer (public unless
 * --customer-private; asked on a terminal, warned about otherwise). Flags
 * given win over the mail's.
 */
export async function fromMail(opts: LogCallOptions, ctx: Context): Promise<LogCallOptions> {
  for (const [flag, set] of [
    ['--body', opts.body],
    ['--body-file', opts.bodyFile],
    ['--classified', opts.classified],
  ] as const)
    if (set !== undefined)
      throw new UsageError(
        `--eml and ${flag} cannot go together`,
        flag === '--classified' ? 'a classified mail stays off GitHub: log-call --classified --via email' : 'the mail is the description',
      );
  const mail = await readMail(ctx, opts.eml!);
  if (!mail.text) throw new UsageError(`the mail ${opts.eml} has no text`, 'pass --body-file with what was asked instead of --eml');
  return {
    ...opts,
    via: opts.via ?? 'email',
    title: opts.title ?? mail.subject ?? undefined,
    body: mail.text,
    customer: opts.customer ?? mail.from ?? undefined,
    at: opts.at ?? (mail.date !== null && mail.date <= ctx.now ? isoUtc(mail.date) : undefined),
  };
}
