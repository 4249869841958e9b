import path from 'node:path';
import { xdgDir } from './paths.js';
import type { FileSystem } from './fs.js';
import type { DeskRecord } from '../core/acting.js';
import type { Discussion } from '../core/conversation.js';
import type { DeskEntry } from '../core/desk.js';
import type { RepositoryInfo } from '../github/port.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What notify's watch learned, for the next run (docs/process.md#cost-of-a-watch):
 * the discussions in scope as digests, and the desk thread's history. An
 * optimisation only: a run that finds none, or one that does not fit its
 * config, reads everything and decides the same.
 */
export interface WatchState {
  v: 1;
  /** the config it was read under (repository, scope, team, desk thread): another one is not used */
  fingerprint: string;
  /** the instant (the run's "now") its reads began: the next run reads what changed since a little before */
  readAt: number;
  repository: RepositoryInfo;
  /** every open discussion in scope, as core/digest.ts keeps it, with its `updatedAt` */
  discussions: Discussion[];
  /** when each one's thread was last read, by number: the longest unread are read again when a batch has room */
  fetched: Record<string, number>;
  desk: {
    /** the desk posts of the last 30 days (away, delegations, classified requests, …) */
    records: DeskRecord[];
    /** notification keys sent, with when: [key, epoch ms] */
    sent: Array<[string, number]>;
    /** notify comments whose webhook delivery is still owed */
    pending: DeskEntry[];
  };
}

export function watchStateFile(env: Env, home: string, thread: string): string {
  return path.join(xdgDir('cache', env, home), 'watch', `${thread.replace(/[^A-Za-z0-9_.-]+/g, '_')}.json`);
}

/** The state saved for `fingerprint`, or undefined: none, damaged, or of another config. */
export async function readWatchState(fs: FileSystem, file: string, fingerprint: string): Promise<WatchState | undefined> {
  const text = await fs.readText(file).catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<WatchState>;
    if (value.v !== 1 || value.fingerprint !== fingerprint || typeof value.readAt !== 'number') return undefined;
    if (!Array.isArray(value.discussions) || !value.desk || !Array.isArray(value.desk.sent) || !value.repository) return undefined;
    return value as WatchState;
  } catch {
    return undefined;
  }
}

/** Saves the state atomically; it is an optimisation, so a read-only or full disk does not fail the run. */
export async function writeWatchState(fs: FileSystem, file: string, state: WatchState): Promise<void> {
  try {
    await fs.writeAtomic(file, JSON.stringify(state), { overwrite: true, mode: 0o600 });
  } catch {
    // see above
  }
}
