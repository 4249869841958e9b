import { DateTime } from 'luxon';
import { terminalText } from '../../core/userText.js';
import type { Context } from '../../shell/context.js';
import type { Assessment, Discussion, Message } from '../../core/conversation.js';
import { assess, isBot, isTeam } from '../../core/conversation.js';
import { postmortemModel } from '../../core/postmortem.js';
import { fixesOf } from '../../core/fixes.js';
import { awaitingContact } from '../../core/plans/contact.js';
import { UsageError } from '../../core/errors.js';
import { parseRepo } from '../../github/port.js';
import { github, itemJson, policyFor, rotationTimeline } from '../../app/inquiries.js';
import { parseNumber } from '../../shell/flags.js';
import { withSpinner, writeJson } from '../../shell/output.js';
import { isoUtc, relative } from '../../core/timeText.js';
import { link, terminalFacts, truncate, wrapText } from '../../shell/terminal.js';
import { businessWeekOf, clockText } from '../../core/words.js';
import { openWeb } from '../../shell/web.js';
import type { ViewOptions } from './view.flags.js';

export type { ViewOptions };

/** A message as a reader wants it: hidden markers and HTML comments gone, blank runs folded. */
export function readable(body: string): string {
  return body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\r/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One discussion's thread in brief: state, owner, clock, what the team did (in words), the last messages, the link. */
export async function runView(numberText: string, opts: ViewOptions, ctx: Context): Promise<void> {
  const number = parseNumber(numberText);
  const count = opts.messages === undefined ? 3 : Number(opts.messages);
  if (!Number.isInteger(count) || count < 0)
    throw new UsageError(`invalid --messages "${opts.messages}"`, 'give a whole number, such as 5 (0 for none)');
  const repo = parseRepo(ctx.loaded.config.repository);
  const gh = await github(ctx);
  const d = await withSpinner(ctx.deps, !ctx.out.json, `reading #${number}`, () => gh.discussion(repo, number));
  if (opts.web) return openWeb(ctx, d.url);
  const timeline = await rotationTimeline(ctx, Math.min(d.createdAt, ctx.now) - 14 * 86_400_000, ctx.now + 14 * 86_400_000);
  const policy = await policyFor(ctx, timeline);
  const a = assess(d, policy, ctx.now);
  const events = postmortemModel(d, policy, ctx.now).milestones;
  const fixes = fixesOf(d, policy.team);
  const workaround = fixes.workarounds.at(-1)?.answer ?? null;
  const longTermFix = fixes.longTerm.at(-1)?.issue ?? null;
  const awaiting = awaitingContact(d, policy.team);
  const visible = d.messages.filter((m) => !m.hidden);
  const shown = count === 0 ? [] : visible.slice(-count);
  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, {
      ...itemJson(a),
      category: d.category.name,
      createdAt: isoUtc(d.createdAt),
      closed: d.closed,
      workaround,
      longTermFix,
      awaitingContact: awaiting,
      events: events.map((e) => ({ at: isoUtc(e.at), what: e.what })),
      messages: shown.map((m) => ({ at: isoUtc(m.createdAt), by: m.author, kind: m.kind, body: readable(m.body) })),
    });
    return;
  }
  ctx.deps.stdout.write(
    render(ctx, d, a, events, shown, { workaround, longTermFix, awaiting }, (m) => !isBot(m) && !isTeam(m, policy.team)),
  );
}

function render(
  ctx: Context,
  d: Discussion,
  a: Assessment,
  events: Array<{ at: number; what: string }>,
  shown: Message[],
  fixes: { workaround: string | null; longTermFix: string | null; awaiting: { owner: string; receiver: string } | null },
  byUser: (m: Message) => boolean,
): string {
  const p = ctx.paint;
  const term = terminalFacts(ctx.deps);
  const width = ctx.out.tty ? term.columns : Infinity;
  const when = (ms: number) => (ctx.out.tty ? relative(ms, ctx.now) : isoUtc(ms));
  const local = (ms: number) => (ctx.out.tty ? DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('ccc LLL d HH:mm') : isoUtc(ms));
  const week = businessWeekOf(ctx.loaded.config.businessHours);
  const said = clockText(a, week);
  const clock =
    a.state === 'waiting-on-team'
      ? (a.overdue ? p.red : a.dueSoon ? p.yellow : (s: string) => s)(`${said} (${a.overdue ? 'was due' : 'at'} ${local(a.dueAt!)})`)
      : a.stale
        ? p.yellow(said)
        : a.state === 'resolved'
          ? p.green(said)
          : said;
  let text = `${p.bold(`#${d.number} ${truncate(terminalText(d.title), width - String(d.number).length - 2)}`)}\n`;
  text += `${terminalText(d.category.name)} · ${d.closed ? 'closed' : d.isAnswered ? 'answered' : 'open'} · opened by @${a.author ?? 'ghost'} ${when(d.createdAt)}\n`;
  text += `${wrapText(`Owner: ${a.owner ? `@${a.owner}` : 'unknown'}   ${clock}`, width)}\n`;
  if (fixes.awaiting)
    text += `${p.yellow(`Awaiting contact: @${fixes.awaiting.receiver} received it; @${fixes.awaiting.owner} has not confirmed reaching the customer`)} (visit-sre log-call --confirm ${d.number})\n`;
  if (fixes.workaround || fixes.longTermFix)
    text += `Workaround: ${fixes.workaround ?? 'none'}   Long-term fix: ${fixes.longTermFix ?? (fixes.workaround ? p.yellow('none yet') : 'none')}\n`;
  if (events.length)
    text += `\n${p.bold('What happened')}\n${events.map((e) => `  ${local(e.at)}  ${truncate(terminalText(e.what), width - local(e.at).length - 4)}\n`).join('')}`;
  if (shown.length) {
    const total = d.messages.filter((m) => !m.hidden).length;
    text += `\n${p.bold(`Last messages (${shown.length} of ${total})`)}\n`;
    // The user's latest message is what the team answers: shown whole; the others in their first lines.
    const lastUser = [...shown].reverse().find(byUser);
    for (const m of shown) {
      const lines = terminalText(readable(m.body), 'block')
        .split('\n')
        .flatMap((l) => wrapText(l, width - 4, '').split('\n'));
      const keep = m === lastUser ? lines.length : 4;
      const excerpt =
        lines
          .slice(0, keep)
          .map((l) => `    ${l}\n`)
          .join('') + (lines.length > keep ? `    ${p.dim('…')}\n` : '');
      text += `  ${p.bold(`@${m.author ?? 'ghost'}`)} ${p.dim(`· ${when(m.createdAt)}${m.kind === 'reply' ? ' · reply' : ''}${m.isAnswer ? ' · answer' : ''}`)}\n${excerpt}`;
    }
  }
  return `${text}\n${link(d.url, d.url, term.hyperlinks)}\n`;
}
