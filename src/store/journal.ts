import path from 'node:path';
import { xdgDir } from './paths.js';
import type { FileSystem } from './fs.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A classified inquiry, as the local journal keeps it: facts about the contact, never its content. */
export interface JournalRecord {
  /** absent in lines written before housekeeping entries existed */
  kind?: 'classified';
  at: string;
  via: string;
  handler: string | null;
  neededBy: string | null;
  effortMinutes: number | null;
  loggedAt: string;
}

/** Work that belongs to no discussion (`effort --housekeeping`): who, when, how long, and what, in the person's words. */
export interface HousekeepingRecord {
  kind: 'housekeeping';
  at: string;
  who: string | null;
  effortMinutes: number;
  note: string | null;
  loggedAt: string;
}

export type JournalLine = JournalRecord | HousekeepingRecord;

export const isHousekeeping = (r: JournalLine): r is HousekeepingRecord => r.kind === 'housekeeping';

export function journalFile(env: Env, home: string): string {
  return path.join(xdgDir('state', env, home), 'journal.jsonl');
}

/** Appends one line, rewriting the file through a temporary one so it is never half-written. */
export async function appendJournal(env: Env, home: string, fs: FileSystem, record: JournalLine): Promise<string> {
  const file = journalFile(env, home);
  const before = (await fs.readText(file)) ?? '';
  await fs.writeAtomic(file, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${JSON.stringify(record)}\n`, {
    overwrite: true,
    mode: 0o600,
  });
  return file;
}

/** The journal's records; a damaged line is skipped and counted, never fatal. */
export async function readJournal(env: Env, home: string, fs: FileSystem): Promise<{ records: JournalLine[]; damaged: number }> {
  const text = (await fs.readText(journalFile(env, home))) ?? '';
  const records: JournalLine[] = [];
  let damaged = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as JournalLine;
      if (typeof r.at === 'string' && !Number.isNaN(Date.parse(r.at))) records.push(r);
      else damaged++;
    } catch {
      damaged++;
    }
  }
  return { records, damaged };
}
