import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { scenario, team, user } from '../support/scenario.js';

const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
let standin: Standin | undefined;

afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe('postmortem', () => {
  const at = (min: number) => new Date(Date.parse('2026-11-09T16:30:00Z') + min * 60_000).toISOString().replace('.000', '');
  const marker = (o: object) => `<!-- visit-sre ${JSON.stringify({ v: 1, ...o })} -->`;
  const long = scenario([
    {
      ...user('hpc-user', at(0), 'The engine crashes reading a 2 TB Exodus file on 4096 ranks.'),
      number: 4321,
      title: 'Engine crash on a 2 TB Exodus file',
      comments: [
        team('edsger-d', at(180), 'Can you send the core file?', {
          replies: Array.from({ length: 120 }, (_, i) =>
            i % 2 ? team('edsger-d', at(200 + i)) : user('hpc-user', at(200 + i), `detail ${i}`),
          ),
        }),
        team(
          'edsger-d',
          at(400),
          `@alan-turing could you look at the Exodus reader?\n${marker({ kind: 'escalation', to: ['alan-turing'], reason: 'Exodus reader internals', effortMinutes: 30 })}`,
        ),
        ...Array.from({ length: 128 }, (_, i) => (i % 2 ? team('alan-turing', at(500 + i * 60)) : user('hpc-user', at(500 + i * 60)))),
        team(
          'edsger-d',
          at(9000),
          `Handing over to @ada-lovelace.\n${marker({ kind: 'handoff', to: 'ada-lovelace', from: 'edsger-d', week: '2026-W47', effortMinutes: 15 })}`,
        ),
        team(
          'ada-lovelace',
          at(9500),
          `Tracking in https://github.com/visit-dav/visit/issues/900\n${marker({ kind: 'promotion', issue: 'https://github.com/visit-dav/visit/issues/900', repo: 'visit-dav/visit', number: 900, effortMinutes: 45 })}`,
        ),
        team('ada-lovelace', at(10000), 'Fixed in 3.4.2: use the new chunked reader.', { isAnswer: true }),
      ],
    },
  ]);
  const GOLDEN = path.join(REPO_ROOT, 'test', 'fixtures', 'golden', 'postmortem-4321.md');

  it('reads the whole thread and writes the postmortem (golden file); never overwrites without --force', async () => {
    standin = await startStandin(long);
    const cwd = tempDir();
    const r = await run(['postmortem', '4321'], {
      cwd,
      now: '2026-11-20T18:00:00Z',
      env: { VISIT_SRE_CONFIG: CONFIG },
      github: { url: standin.url, token: 'test-token' },
    });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(cwd, 'postmortems', '2026-11-20-4321-engine-crash-on-a-2-tb-exodus-file.md');
    expect(r.stdout.trim()).toBe(file);
    const text = readFileSync(file, 'utf8');
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(standin.log.filter((e) => e.operationName === 'DiscussionThread')).toHaveLength(2); // 133 comments
    expect(standin.log.filter((e) => e.operationName === 'CommentReplies')).toHaveLength(1);

    writeFileSync(file, 'edited by hand');
    const again = await run(['postmortem', '4321'], {
      cwd,
      now: '2026-11-20T18:00:00Z',
      env: { VISIT_SRE_CONFIG: CONFIG },
      github: { url: standin.url, token: 'test-token' },
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('edited by hand');
  });

  it('an unknown placeholder in a custom template exits 2 and names it', async () => {
    standin = await startStandin(long);
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 't'));
    writeFileSync(path.join(cwd, 't', 'pm.md'), '# {{title}}\n{{root_cause}}\n');
    const r = await run(['postmortem', '4321', '--template', 't/pm.md'], {
      cwd,
      now: '2026-11-20T18:00:00Z',
      env: { VISIT_SRE_CONFIG: CONFIG },
      github: { url: standin.url, token: 'test-token' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown placeholder \{\{root_cause\}\} in .*pm\.md/);
  });
});
