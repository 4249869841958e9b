import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/deps.js';
import { expectSameAsShared, filesUnder } from '../support/vendored.js';

/**
 * Other projects' test calendars (python-recurring-ical-events, node-ical,
 * ical.js: see test/fixtures/ical-diff/SOURCES.md), read as rotations. The
 * contract (docs/config.md#reading-the-calendar) says the answer never depends on the host's time zone.
 * Changing TZ inside one process is not reliable, so one child process per
 * host zone reads every file with the built reader and prints a hash of its
 * entries, shift timeline and warnings (test/support/corpusRead.mjs).
 */
const LOCAL = path.join(REPO_ROOT, 'test', 'fixtures', 'ical-diff');
const SHARED = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'ical-diff');
const CORPUS = path.join(LOCAL, 'corpus');
const TEAM_ZONE = 'America/Los_Angeles';
// UTC, the far east of the dateline, and a half-hour zone with DST in the west.
const HOST_ZONES = ['UTC', 'Pacific/Kiritimati', 'America/St_Johns'];
const files = filesUnder(CORPUS).filter((f) => f.endsWith('.ics'));

interface Answer {
  file: string;
  ms: number;
  hash: string;
  entries: number;
  warnings: number;
  error?: string;
}

/** The child reads dist/: rebuild it when a source file is newer (npm test builds first anyway). */
function ensureBuilt(): void {
  const newest = (dir: string, ext: string) =>
    Math.max(
      ...filesUnder(dir)
        .filter((f) => f.endsWith(ext))
        .map((f) => statSync(path.join(dir, f)).mtimeMs),
    );
  const src = Math.max(newest(path.join(REPO_ROOT, 'src', 'calendar'), '.ts'), newest(path.join(REPO_ROOT, 'src', 'core'), '.ts'));
  let built = 0;
  try {
    built = Math.min(
      ...['calendar/read.js', 'calendar/prepare.js', 'calendar/offsets.js', 'core/rotation.js'].map(
        (f) => statSync(path.join(REPO_ROOT, 'dist', f)).mtimeMs,
      ),
    );
  } catch {
    // not built yet
  }
  if (built < src) {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
}

function readAllUnder(tz: string): Promise<Answer[]> {
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'test', 'support', 'corpusRead.mjs'), TEAM_ZONE, ...files.map((f) => path.join(CORPUS, f))],
    {
      env: { PATH: process.env.PATH ?? '', TZ: tz },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`TZ=${tz}: the reader child exited ${code}\n${stderr}`));
      else
        resolve(
          stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Answer),
        );
    }),
  );
}

describe('the ical-diff corpus: 161 calendars from three other libraries', () => {
  it('is vendored whole, as listed in its manifest, and the same as ../shared when that sits beside the repo', () => {
    const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as Record<string, { sha256: string }>;
    expect(files).toEqual(Object.keys(manifest).sort());
    expect(files).toHaveLength(161);
    for (const f of files)
      expect(
        createHash('sha256')
          .update(readFileSync(path.join(CORPUS, f)))
          .digest('hex'),
        f,
      ).toBe(manifest[f]!.sha256);
    expectSameAsShared(LOCAL, SHARED);
  });

  it('reads every file the same under three host zones, and never crashes (read times are measured by npm run bench, not asserted)', async () => {
    ensureBuilt();
    const answers = await Promise.all(HOST_ZONES.map(readAllUnder));
    for (const [i, tz] of HOST_ZONES.entries())
      expect(
        answers[i]!.map((a) => path.relative(CORPUS, a.file)),
        tz,
      ).toEqual(files);
    const [first, ...others] = answers as [Answer[], ...Answer[][]];
    const differing = first.filter((a, i) => others.some((o) => o[i]!.hash !== a.hash)).map((a) => path.relative(CORPUS, a.file));
    expect(differing).toEqual([]);
    const crashes = answers.flat().filter((a) => a.error?.startsWith('CRASH'));
    expect(crashes).toEqual([]);
    // A file that shows nothing says why, with a warning or a usage error; one shows nothing by right.
    const silent = first.filter((a) => a.entries === 0 && a.warnings === 0 && !a.error).map((a) => path.relative(CORPUS, a.file));
    expect(silent).toEqual(['nodeical/test__fixtures__test_with_tz_list.ics']); // its one instance, DTSTART, is in EXDATE
  }, 120_000);
});
