import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** Every file under a folder, as paths relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

/**
 * Fixtures copied from ../shared (so a clone anywhere runs the tests) must stay
 * byte-identical to it whenever that folder sits beside the repo, as in CI.
 * `only` picks the files that make up the copy.
 */
export function expectSameAsShared(local: string, shared: string, only: (file: string) => boolean = () => true): void {
  if (!existsSync(shared)) return;
  const mine = filesUnder(local).filter(only);
  expect(mine).toEqual(filesUnder(shared).filter(only));
  for (const f of mine)
    expect(readFileSync(path.join(local, f)).equals(readFileSync(path.join(shared, f))), `${f} differs from ${shared}`).toBe(true);
}
