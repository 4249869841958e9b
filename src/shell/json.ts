import { UsageError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { jsonText } from './output.js';

/**
 * `--json FIELDS` and `--jq EXPR`, as `gh` has them. A field names either a
 * key of the document (`overdue`, `generatedAt`) or a key of the items in its
 * lists (`number`, `url`): `overdue --json number,url` keeps every list, each
 * item cut to those two keys. Fields are checked before the command runs, so
 * a typo never costs a write.
 */

const ITEM = [
  'number',
  'title',
  'url',
  'author',
  'state',
  'owner',
  'waitingSince',
  'dueAt',
  'businessHoursWaiting',
  'lastUserActivityAt',
  'daysSinceUserActivity',
  'overdue',
  'dueSoon',
  'stale',
  'via',
];
const ACTION = ['dryRun', 'actions', 'previews', 'kind', 'number', 'url', 'status', 'reason'];
const PERSON = ['login', 'name', 'start', 'end'];
/** docs/process.md#acting-roles: who acts now and who is away (who, start) */
const ACTING = ['actingPrimary', 'actingBackup', 'away', 'reason', 'until', 'from', 'source', 'note'];

/** The fields of each command's JSON document; a command missing here is checked against its output instead. */
export const JSON_FIELDS: Readonly<Record<string, readonly string[]>> = {
  who: [
    'at',
    'timeZone',
    'primary',
    'backup',
    'upcoming',
    'holidays',
    'date',
    ...PERSON,
    ...ACTING,
    'desk',
    'thread',
    'readAt',
    'delegation',
    'to',
    'state',
  ],
  overdue: ['generatedAt', 'responseGoal', 'overdue', 'dueSoon', 'stale', 'outbox', ...ITEM, ...ACTION],
  start: [
    'as',
    'role',
    'primary',
    'backup',
    'shift',
    'holidays',
    'handedOff',
    'offDuty',
    'discussions',
    'overdue',
    'stale',
    'lowHangingFruit',
    'notHandedOver',
    'outbox',
    'more',
    ...ITEM,
    ...ACTING,
  ],
  view: [
    'number',
    'title',
    'url',
    'author',
    'state',
    'owner',
    'category',
    'createdAt',
    'closed',
    'waitingSince',
    'dueAt',
    'businessHoursWaiting',
    'lastUserActivityAt',
    'daysSinceUserActivity',
    'overdue',
    'dueSoon',
    'stale',
    'via',
    'events',
    'messages',
    'at',
    'what',
    'by',
    'kind',
    'body',
  ],
  doctor: ['ok', 'checks', 'name', 'detail', 'fix'],
  handoff: [...ACTION, 'summary'],
  escalate: ACTION,
  decline: ACTION,
  resolve: ACTION,
  promote: ACTION,
  'log-call': [...ACTION, 'journal', 'classifiedAccess', 'advice'],
  away: ACTION,
  delegate: ACTION,
  claim: ACTION,
  sync: ACTION,
  effort: [...ACTION, 'journal'],
  /** docs/reference.md#notify-json */
  notify: ['generatedAt', 'dryRun', 'notifications', 'board', 'actions', 'cost', 'key', 'when', 'to', 'covers', ...ACTION],
  postmortem: ['dryRun', 'file', 'milestones', 'effortMinutes', 'businessHoursOpen', 'text'],
  'schedule generate': [
    'dryRun',
    'file',
    'kept',
    'weeks',
    'fairness',
    'monday',
    'primary',
    'backup',
    'login',
    'targetShare',
    'primaryWeeks',
    'backupWeeks',
    'weeksSinceLastPrimary',
  ],
  'schedule check': [
    'from',
    'to',
    'calendar',
    'problems',
    'shares',
    'kind',
    'week',
    'detail',
    'start',
    'end',
    'login',
    'targetShare',
    'primaryWeeks',
    'expected',
  ],
  'schedule swap': ['dryRun', 'file', 'week', 'role', 'from', 'to', 'sequence', 'forced', 'announcement', ...ACTION],
};

export interface JsonRequest {
  /** null: the whole document */
  fields: string[] | null;
  jq: string | null;
}

/** The global flags that take a value: the word after them is never the command, nor a field list. */
export const GLOBAL_VALUE_FLAGS: readonly string[] = ['--config', '--jq', '-q', '-R', '--repo'];

const FIELD_LIST = /^[A-Za-z][\w-]*(,[A-Za-z][\w-]*)*$/;
const SUBCOMMANDS = new Set(['generate', 'check', 'swap']);

/**
 * Takes `--json FIELDS` (or `--json=FIELDS`) out of argv, leaving a bare
 * `--json` for commander. The word after `--json` is a field list only once
 * the command is named, so `visit-sre --json who` still runs `who`, and a
 * discussion number after `--json` stays an argument.
 */
export function extractJsonFields(argv: readonly string[]): { argv: string[]; fields: string[] | null; command: string } {
  const out: string[] = [];
  const words: string[] = [];
  let fields: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--json=')) {
      fields = splitFields(a.slice('--json='.length));
      out.push('--json');
    } else if (a === '--json' && words.length > 0 && FIELD_LIST.test(argv[i + 1] ?? '') && !SUBCOMMANDS.has(argv[i + 1]!)) {
      fields = splitFields(argv[++i]!);
      out.push('--json');
    } else {
      out.push(a);
      // A missing value stays missing, for commander to name.
      if (GLOBAL_VALUE_FLAGS.includes(a)) {
        if (i + 1 < argv.length) out.push(argv[++i]!);
      } else if (!a.startsWith('-') && (words.length === 0 || (words[0] === 'schedule' && words.length === 1))) words.push(a);
    }
  }
  return { argv: out, fields, command: words.join(' ') };
}

