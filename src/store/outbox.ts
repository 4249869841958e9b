import path from 'node:path';
import { promises as fsp } from 'node:fs';
import { xdgDir } from './paths.js';

type Env = Readonly<Record<string, string | undefined>>;

export function outboxDir(env: Env, home: string): string {
  return path.join(xdgDir('state', env, home), 'outbox');
}

/** The outbox's entry files, oldest first; none when the folder does not exist. */
export async function outboxEntries(env: Env, home: string): Promise<string[]> {
  try {
    const dir = outboxDir(env, home);
    return (await fsp.readdir(dir)).filter((n) => n.endsWith('.json')).sort().map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}
