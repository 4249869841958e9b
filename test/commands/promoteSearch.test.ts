import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { run } from '../support/deps.js';
import type { Prompter } from '../../src/app/context.js';
import { cliAt } from '../support/cli.js';
import { deskConfig, deskScenario, mutations } from '../support/desk.js';
import { user } from '../support/scenario.js';

const NOW = '2026-12-01T18:00:00Z';
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

/** Discussions #100 and #101; product issues in the same repository, one closed, and the desk thread #1 whose body has the words too. */
async function start() {
  const s = deskScenario([
    { ...user('u1', '2026-11-30T17:00:00Z'), title: 'Silo reader crashes on NaN fill values' },
    { ...user('u2', '2026-11-30T18:00:00Z'), title: 'VisIt crashes when the Silo file has NaN in it' },
  ]);
  const repo = s.repositories[0]!;
  repo.issues.push(
    { number: 300, title: 'Silo reader: crashes on NaN fill values', labels: ['bug'], body: 'Reported twice.' } as never,
    { number: 301, title: 'Silo reader crashes on NaN fill values (old)', labels: [], state: 'CLOSED' } as never,
    { number: 302, title: 'Launcher timeout above 256 ranks', labels: [], body: 'The engine launcher times out.' } as never,
  );
  (repo.issues[1] as unknown as { body: string }).body = 'Desk: silo reader crashes nan fill values, and the rota.';
  (repo as { labels: string[] }).labels.push('bug');
  standin = await startStandin(s);
  return standin;
}
const config = () => deskConfig();
const issuesOf = (json: { candidates: Array<{ number: number }> }) => json.candidates.map((c) => c.number);

describe('promote --search', () => {
  it("finds the known issue by the discussion's title words: open issues of the product repository only, never the desk thread", async () => {
    const s = await start();
    const cli = cliAt(() => s, { now: NOW, config: config() });
    const r = await cli(['promote', '100', '--search', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({
      queries: ['repo:visit-dav/visit is:issue is:open silo reader crashes nan fill values'],
      total: 1,
      candidates: [
        {
          number: 300,
          title: 'Silo reader: crashes on NaN fill values',
          url: 'https://github.com/visit-dav/visit/issues/300',
          labels: ['bug'],
        },
      ],
    });
    // A search is a read: nothing was posted.
    expect(mutations(s)).toHaveLength(0);
    const searched = s.log.filter((e) => e.operationName === 'SearchIssues').map((e) => e.variables!.searchQuery);
    expect(searched).toEqual(['repo:visit-dav/visit is:issue is:open silo reader crashes nan fill values']);
  });

  it('with words given, searches for those; piped, one tab-separated row per candidate and the next step on stderr', async () => {
    const s = await start();
    const cli = cliAt(() => s, { now: NOW, config: config() });
    const r = await cli(['promote', '100', '--search', 'launcher', 'timeout']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('302\tLauncher timeout above 256 ranks\thttps://github.com/visit-dav/visit/issues/302\n');
    expect(r.stderr).toBe('add to one with: visit-sre promote 100 --known N; create a new issue with: visit-sre promote 100\n');
  });

  it('when no issue has every word, ranks the issues by how many words they share (two at least)', async () => {
    const s = await start();
    const cli = cliAt(() => s, { now: NOW, config: config() });
    const r = await cli(['promote', '101', '--search', '--json']);
    expect(r.code, r.stderr).toBe(0);
    // words: crashes, silo, file, nan; #300 has three of them, the closed #301 and the desk thread are never asked about.
    expect(r.json().queries).toHaveLength(5);
    expect(issuesOf(r.json())).toEqual([300]);
  });

  it('on a terminal, offers to add to a candidate, and adds the discussion to it as --known does', async () => {
    const s = await start();
    const asked: string[] = [];
    const prompter = {
      select: async <T extends string>(m: string, choices: ReadonlyArray<{ value: T; name?: string }>) => {
        asked.push(m, ...choices.map((c) => c.name ?? c.value));
        return '300' as T;
      },
    } as unknown as Prompter;
    s.setClock(NOW);
    const r = await run(['promote', '100', '--search', '--no-color'], {
      now: NOW,
      tty: true,
      prompter,
      env: { VISIT_SRE_CONFIG: config() },
      github: { url: s.url, token: s.token },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /#300 Silo reader: crashes on NaN fill values \[bug\]\n\s+https:\/\/github.com\/visit-dav\/visit\/issues\/300/,
    );
    expect(asked).toEqual([
      'Is #100 a known issue?',
      'Add to #300 Silo reader: crashes on NaN fill values',
      'No: create a new issue',
      'Neither: stop here',
    ]);
    const issue = s.store.snapshot()[0]!.issues.find((i) => i.number === 300)!;
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toMatch(/^New information from a support discussion/);
    expect(r.stdout).toMatch(/✓ promote-known #100: done/);
  });

  it('--search with --known is a usage error', async () => {
    const s = await start();
    const cli = cliAt(() => s, { now: NOW, config: config() });
    const r = await cli(['promote', '100', '--search', '--known', '300']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--search and --known cannot go together/);
  });
});
