import path from 'node:path';
import { promises as fsp } from 'node:fs';
import { xdgDir } from './paths.js';
import type { FileSystem } from './fs.js';

type Env = Readonly<Record<string, string | undefined>>;

/** An inquiry that could not be sent yet: everything needed to create its discussion later. */
export interface OutboxEntry {
  v: 1;
  /** the client id, also in the body's contact marker: how sync recognises a discussion it already created */
  id: string;
  queuedAt: string;
  repository: string;
  category: string | null;
  label: string | null;
  title: string;
  body: string;
  /** why it was queued, for the user */
  reason: string;
}

export function outboxDir(env: Env, home: string): string {
  return path.join(xdgDir('state', env, home), 'outbox');
}

/** The outbox's entry files, oldest first; none when the folder does not exist. */
export async function outboxEntries(env: Env, home: string): Promise<string[]> {
  try {
    const dir = outboxDir(env, home);
    return (await fsp.readdir(dir))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

export async function queueEntry(env: Env, home: string, fs: FileSystem, entry: OutboxEntry): Promise<string> {
  const stamp = entry.queuedAt.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const file = path.join(outboxDir(env, home), `${stamp}-${entry.id}.json`);
  await fs.writeAtomic(file, `${JSON.stringify(entry, null, 2)}\n`, { overwrite: true, mode: 0o600 });
  return file;
}

export type ReadEntry = { file: string; entry: OutboxEntry } | { file: string; error: string };

/** Every entry; a damaged one is reported with its file and never blocks the others. */
export async function readOutbox(env: Env, home: string, fs: FileSystem): Promise<ReadEntry[]> {
  const out: ReadEntry[] = [];
  for (const file of await outboxEntries(env, home)) {
    try {
      const text = await fs.readText(file);
      if (text === undefined) continue; // sent and removed by another sync since the listing
      const value = JSON.parse(text) as Partial<OutboxEntry>;
      if (
        value.v !== 1 ||
        typeof value.id !== 'string' ||
        typeof value.title !== 'string' ||
        typeof value.body !== 'string' ||
        typeof value.repository !== 'string'
      ) {
        out.push({ file, error: 'not a visit-sre outbox entry' });
      } else {
        out.push({ file, entry: value as OutboxEntry });
      }
    } catch (e) {
      out.push({ file, error: `unreadable (${(e as Error).message})` });
    }
  }
  return out;
}

export async function removeEntry(file: string): Promise<void> {
  await fsp.rm(file, { force: true });
}
