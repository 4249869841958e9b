import { DateTime } from 'luxon';
import type { TeamMember } from './config.js';
import type { BusinessCalendar } from './businessTime.js';
import { businessMinutesBetween } from './businessTime.js';
import type { AwayStretch, ClassifiedRequest, Delegation, DeskState } from './acting.js';
import { actingRoles, awayLength, expiredProposals, mayPropose, overlaps } from './acting.js';
import { formatDuration } from './duration.js';
import { UsageError } from './errors.js';
import type { MarkerKind } from './markers.js';
import { formatMarker } from './markers.js';
import { fillTemplate } from './template.js';
import type { SwapProposal } from './swaps.js';
import { swapProposalKey } from './swaps.js';
import { relative } from './timeText.js';

/**
 * Plans for the comments that go to the desk thread (docs/process.md#acting-roles): away notices,
 * delegations, swap announcements, classified requests and claims, and the
 * note that tells the acting Primary about a contact someone else received.
 * Each plan carries its text (from a template in templates/), its @mentions,
 * its trusted marker and its idempotency key; an executor posts it.
 */

export interface Template {
  text: string;
  /** the file it came from, named in errors */
  source: string;
}

export type DeskPostKind =
  | 'away'
  | 'away-cancel'
  | 'delegate'
  | 'delegate-accept'
  | 'delegate-decline'
  | 'delegate-cancel'
  | 'swap'
  | 'swap-accept'
  | 'classified'
  | 'claim'
  | 'misdirected'
  | 'contact-confirmed'
  | 'incident'
  | 'postmortem';

export interface DeskPost {
  kind: DeskPostKind;
  key: string;
  /** one line for the plan shown before posting */
  reason: string;
  /** logins the comment @mentions, so GitHub tells them */
  mentions: string[];
  /** the words people read */
  text: string;
  /** the text and its marker line: what is posted */
  body: string;
  /** the key is already on the desk thread: posting again would double it */
  alreadyPosted: boolean;
  /** for the person running the command (warnings), never posted */
  notes: string[];
  /** who posts it, when the plan knows (a delegation counts only from its proposer) */
  author?: string;
  /** what the result line says was done, in words: whom it asked, until when */
  done?: string;
  /** why nothing is posted when `alreadyPosted` (by default: it is on the desk thread already) */
  already?: string;
}

export const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** "Mon Nov 30, 13:00 PST": how the desk thread shows times, in the team's zone. */
export function deskTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale('en-US').toFormat('ccc LLL d, HH:mm ZZZZ');
}

/**
 * "from Tue Dec 1, 13:00 PST until Tue Dec 1, 15:00 PST (in 2 days)", or
 * "from now until …": a window as the person running the command reads it,
 * in the team's zone.
 */
export function windowText(start: number, until: number, zone: string, now: number): string {
  return `${start <= now ? 'from now' : `from ${deskTime(start, zone)}`} until ${deskTime(until, zone)} (${relative(until, now)})`;
}

const at = (login: string) => `@${login}`;
const same = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());
const unique = (logins: Array<string | null | undefined>) =>
  logins.filter((l): l is string => Boolean(l)).filter((l, i, all) => all.findIndex((x) => same(x, l)) === i);
const mentionList = (logins: readonly string[]) => (logins.length ? logins.map(at).join(' ') : 'the team');

