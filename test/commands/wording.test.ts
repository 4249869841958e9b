import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';

/** Issue 24.6: words to the wrong people, or missing, found end to end against the stand-in. */
const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function sre(args: string[], now: string, state = tempDir('visit-sre-state-')) {
  standin!.setClock(now);
  const r = await run(args, {
    now,
    env: { VISIT_SRE_CONFIG: CONFIG, XDG_STATE_HOME: state },
    github: { url: standin!.url, token: standin!.token },
  });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

describe('overdue --close-stale counts from a logged call’s contact time', () => {
  // Dec 1 2026: Grace is Primary; six weeks before too (so she took it as Primary), four weeks before it was Alan.
  it.each([
    ['taken by the acting Primary of the time, 42 days ago', ['--at', '42 days ago'], 42],
    ['taken by someone else 28 days ago, who answered', ['--at', '28 days ago', '--answered'], 28],
  ])('a call logged today, %s, is closed as stale', async (_name, at, days) => {
    standin = await startStandin(WEEK);
    const NOW = '2026-12-01T19:00:00Z';
    const logged = await sre(
      ['log-call', '--via', 'hotline', '--customer', 'Jane Smith', '--title', 'Old call', '--body', 'asked about Silo', ...at, '--json'],
      NOW,
    );
    expect(logged.code, logged.stderr).toBe(0);
    const number = logged.json().actions[0].number as number;
    const r = await sre(['overdue', '--close-stale', '--yes', '--json'], NOW);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().stale.find((a: { number: number }) => a.number === number)).toMatchObject({ daysSinceUserActivity: days });
    const d = standin.store.snapshot()[0]!.discussions.find((x) => x.number === number)!;
    expect(d.labels).toContain('wontfix');
    expect(d.comments.at(-1)!.body).toMatch(/"kind":"stale"/);
    expect(d.comments.at(-1)!.body).toMatch(new RegExp(`^Hi Jane Smith, we haven't heard back in ${days} days`));
  });
});

const FRIDAY = '2026-12-05T01:00:00Z'; // Fri Dec 4, 17:00 PST: the end of Ada's shift in the VISIT week
const week = (extra: object[]) => {
  const s = JSON.parse(readFileSync(WEEK, 'utf8'));
  s.repositories[0].discussions.push(...extra);
  return s;
};

describe('a deleted author, GitHub’s ghost account, is greeted neutrally', () => {
  it('the handoff comment says "Hi there", never "Hi @ghost"', async () => {
    standin = await startStandin(
      week([
        {
          number: 120,
          title: 'Orphaned question',
          category: 'help-using-visit',
          author: 'ghost',
          createdAt: '2026-12-02T18:00:00Z',
          body: 'Help?',
        },
      ]),
    );
    const r = await sre(['handoff', '--dry-run', '--json'], FRIDAY);
    expect(r.code, r.stderr).toBe(0);
    const preview = (r.json().previews as string[]).find((p) => p.startsWith('#120 '))!;
    expect(preview).toMatch(/\n\nHi there,/);
    expect(preview).not.toMatch(/@ghost/);
  });
});

describe('the handoff summary’s "Resolved this week"', () => {
  it('lists an inquiry closed this week without a marked answer, and not one closed before', async () => {
    standin = await startStandin(
      week([
        {
          number: 121,
          title: 'Closed without an answer',
          category: 'help-using-visit',
          author: 'jdoe-lab',
          createdAt: '2026-11-25T18:00:00Z',
          body: 'Never mind, found it.',
          closed: true,
          closedAt: '2026-12-03T18:00:00Z',
        },
      ]),
    );
    const r = await sre(['handoff', '--dry-run'], FRIDAY);
    expect(r.code, r.stderr).toBe(0);
    const resolved = r.stdout.split('### Resolved this week\n\n')[1]!.split('\n### ')[0]!;
    expect(resolved).toMatch(/\[#121\]\(https:\/\/github\.com\/visit-dav\/visit\/discussions\/121\) Closed without an answer/);
    expect(resolved).not.toMatch(/#109/); // closed on Nov 23, before this week
  });
});
