// Reads calendar files with the built reader and prints one JSON line per
// file: a hash of the entries, the shift timeline and the warnings, and the
// read time. Run once per host zone (TZ=...) by test/unit/calendarCorpus.test.ts:
// changing TZ inside one process is not reliable.
// Usage: node corpusRead.mjs ZONE FILE...
// Each file is read over the span of its events' DTSTARTs, from a day before
// the first to two years after the last: recurring events keep going, and a
// window of decades would only repeat the same instances.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { readCalendar } = await import(pathToFileURL(path.join(root, 'dist', 'calendar', 'read.js')).href);
const { shiftsFromEntries, buildTimeline } = await import(pathToFileURL(path.join(root, 'dist', 'core', 'rotation.js')).href);

const DAY = 86_400_000;
/** CPU time, not wall time: the machine running the tests may be busy with other work. */
function cpuMs(since) {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}
export function windowOf(text) {
  const starts = [...text.matchAll(/BEGIN:VEVENT[\s\S]*?^DTSTART[^\r\n]*:(\d{4})(\d{2})(\d{2})[^:\r\n]*$/gm)].map((m) =>
    Date.UTC(+m[1], +m[2] - 1, +m[3]),
  );
  if (starts.length === 0) return { from: Date.UTC(2020, 0, 1), to: Date.UTC(2022, 0, 1) };
  return { from: Math.min(...starts) - DAY, to: Math.max(...starts) + 731 * DAY };
}

const [zone, ...files] = process.argv.slice(2);
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const { from, to } = windowOf(text);
  const t0 = process.cpuUsage();
  let answer;
  let ms;
  try {
    const { entries, warnings } = readCalendar(text, { zone, from, to, source: path.basename(file) });
    ms = cpuMs(t0);
    const timeline = buildTimeline(shiftsFromEntries(entries, []));
    answer = { entries: entries.map((e) => [e.uid, e.summary, e.start, e.end, e.allDay]), timeline, warnings };
  } catch (e) {
    answer = { error: e.constructor?.name === 'UsageError' ? `UsageError: ${e.message}` : `CRASH ${e.stack}` };
  }
  ms ??= cpuMs(t0);
  const json = JSON.stringify(answer);
  process.stdout.write(
    `${JSON.stringify({ file, ms, hash: createHash('sha256').update(json).digest('hex'), entries: answer.entries?.length ?? 0, warnings: answer.warnings?.length ?? 0, error: answer.error })}\n`,
  );
}