/** Fills a template and drops the lines that only held an optional part left empty. */
export function renderTemplate(template: Template, values: Record<string, string>): string {
  fillTemplate(template.text, values, template.source);
  return template.text
    .split('\n')
    .flatMap((line) => {
      const filled = fillTemplate(line, values, template.source)
        .replace(/[ \t]+/g, ' ')
        .trim();
      return filled === '' && /\{\{/.test(line) ? [] : [filled];
    })
    .join('\n')
    .trim();
}

function post(
  kind: DeskPostKind,
  key: string,
  fields: Record<string, unknown>,
  parts: Omit<DeskPost, 'kind' | 'key' | 'body' | 'alreadyPosted'>,
  desk: DeskState,
): DeskPost {
  const marker = formatMarker({ kind: kind as MarkerKind, ...fields, key });
  return { kind, key, ...parts, body: `${parts.text}\n\n${marker}`, alreadyPosted: desk.keys.has(key) };
}

function member(team: readonly TeamMember[], login: string, flag: string): TeamMember {
  const m = team.find((x) => same(x.login, login));
  if (!m) throw new UsageError(`${flag} @${login} is not on the team`, `choose one of: ${team.map((x) => x.login).join(', ')}`);
  return m;
}

export interface AwayInput {
  who: string;
  from: number;
  until: number;
  note?: string;
  now: number;
  zone: string;
  cal: BusinessCalendar;
  goalMinutes: number;
  /** the rota's Primary and Backup when the stretch starts */
  primary: string | null;
  backup: string | null;
  team: readonly TeamMember[];
  desk: DeskState;
  /** away stretches already known (desk and team file), to name who acts meanwhile */
  away: readonly AwayStretch[];
  template: Template;
}

/** An away notice: @mentions the Primary and Backup on duty (and whoever stands in), marker `away`. */
export function planAway(input: AwayInput): DeskPost {
  const { who, from, until, zone } = input;
  if (until <= from)
    throw new UsageError(
      `--until ${deskTime(until, zone)} is not after --from ${deskTime(from, zone)}`,
      'give an --until later than --from',
    );
  if (until <= input.now)
    throw new UsageError(`the stretch ended at ${deskTime(until, zone)}, before now`, 'give an --until in the future');
  const { businessMinutes, short } = awayLength(input.cal, from, until, input.goalMinutes);
  const notes: string[] = [];
  if (short) {
    notes.push(
      `the stretch is ${formatDuration(businessMinutes)} of business time, shorter than the ${formatDuration(input.goalMinutes)} response goal: no notice is needed, posting it all the same`,
    );
  }
  const stretch: AwayStretch = { login: who, from, until, source: 'desk' };
  const roles = actingRoles({
    at: Math.max(from, input.now),
    primary: input.primary,
    backup: input.backup,
    team: input.team,
    away: [...input.away, stretch],
    delegations: input.desk.delegations,
  });
  const acting: string[] = [];
  if (roles.primary.login && !same(roles.primary.login, input.primary))
    acting.push(`${at(roles.primary.login)} acts as Primary meanwhile.`);
  if (roles.backup.login && !same(roles.backup.login, input.backup)) acting.push(`${at(roles.backup.login)} acts as Backup meanwhile.`);
  const mentions = unique([input.primary, input.backup, roles.primary.login, roles.backup.login]).filter((l) => !same(l, who));
  const text = renderTemplate(input.template, {
    who: at(who),
    from: deskTime(from, zone),
    until: deskTime(until, zone),
    business_time: formatDuration(businessMinutes),
    note: input.note ? `> ${input.note.replace(/\s+/g, ' ').trim()}` : '',
    acting: acting.join(' '),
    mentions: mentionList(mentions),
  });
  const key = `away:${who}:${utc(from)}:${utc(until)}`;
  return post(
    'away',
    key,
    { who, from: utc(from), until: utc(until), ...(input.note ? { note: input.note } : {}) },
    { reason: `tell the team ${at(who)} is away`, mentions, text, notes },
    input.desk,
  );
}

export interface CancelAwayInput {
  who: string;
  now: number;
  zone: string;
  primary: string | null;
  backup: string | null;
  desk: DeskState;
  template: Template;
}

/** `away --cancel`: withdraws the latest away notice of `who` that has not ended. */
export function planCancelAway(input: CancelAwayInput): DeskPost {
  const latest = input.desk.away
    .filter((a) => a.source === 'desk' && a.key && same(a.login, input.who) && a.until > input.now)
    .sort((a, b) => (b.postedAt ?? 0) - (a.postedAt ?? 0))[0];
  if (!latest)
    throw new UsageError(
      `@${input.who} has no away notice on the desk thread to withdraw`,
      'see `visit-sre who` for the away notices that are running',
    );
  const mentions = unique([input.primary, input.backup]).filter((l) => !same(l, input.who));
  const text = renderTemplate(input.template, {
    who: at(input.who),
    from: deskTime(latest.from, input.zone),
    until: deskTime(latest.until, input.zone),
    mentions: mentionList(mentions),
  });
  return post(
    'away-cancel',
    `away-cancel:${latest.key}`,
    { who: input.who, cancels: latest.key },
    { reason: `withdraw the away notice ${latest.key}`, mentions, text, notes: [] },
    input.desk,
  );
}

export interface DelegateInput {
  /** who proposes: the token's user */
  proposer: string;
  /** the rota's Primary shift running at `start` */
  shift: { login: string | null; start: number; end: number } | null;
  /** who may propose a delegation at `start`: the rota's Primary and whoever stands in for them (`actingRoles`) */
  mayDelegate: readonly string[];
  to: string;
  start: number;
  until: number;
  now: number;
  zone: string;
  team: readonly TeamMember[];
  desk: DeskState;
  away: readonly AwayStretch[];
  template: Template;
}

const live = (d: Delegation, now: number) => (d.state === 'proposed' || d.state === 'accepted') && now < d.until;

/**
 * A delegation proposal: @mentions the delegate, marker `delegate`. Nothing
 * changes until the delegate accepts. It ends with the Primary's shift at the
 * latest; once accepted, it replaces the open delegations of the same shift
 * that it overlaps, and the text says so.
 */
export function planDelegate(input: DelegateInput): DeskPost {
  const { shift, zone, to, proposer } = input;
  if (!shift?.login)
    throw new UsageError(
      `nobody on the team is Primary at ${deskTime(input.start, zone)}`,
      'check the rotation with `visit-sre who --at …`',
    );
  if (!mayPropose(proposer, input.mayDelegate))
    throw new UsageError(
      `only the acting Primary may propose a delegation: at ${deskTime(input.start, zone)} that is ${input.mayDelegate.map(at).join(' or ') || 'nobody'}, not @${proposer}`,
      `ask ${input.mayDelegate.map(at).join(' or ') || 'the Primary'} to run \`visit-sre delegate\`; see \`visit-sre who --at …\``,
    );
  const delegate = member(input.team, to, '--to').login;
  if (same(delegate, shift.login) || same(delegate, proposer))
    throw new UsageError(
      `@${delegate} ${same(delegate, shift.login) ? 'is the Primary' : 'holds the Primary role'} at ${deskTime(input.start, zone)}`,
      'delegate to someone else, by default the Backup',
    );
  if (input.until <= input.start)
    throw new UsageError(
      `--until ${deskTime(input.until, zone)} is not after --from ${deskTime(input.start, zone)}`,
      'give an --until later than --from',
    );
  if (input.until <= input.now)
    throw new UsageError(`the delegation would end at ${deskTime(input.until, zone)}, before now`, 'give an --until in the future');
  const notes: string[] = [];
  let until = input.until;
  if (until > shift.end) {
    until = shift.end;
    notes.push(`the delegation ends with @${shift.login}'s shift, at ${deskTime(until, zone)}`);
  }
  const window = { start: input.start, until };
  if (input.away.some((a) => same(a.login, delegate) && overlaps({ start: a.from, until: a.until }, window))) {
    notes.push(`@${delegate} is away during part of it: the Primary role falls back to @${proposer}, or the Backup, then`);
  }
  // The same proposal again, once an earlier one was declined, cancelled or replaced, is a new proposal with its own key.
  const base = `delegate:${proposer}:${delegate}:${utc(input.start)}:${utc(until)}`;
  const earlier = input.desk.delegations.filter((d) => d.key === base || d.key.startsWith(`${base}#`));
  const key = earlier.find((d) => live(d, input.now))?.key ?? (earlier.length ? `${base}#${earlier.length + 1}` : base);
  const replaced = input.desk.delegations.filter(
    (d) =>
      d.key !== key && same(d.from, proposer) && live(d, input.now) && d.start < shift.end && d.until > shift.start && overlaps(d, window),
  );
  const replaces = replaced.map(
    (d) => `Once accepted, this replaces the delegation to ${at(d.to)} from ${deskTime(d.start, zone)} until ${deskTime(d.until, zone)}.`,
  );
  notes.push(
    ...replaced.map(
      (d) => `once accepted, this replaces the delegation to @${d.to} from ${deskTime(d.start, zone)} until ${deskTime(d.until, zone)}`,
    ),
  );
  notes.push(`nothing changes until @${delegate} accepts, with \`visit-sre delegate --accept\``);
  const mentions = unique([delegate, ...replaced.map((d) => d.to)]);
  const text = renderTemplate(input.template, {
    primary: at(proposer),
    delegate: at(delegate),
    start: deskTime(input.start, zone),
    until: deskTime(until, zone),
    replaces: replaces.join(' '),
  });
  return {
    ...post(
      'delegate',
      key,
      {
        from: proposer,
        to: delegate,
        start: utc(input.start),
        until: utc(until),
        shift: utc(shift.start),
        ...(replaced.length ? { replaces: replaced.map((d) => d.key) } : {}),
      },
      {
        reason: `propose that @${delegate} act as Primary for @${proposer} ${windowText(input.start, until, zone, input.now)}`,
        mentions,
        text,
        notes,
      },
      input.desk,
    ),
    author: proposer,
    done: `asked @${delegate} to act as Primary for @${proposer} ${windowText(input.start, until, zone, input.now)}; nothing changes until @${delegate} accepts`,
  };
}

export type DelegationAnswer = 'accept' | 'decline' | 'cancel';

export interface DelegationAnswerInput {
  answer: DelegationAnswer;
  /** who answers: the token's user */
  who: string;
  now: number;
  zone: string;
  desk: DeskState;
  /** whether a proposal came from someone who could propose it then (`mayPropose` at its start); readers ignore the rest */
  valid: (d: Delegation) => boolean;
  template: Template;
}

/**
 * `delegate --accept` and `--decline`, by the delegate, answer the latest
 * proposal addressed to them; `--cancel`, by the Primary or the delegate,
 * ends the latest open delegation they are part of, at once (docs/process.md#delegation).
 * The answer @mentions the other person, with a trusted marker naming the
 * proposal.
 */
export function planDelegationAnswer(input: DelegationAnswerInput): DeskPost {
  const { answer, who, now, zone } = input;
  const mine = input.desk.delegations
    .filter((d) => live(d, now) && input.valid(d) && (answer === 'cancel' ? same(d.from, who) || same(d.to, who) : same(d.to, who)))
    .sort((a, b) => b.postedAt - a.postedAt);
  const d = mine[0];
  if (!d)
    throw new UsageError(
      answer === 'cancel'
        ? `@${who} has no delegation to cancel: none is proposed or running that names them`
        : `no delegation proposal to @${who} is waiting for an answer`,
      'see `visit-sre who --json` (its "delegation"); a proposal comes from the acting Primary: visit-sre delegate --to LOGIN --until WHEN',
    );
  if (answer === 'decline' && d.state === 'accepted')
    throw new UsageError(`@${who} accepted the delegation from @${d.from} already`, 'to end it, run `visit-sre delegate --cancel`');
  const kind: DeskPostKind = `delegate-${answer}`;
  const key = `${kind}:${d.key}`;
  const other = same(who, d.from) ? d.to : d.from;
  const start = d.acceptedAt === null ? Math.max(d.start, answer === 'accept' ? now : d.start) : Math.max(d.start, d.acceptedAt);
  const text = renderTemplate(input.template, {
    who: at(who),
    primary: at(d.from),
    delegate: at(d.to),
    start: deskTime(start, zone),
    until: deskTime(d.until, zone),
    what: d.state === 'accepted' ? 'the delegation' : 'the proposal',
    after:
      d.state === 'accepted'
        ? `The Primary role is ${at(d.from)}'s again from now.`
        : `Nothing had changed: the Primary role stays with ${at(d.from)}.`,
  });
  const accepted = answer === 'accept' ? d.state === 'accepted' : false;
  const window = windowText(start, d.until, zone, now);
  const planned = post(
    kind,
    key,
    { proposal: d.key, who, from: d.from, to: d.to },
    { reason: `${answer} the delegation from @${d.from} to @${d.to} ${window}`, mentions: [other], text, notes: [] },
    input.desk,
  );
  return {
    ...planned,
    alreadyPosted: planned.alreadyPosted || accepted,
    author: who,
    done: delegationAnswered(answer, d, answer === 'cancel' && start <= now ? `it was to run until ${deskTime(d.until, zone)}` : window),
    ...(accepted ? { already: `@${d.to} accepted it already: acting as Primary for @${d.from} ${window}` } : {}),
  };
}

/** What `delegate --accept`, `--decline` and `--cancel` say they did: who holds the Primary role, and until when. */
function delegationAnswered(answer: DelegationAnswer, d: Delegation, window: string): string {
  if (answer === 'accept') return `@${d.to} acts as Primary for @${d.from} ${window}`;
  if (answer === 'decline') return `declined @${d.from}'s proposal (${window}): the Primary role stays with @${d.from}`;
  return d.state === 'accepted'
    ? `ended the delegation from @${d.from} to @${d.to} (${window}): @${d.from} is Primary again from now`
    : `withdrew the proposal from @${d.from} to @${d.to} (${window}): the Primary role stays with @${d.from}`;
}

export interface SwapInput {
  role: 'primary' | 'backup';
  /** the Monday of the week, YYYY-MM-DD */
  monday: string;
  weekLabel: string;
  to: { login: string; name: string };
  from: string | null;
  /** rules the swap breaks (made with --force) */
  broken: readonly string[];
  sequence: number;
  desk: DeskState;
  template: Template;
}

/** The announcement of a swap: @mentions whoever's shift changed. */
export function planSwapAnnouncement(input: SwapInput): DeskPost {
  const text = renderTemplate(input.template, {
    role: input.role === 'primary' ? 'Primary' : 'Backup',
    week: DateTime.fromISO(input.monday, { zone: 'UTC' }).setLocale('en-US').toFormat('ccc LLL d'),
    week_label: input.weekLabel,
    to: at(input.to.login),
    to_name: input.to.name,
    taking_over: input.from ? `, taking over from ${at(input.from)}` : '',
    notes: input.broken.length ? ` Note: ${input.broken.join('; ')}.` : '',
  });
  const key = `swap:${input.weekLabel}:${input.role}:${input.to.login}:${input.sequence}`;
  return post(
    'swap',
    key,
    { week: input.monday, role: input.role, from: input.from, to: input.to.login, sequence: input.sequence },
    { reason: `announce the ${input.role} swap of ${input.weekLabel}`, mentions: unique([input.to.login, input.from]), text, notes: [] },
    input.desk,
  );
}

export interface SwapProposalInput {
  role: 'primary' | 'backup';
  monday: string;
  weekLabel: string;
  to: { login: string; name: string };
  /** the person relieved, or their name as the calendar gives it when it is nobody on the team */
  from: string | null;
  fromRaw: string;
  broken: readonly string[];
  desk: DeskState;
  template: Template;
}

const weekOf = (monday: string) => DateTime.fromISO(monday, { zone: 'UTC' }).setLocale('en-US').toFormat('ccc LLL d');
const roleName = (role: 'primary' | 'backup') => (role === 'primary' ? 'Primary' : 'Backup');

/**
 * A swap on a calendar the tool did not write (docs/process.md#swaps): a proposal on the
 * desk thread, @mentioning the replacement (and the person relieved). It
 * changes nothing until the replacement accepts it.
 */
export function planSwapProposal(input: SwapProposalInput): DeskPost {
  const text = renderTemplate(input.template, {
    role: roleName(input.role),
    week: weekOf(input.monday),
    week_label: input.weekLabel,
    to: at(input.to.login),
    to_name: input.to.name,
    from: input.from ? at(input.from) : input.fromRaw,
    notes: input.broken.length ? ` Note: ${input.broken.join('; ')}.` : '',
  });
  return post(
    'swap',
    swapProposalKey(input.weekLabel, input.role, input.from, input.to.login),
    { week: input.monday, role: input.role, from: input.from, to: input.to.login },
    {
      reason: `propose the ${input.role} swap of ${input.weekLabel} to @${input.to.login}`,
      mentions: unique([input.to.login, input.from]),
      text,
      notes: [],
    },
    input.desk,
  );
}

/** The replacement's accept of a proposal: from now on every reader takes the role from it. */
export function planSwapAccept(input: {
  proposal: SwapProposal;
  weekLabel: string;
  fromRaw: string;
  desk: DeskState;
  template: Template;
}): DeskPost {
  const p = input.proposal;
  const text = renderTemplate(input.template, {
    role: roleName(p.role),
    week: weekOf(p.week),
    week_label: input.weekLabel,
    to: at(p.to),
    from: p.from ? at(p.from) : input.fromRaw,
  });
  return post(
    'swap-accept',
    `swap-accept:${p.key}`,
    { proposal: p.key, week: p.week, role: p.role, from: p.from, to: p.to },
    { reason: `accept the ${p.role} swap of ${input.weekLabel}`, mentions: unique([p.from]), text, notes: [] },
    input.desk,
  );
}

export interface ClassifiedRequestInput {
  neededBy: number;
  handler: string | null;
  /** when the inquiry was logged: with the handler, it makes the key */
  loggedAt: number;
  zone: string;
  team: readonly TeamMember[];
  desk: DeskState;
  template: Template;
}

/**
 * A request for someone with classified access. It takes no content at all
 * (no title, body, customer or contact method), so none can reach GitHub.
 */
export function planClassifiedRequest(input: ClassifiedRequestInput): DeskPost {
  const access = input.team.filter((m) => m.classifiedAccess).map((m) => m.login);
  if (access.length === 0)
    throw new UsageError(
      'nobody on the team is marked "classifiedAccess": true',
      'mark the members with access in the team file, or ask your group lead who can take it',
    );
  const key = `classified:${input.handler ?? 'unknown'}:${utc(input.loggedAt)}`;
  const existing = input.desk.requests.find((r) => r.key === key);
  const number = existing?.number ?? Math.max(0, ...input.desk.requests.map((r) => r.number)) + 1;
  const mentions = access.filter((l) => !same(l, input.handler));
  const text = renderTemplate(input.template, {
    number: String(number),
    needed_by: deskTime(input.neededBy, input.zone),
    access: mentionList(mentions.length ? mentions : access),
    handler: input.handler ? at(input.handler) : 'the person who logged it',
  });
  const notes = mentions.length ? [] : [`only @${input.handler} has classified access`];
  return post(
    'classified',
    key,
    { number, neededBy: utc(input.neededBy), handler: input.handler, access },
    {
      reason: `ask for someone with classified access by ${utc(input.neededBy)}`,
      mentions: mentions.length ? mentions : access,
      text,
      notes,
    },
    input.desk,
  );
}

export interface ClaimInput {
  /** the request's number; may be left out when exactly one is open */
  number?: number;
  who: string;
  team: readonly TeamMember[];
  desk: DeskState;
  /** the team's zone, for saying when a claim was made */
  zone: string;
  template: Template;
}

/** "1 is already claimed by @ada-lovelace since Mon Nov 30, 09:05 PST": who holds a classified inquiry, and since when. */
export function claimedText(r: ClassifiedRequest, zone: string): string {
  return `${r.number} is already claimed by @${r.claimedBy}${r.claimedAt !== undefined ? ` since ${deskTime(r.claimedAt, zone)}` : ''}`;
}

/** `claim N`: takes a classified request; @mentions the member who holds the contact. */
export function planClaim(input: ClaimInput): DeskPost {
  const open = input.desk.requests.filter((r) => r.claimedBy === null);
  const claimed = input.desk.requests.filter((r) => r.claimedBy !== null);
  let request: ClassifiedRequest | undefined;
  if (input.number === undefined) {
    // Nothing open, and the latest claim is the runner's own: the same claim again, posted once.
    const own = open.length === 0 && same(claimed.at(-1)?.claimedBy, input.who) ? claimed.at(-1) : undefined;
    if (open.length !== 1 && !own) {
      throw new UsageError(
        open.length
          ? `${open.length} classified inquiries are open: ${open.map((r) => r.number).join(', ')}`
          : claimed.length
            ? `no classified inquiry is waiting for a claim: ${claimed
                .slice(-3)
                .map((r) => `inquiry ${claimedText(r, input.zone)}`)
                .join('; ')}`
            : 'no classified inquiry is waiting for a claim',
        open.length
          ? 'name one: visit-sre claim N'
          : claimed.length
            ? `nothing to do; to take one over, agree it with @${claimed.at(-1)!.claimedBy}`
            : 'see the desk thread for earlier ones',
      );
    }
    request = own ?? open[0];
  } else {
    request = input.desk.requests.find((r) => r.number === input.number);
    if (!request)
      throw new UsageError(
        `no classified inquiry ${input.number} on the desk thread`,
        open.length ? `open ones: ${open.map((r) => r.number).join(', ')}` : 'nothing is waiting for a claim',
      );
  }
  const req = request!;
  if (req.claimedBy && !same(req.claimedBy, input.who))
    throw new UsageError(
      `classified inquiry ${claimedText(req, input.zone)}`,
      `nothing to do; to take it over, agree it with @${req.claimedBy}`,
    );
  const who = input.team.find((m) => same(m.login, input.who));
  if (!who?.classifiedAccess)
    throw new UsageError(
      `@${input.who} is not marked "classifiedAccess" in the team file`,
      `ask one of: ${req.access.map(at).join(', ') || 'your group lead'}`,
    );
  const mentions = unique([req.handler]).filter((l) => !same(l, who.login));
  const text = renderTemplate(input.template, { number: String(req.number), who: at(who.login), handler: mentionList(mentions) });
  const planned = post(
    'claim',
    `claim:${req.key}`,
    { request: req.key, number: req.number, who: who.login },
    { reason: `claim classified inquiry ${req.number} for @${who.login}`, mentions, text, notes: [] },
    input.desk,
  );
  return {
    ...planned,
    alreadyPosted: planned.alreadyPosted || same(req.claimedBy, who.login),
    done: `@${who.login} claimed classified inquiry ${req.number}; ${mentions.length ? `${mentionList(mentions)} is asked to hand it over off GitHub` : 'nobody else holds the contact'}`,
    already: `classified inquiry ${claimedText({ ...req, claimedBy: req.claimedBy ?? who.login }, input.zone)}`,
  };
}

export interface ClassifiedReminder {
  key: string;
  number: number;
  to: string[];
  text: string;
}

/**
 * The reminders `notify` sends, once each: an unclaimed request whose time
 * is less than `leadMinutes` of business time away (or past).
 */
export function classifiedReminders(
  desk: DeskState,
  now: number,
  cal: BusinessCalendar,
  leadMinutes: number,
  zone: string,
  template: Template,
): ClassifiedReminder[] {
  return desk.requests
    .filter(
      (r) =>
        r.claimedBy === null &&
        r.postedAt <= now &&
        !desk.keys.has(`classified-reminder:${r.key}`) &&
        businessMinutesBetween(cal, now, r.neededBy) <= leadMinutes,
    )
    .map((r) => {
      const others = r.access.filter((l) => !same(l, r.handler));
      const to = others.length ? others : r.access;
      return {
        key: `classified-reminder:${r.key}`,
        number: r.number,
        to,
        text: renderTemplate(template, { number: String(r.number), needed_by: deskTime(r.neededBy, zone) }),
      };
    });
}

/**
 * The notices `notify` sends once each (docs/process.md#delegation): a proposal whose window
 * ended in (from, now] before its delegate accepted it, to the Primary who
 * proposed it. Logins are named without @: the delegate needs no ping.
 */
export function expiredProposalNotices(
  desk: DeskState,
  from: number,
  now: number,
  valid: (d: Delegation) => boolean,
  zone: string,
  template: Template,
): Array<{ key: string; title: string; to: string[]; when: 'delegate-expired' }> {
  return expiredProposals(desk.delegations, from, now)
    .filter(valid)
    .map((d) => ({
      key: `delegate-expired:${d.key}`,
      to: [d.from],
      when: 'delegate-expired' as const,
      title: renderTemplate(template, {
        primary: d.from,
        delegate: d.to,
        start: deskTime(d.start, zone),
        until: deskTime(d.until, zone),
      }),
    }));
}

export interface MisdirectedInput {
  /** the discussion logged for the contact */
  number: number;
  url: string;
  receiver: string;
  owner: string;
  answered: boolean;
  desk: DeskState;
  template: Template;
}

/** Tells the acting Primary about a contact that reached someone else (three-way handoff). */
export function planMisdirected(input: MisdirectedInput): DeskPost {
  const text = renderTemplate(input.template, {
    receiver: at(input.receiver),
    owner: at(input.owner),
    link: `#${input.number} (${input.url})`,
    answered: input.answered
      ? `${at(input.receiver)} has answered the customer already.`
      : 'Nobody has answered the customer yet: the response clock runs for you.',
  });
  return post(
    'misdirected',
    `misdirected:${input.url}`,
    { number: input.number, url: input.url, receiver: input.receiver, owner: input.owner, answered: input.answered },
    { reason: `tell @${input.owner} about #${input.number}`, mentions: [input.owner], text, notes: [] },
    input.desk,
  );
}

export interface ContactReminder {
  key: string;
  number: number;
  url: string;
  to: string[];
  title: string;
}

/**
 * The reminder `notify` sends once (docs/process.md, the three-way handoff):
 * a contact someone other than its owner received, not answered by them, that
 * the owner has not confirmed (`log-call --confirm`) one business hour after
 * it was logged. One whose discussion is no longer open (`open`, when given)
 * needs no reminder.
 */
export function contactReminders(
  desk: DeskState,
  now: number,
  cal: BusinessCalendar,
  open?: ReadonlySet<number>,
  afterMinutes = 60,
): ContactReminder[] {
  return desk.contacts
    .filter(
      (c) =>
        !c.answered &&
        !c.confirmed &&
        (open === undefined || open.has(c.number)) &&
        !desk.keys.has(`contact-reminder:${c.url}`) &&
        businessMinutesBetween(cal, c.postedAt, now) >= afterMinutes,
    )
    .map((c) => ({
      key: `contact-reminder:${c.url}`,
      number: c.number,
      url: c.url,
      to: [c.owner],
      title: `[#${c.number}](${c.url}): the customer that ${c.receiver} received has not been confirmed as reaching you; once you have talked to them, run \`visit-sre log-call --confirm ${c.number}\``,
    }));
}

export interface ConfirmInput {
  number: number;
  url: string;
  owner: string;
  desk: DeskState;
}

/** `log-call --confirm`: tells the desk thread the owner reached a redirected customer, so `notify` stops asking. */
export function planContactConfirmed(input: ConfirmInput): DeskPost {
  return post(
    'contact-confirmed',
    `contact-confirmed:${input.url}`,
    { number: input.number, url: input.url, owner: input.owner },
    {
      reason: `confirm that @${input.owner} reached the customer of #${input.number}`,
      mentions: [],
      text: `**Contact confirmed:** @\u200b${input.owner} reached the customer of #${input.number} (${input.url}): the three-way handoff is complete.`,
      notes: [],
    },
    input.desk,
  );
}

export interface IncidentInput {
  number: number;
  url: string;
  title: string;
  by: string | null;
  /** the logins config `incident.notify` names, resolved (docs/config.md) */
  notify: readonly string[];
  desk: DeskState;
}

/** `postmortem --incident`: a short notice on the desk thread, @mentioning the incident recipients, marker `incident`. */
export function planIncident(input: IncidentInput): DeskPost {
  const mentions = unique([...input.notify]);
  const title = input.title
    .replace(/[\r\n]+/g, ' ')
    .replace(/@/g, '@\u200b')
    .replace(/</g, '&lt;');
  return post(
    'incident',
    `incident:${input.url}`,
    { number: input.number, url: input.url, title: input.title, ...(input.by ? { by: input.by } : {}) },
    {
      reason: `mark #${input.number} as a serious incident`,
      mentions,
      text: `**Serious incident:** [#${input.number}](${input.url}) ${title}${input.by ? `, marked by @\u200b${input.by}` : ''}. It goes on the agenda of the next project meeting until its postmortem is linked (\`visit-sre postmortem ${input.number} --link URL\`). ${mentionList(mentions)}`,
      notes: mentions.length ? [] : ['nobody to notify: config "incident.notify" names nobody on the team'],
    },
    input.desk,
  );
}

/** `postmortem --link URL`: the incident's postmortem is written; the board and the handoff summary stop listing it. */
export function planPostmortemLink(input: { number: number; url: string; postmortem: string; desk: DeskState }): DeskPost {
  const incident = input.desk.incidents.find((i) => i.url === input.url);
  if (!incident)
    throw new UsageError(
      `#${input.number} is not marked as an incident on the desk thread`,
      `mark it first: visit-sre postmortem ${input.number} --incident`,
    );
  return post(
    'postmortem',
    `postmortem:${input.url}:${input.postmortem}`,
    { number: input.number, url: input.url, postmortem: input.postmortem },
    {
      reason: `link the postmortem of #${input.number}`,
      mentions: [],
      text: `**Postmortem** of the incident [#${input.number}](${input.url}): ${input.postmortem}`,
      notes: [],
    },
    input.desk,
  );
}

/** The incidents still waiting for their postmortem: what the board and the handoff summary list for the next project meeting. */
export const openIncidents = (desk: Pick<DeskState, 'incidents'>) => desk.incidents.filter((i) => i.postmortem === null);
