import path from 'node:path';
import { xdgDir } from './paths.js';
import type { FileSystem } from './fs.js';
import type { DeskRecord } from '../core/acting.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What was last read from the desk thread: its trusted away, delegation and
 * classified markers, with their authors (v2: a delegation counts only from
 * the people it concerns, so a v1 cache, without authors, is read afresh).
 */
export interface DeskCache {
  v: 2;
  thread: string;
  /** when the thread was read, epoch ms (the run's "now") */
  readAt: number;
  entries: DeskRecord[];
}

export function deskCacheFile(env: Env, home: string, thread: string): string {
  return path.join(xdgDir('cache', env, home), 'desk', `${thread.replace(/[^A-Za-z0-9_.-]+/g, '_')}.json`);
}

/** The cached read of `thread`, or undefined when there is none (or it is damaged, or of another thread). */
export async function readDeskCache(fs: FileSystem, file: string, thread: string): Promise<DeskCache | undefined> {
  const text = await fs.readText(file);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<DeskCache>;
    if (value.v !== 2 || value.thread !== thread || typeof value.readAt !== 'number' || !Array.isArray(value.entries)) return undefined;
    return value as DeskCache;
  } catch {
    return undefined;
  }
}

/** Saves a read; the cache is an optimisation, so a read-only or full disk does not fail the command. */
export async function writeDeskCache(fs: FileSystem, file: string, cache: DeskCache): Promise<void> {
  try {
    await fs.writeAtomic(file, JSON.stringify(cache), { overwrite: true, mode: 0o600 });
  } catch {
    // see above
  }
}