function splitFields(text: string): string[] {
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (fields.length === 0)
    throw new UsageError('--json= names no fields', 'write --json number,url, or --json alone for the whole document');
  return fields;
}

/** A usage error naming the unknown fields and listing the known ones, as `gh` does. */
export function checkFields(fields: readonly string[], known: readonly string[]): void {
  const unknown = fields.filter((f) => !known.includes(f));
  if (unknown.length) {
    const guess = unknown.length === 1 ? didYouMean(unknown[0]!, known) : '';
    throw new UsageError(
      `unknown JSON field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}${guess ? ` (${guess})` : ''}`,
      `available fields: ${[...new Set(known)].sort().join(', ')}`,
    );
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pick(item: unknown, fields: readonly string[]): unknown {
  if (!isRecord(item)) return item;
  return Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]]));
}

/** Keys of the document and of the items in its lists: what a field may name. */
export function fieldsOf(doc: unknown): string[] {
  if (Array.isArray(doc)) return [...new Set(doc.flatMap((x) => (isRecord(x) ? Object.keys(x) : [])))];
  if (!isRecord(doc)) return [];
  return [...new Set([...Object.keys(doc), ...Object.values(doc).flatMap((v) => (Array.isArray(v) ? fieldsOf(v) : []))])];
}

/**
 * The document cut to `fields`. Named document keys are kept (their lists cut
 * to the named item keys, if any); when no document key is named, every list
 * of items is kept, cut to the item keys.
 */
export function selectFields(doc: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(doc)) return doc.map((x) => pick(x, fields));
  if (!isRecord(doc)) return doc;
  const itemFields = fields.filter((f) => !(f in doc));
  const namesKeys = itemFields.length < fields.length;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    const items = Array.isArray(value) && value.every(isRecord);
    if (fields.includes(key)) out[key] = items && itemFields.length ? value.map((x) => pick(x, itemFields)) : value;
    else if (!namesKeys && items && (value.length === 0 || itemFields.some((f) => value.some((x) => f in x))))
      out[key] = value.map((x) => pick(x, itemFields));
  }
  return out;
}

/** Applies fields and jq to one command's JSON text. jq is loaded only here, so no other run pays for it. */
export async function shapeJson(text: string, request: JsonRequest, opts: { command: string; pretty: boolean }): Promise<string> {
  if (!text.trim()) return text;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(`${opts.command || 'this command'} printed no JSON document to filter`, 'drop --jq and the --json field list');
  }
  if (request.fields) {
    if (!JSON_FIELDS[opts.command]) checkFields(request.fields, fieldsOf(doc));
    doc = selectFields(doc, request.fields);
  }
  if (request.jq === null) return `${jsonText(doc)}\n`;
  const { raw } = await import('jq-wasm');
  try {
    const result = await raw(JSON.stringify(doc), request.jq, opts.pretty ? ['-r'] : ['-r', '-c']);
    return result.length && !result.endsWith('\n') ? `${result}\n` : result;
  } catch (e) {
    const first = String((e as Error).message)
      .split('\n')[0]!
      .replace(/^jq: error(?: \(at [^)]*\))?: /, '');
    throw new UsageError(`--jq: ${first}`, 'see https://jqlang.org/manual/ for the language');
  }
}
