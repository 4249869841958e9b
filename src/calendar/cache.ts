import path from 'node:path';
import { contentKey } from '../store/hash.js';
import { promises as fsp } from 'node:fs';
import type { FileSystem } from '../store/fs.js';
import type { ReadOptions, ReadResult } from './read.js';

/** Bumped whenever the reader's output for the same input may change. */
const READER_VERSION = 4;
const BUCKET = 28 * 86_400_000;
const KEEP = 40;

/**
 * readCalendar, remembered on disk. The rotation changes a few times a month
 * and `who` runs many times a day; a hit skips loading and running node-ical,
 * about a third of `who`'s start-up. The key covers the source, the zone,
 * the reader's version and the window, which is widened to 4-week buckets so
 * that nearby instants share an entry; the entry holds the text it was read
 * from, and is current only when that is the text now: comparing two strings
 * costs far less than hashing one (9 ms of CPU for a 90 kB rotation, cold).
 */
export async function readCalendarCached(text: string, opts: ReadOptions, cache: { dir: string; fs: FileSystem }): Promise<ReadResult> {
  const from = Math.floor(opts.from / BUCKET) * BUCKET;
  const to = Math.ceil((opts.to + 1) / BUCKET) * BUCKET;
  const key = contentKey(String(READER_VERSION), opts.zone, String(from), String(to), opts.source);
  const file = path.join(cache.dir, `${key}.json`);
  const hit = await cache.fs.readText(file);
  if (hit !== undefined) {
    try {
      const entry = JSON.parse(hit) as { text: string; result: ReadResult };
      if (entry.text === text) return entry.result;
    } catch {
      // A damaged cache entry is rebuilt below.
    }
  }
  const { readCalendar } = await import('./read.js');
  const result = readCalendar(text, { ...opts, from, to });
  try {
    await cache.fs.writeAtomic(file, JSON.stringify({ text, result }), { overwrite: true, mode: 0o600 });
    await prune(cache.dir);
  } catch {
    // The cache is an optimisation: a read-only or full disk must not fail the command.
  }
  return result;
}

async function prune(dir: string): Promise<void> {
  const names = (await fsp.readdir(dir)).filter((n) => n.endsWith('.json'));
  if (names.length <= KEEP) return;
  const stats = await Promise.all(names.map(async (n) => ({ n, t: (await fsp.stat(path.join(dir, n))).mtimeMs })));
  stats.sort((a, b) => a.t - b.t);
  await Promise.all(stats.slice(0, stats.length - KEEP).map((s) => fsp.rm(path.join(dir, s.n), { force: true })));
}
