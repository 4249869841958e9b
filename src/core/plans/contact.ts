import { DateTime } from 'luxon';
import type { Discussion, TeamRule } from '../conversation.js';
import { customerName, markersOf, trustedMarker } from '../conversation.js';
import { withMarker } from '../markers.js';
import type { PlannedAction, Step } from './plan.js';
import { skipAction } from './plan.js';

/** How an inquiry from outside GitHub came in. */
export const VIAS = ['hotline', 'walk-in', 'email', 'chat', 'hallway', 'other'] as const;

/** "Jane Q. Smith <jane@lab.gov>" → "J. Q. S." */
export function initials(customer: string): string {
  const parts = customerName(customer).split(/\s+/).filter(Boolean);
  return parts.length ? parts.map((p) => `${[...p][0]!.toUpperCase()}.`).join(' ') : '(private)';
}

export interface Contact {
  /** client id: the key that makes sending it exactly-once */
  id: string;
  via: string;
  /** the customer as given, or undefined */
  customer?: string;
  customerPrivate?: boolean;
  at: number;
  handler: string | null;
  /** who the contact reached, when not the acting Primary who owns it (docs/process.md#acting-roles's three-way handoff) */
  receiver?: string | null;
  /** whether the receiver answered the customer; when not, this post is not the team's response and the clock runs */
  answered?: boolean;
  text: string;
  effort?: number;
  zone: string;
}

/**
 * The body of a logged call: how it came, who asked, when, who took it, then
 * the description, and a contact marker, so the call counts as the user's turn
 * and this post as the team's answer. The marker names the customer (initials
 * when private, never an email) so that later comments can greet them.
 */
export function contactBody(c: Contact): string {
  const shown = c.customer?.trim() ? (c.customerPrivate ? initials(c.customer) : c.customer.trim()) : null;
  const local = DateTime.fromMillis(c.at, { zone: c.zone }).toFormat('ccc LLL d yyyy, HH:mm ZZZZ');
  const header = [
    `**Inquiry logged from a ${c.via} contact.**`,
    '',
    `- Contact: ${c.via}`,
    `- Customer: ${shown ?? 'not given'}`,
    `- Time of contact: ${local}`,
    ...(misdirected(c)
      ? [
          `- Received by: @${c.receiver}${c.answered ? ', who answered the customer' : ''}`,
          `- Owner: ${c.handler ? `@${c.handler} (acting Primary)` : 'the support team'}`,
        ]
      : [`- Taken by: ${c.handler ? `@${c.handler}` : 'the support team'}`]),
    '',
    '---',
    '',
    c.text.trim(),
  ].join('\n');
  const customer = shown === null ? null : c.customerPrivate ? shown : customerName(shown) || null;
  const three = misdirected(c) ? { receiver: c.receiver, ...(c.answered ? {} : { answered: false }) } : {};
  return withMarker(
    header,
    'contact',
    {
      via: c.via,
      at: new Date(c.at).toISOString().replace(/\.000Z$/, 'Z'),
      handler: c.handler,
      ...three,
      id: c.id,
      ...(customer ? { customer } : {}),
    },
    { effort: c.effort },
  );
}

/** A contact that reached someone other than the acting Primary who owns it. */
export function misdirected(c: Pick<Contact, 'receiver' | 'handler'>): boolean {
  return Boolean(c.receiver && c.receiver.toLowerCase() !== (c.handler ?? '').toLowerCase());
}

export interface SendFacts {
  kind: 'log-call' | 'sync';
  entry: { id: string; title: string; body: string; label: string | null; repository: string };
  repositoryId: string;
  categoryId: string | null;
  labelId: string | null;
  /** the discussion an earlier attempt created, found by the entry's client id */
  existing?: { id: string; number: number; url: string; labels: string[] };
}

/**
 * Sends an inquiry exactly once, every step of it: creates the discussion and
 * labels it; a discussion an earlier attempt created is completed (labelled)
 * rather than skipped, so it never falls out of scope.
 */
export function planSend(f: SendFacts): PlannedAction {
  const { entry, existing } = f;
  const base = { kind: f.kind, number: existing?.number ?? null, url: existing?.url ?? null };
  const labelMissing = Boolean(f.labelId && entry.label && !existing?.labels.includes(entry.label));
  if (existing && !labelMissing) return skipAction(base, 'already on GitHub (an earlier attempt got through)', entry.id);
  const steps: Step[] = existing
    ? [{ op: 'reuse-created', created: existing }]
    : [
        {
          op: 'create-discussion',
          repository: entry.repository,
          repositoryId: f.repositoryId,
          categoryId: f.categoryId,
          title: entry.title,
          body: entry.body,
          key: entry.id,
        },
      ];
  if (labelMissing) steps.push({ op: 'add-labels', labelableId: 'created', labelIds: [f.labelId!] });
  return {
    ...base,
    key: entry.id,
    ...(existing ? { reason: `completed what an earlier attempt began: added the "${entry.label}" label` } : {}),
    preview: `${entry.title}\n\n${entry.body}`,
    steps,
  };
}

/** The Primary and Backup at an instant, as logins. */
export interface DutyRoles {
  primary: string | null;
  backup: string | null;
}

/**
 * Who should take a classified inquiry: someone acting as Primary or Backup
 * with access (a delegate, a stand-in for someone away, docs/process.md#acting-roles);
 * else, when the customer needs an answer within a day, the whole team with
 * access. Each person on duty is named with the role they act in.
 */
export function classifiedAdvice(access: readonly string[], acting: DutyRoles, rota: DutyRoles, hoursLeft: number | null): string {
  const same = (a: string | null, b: string | null) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());
  const has = (l: string) => access.some((x) => same(x, l));
  const duty = (['primary', 'backup'] as const).flatMap((role) => {
    const login = acting[role];
    if (!login) return [];
    const name = role === 'primary' ? 'Primary' : 'Backup';
    return [{ login, label: `@${login} (${same(login, rota[role]) ? '' : 'acting '}${name})` }];
  });
  if (access.length === 0) return 'Nobody on the team is marked "classifiedAccess": ask your group lead who can take it.';
  const onDuty = duty.filter((d) => has(d.login));
  if (onDuty.length > 0) return `Hand it to ${onDuty.map((d) => d.label).join(' or ')}: on duty, with access.`;
  const none =
    duty.length === 0
      ? 'Nobody is on duty'
      : duty.length === 1
        ? `${duty[0]!.label} has no access`
        : `Neither ${duty[0]!.label} nor ${duty[1]!.label} has access`;
  const list = access.map((l) => `@${l}`).join(', ');
  if (hoursLeft !== null && hoursLeft <= 24) return `${none} and the customer needs an answer within hours: ask the whole team (${list}).`;
  return `${none}: hand it to one of ${list}.`;
}

/**
 * A contact someone other than its owner received and did not answer, that
 * the owner has not yet confirmed reaching (`log-call --confirm`): the inquiry
 * is "awaiting contact" with its owner. Null otherwise.
 */
export function awaitingContact(d: Discussion, team: TeamRule): { owner: string; receiver: string } | null {
  const post = d.messages.find((m) => m.kind === 'post');
  const m = post ? trustedMarker(post, team) : null;
  if (m?.kind !== 'contact' || m.answered !== false || typeof m.receiver !== 'string' || typeof m.handler !== 'string') return null;
  if (markersOf(d, team, 'contact-confirmed').length) return null;
  return { owner: m.handler, receiver: m.receiver };
}
