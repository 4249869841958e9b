import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import type { Prompter } from '../../src/app/context.js';
import { InterruptedError } from '../../src/core/errors.js';

const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
const NOW = '2026-12-01T19:00:00Z';
let standin: Standin | undefined;
const home = () => tempDir('visit-sre-state-');

afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function sre(
  args: string[],
  o: { state: string; url?: string; tty?: boolean; prompter?: Prompter; config?: string } = { state: home() },
) {
  standin?.setClock(NOW);
  const r = await run(args, {
    now: NOW,
    tty: o.tty,
    prompter: o.prompter,
    env: { VISIT_SRE_CONFIG: o.config ?? CONFIG, XDG_STATE_HOME: o.state },
    github: { url: o.url ?? standin!.url, token: 'demo-token' },
  });
  return { ...r, json: () => JSON.parse(r.stdout) };
}
const discussions = () => standin!.store.snapshot()[0]!.discussions;
const outboxFiles = (state: string) =>
  existsSync(path.join(state, 'visit-sre', 'outbox')) ? readdirSync(path.join(state, 'visit-sre', 'outbox')) : [];

describe('log-call', () => {
  it('records a call as a discussion in the first category in scope, with its facts and marker', async () => {
    standin = await startStandin(WEEK);
    const r = await sre([
      'log-call',
      '--via',
      'hotline',
      '--customer',
      'Jane Q. Smith <jane@lab.gov>',
      '--customer-private',
      '--title',
      'Silo files from VisIt 2.x',
      '--body',
      'Old Silo files do not open.',
      '--at',
      '2026-12-01T10:15',
      '--effort',
      '20m',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const d = discussions().at(-1)!;
    expect(r.stdout.trim()).toBe(`https://github.com/visit-dav/visit/discussions/${d.number}`);
    expect(d.title).toBe('Silo files from VisIt 2.x');
    expect(d.body).toContain('- Contact: hotline');
    expect(d.body).toContain('- Customer: J. Q. S.');
    expect(d.body).not.toContain('Jane');
    expect(d.body).toContain('- Time of contact: Tue Dec 1 2026, 10:15 PST');
    expect(d.body).toContain('- Taken by: @grace-hopper');
    expect(d.body).toMatch(
      /<!-- visit-sre \{"v":1,"kind":"contact","via":"hotline","at":"2026-12-01T18:15:00Z","handler":"grace-hopper","id":"c-[0-9a-f-]{13}","customer":"J\. Q\. S\.","effortMinutes":20\} -->$/,
    );
    const created = standin.log.find((e) => e.operationName === 'CreateDiscussion')!;
    expect(created.variables!.categoryId).toBeTruthy();
    // and it counts as answered by the team, waiting on the user
    const start = (await sre(['start', '--json'])).json();
    expect(start.discussions.find((i: { number: number }) => i.number === d.number)).toMatchObject({
      state: 'waiting-on-user',
      via: 'hotline',
    });
  });

  it('warns that a customer name becomes public', async () => {
    standin = await startStandin(WEEK);
    const r = await sre(['log-call', '--via', 'walk-in', '--customer', 'Jane Smith', '--title', 't', '--body', 'b']);
    expect(r.stderr).toMatch(/becomes public on GitHub.*--customer-private/);
    expect(discussions().at(-1)!.body).toContain('- Customer: Jane Smith');
  });

  it.each([
    [['log-call', '--title', 't', '--body', 'b'], /--via/],
    [['log-call', '--via', 'hotline', '--body', 'b'], /--title/],
    [['log-call', '--via', 'hotline', '--title', 't'], /--body/],
    [['log-call', '--via', 'carrier-pigeon', '--title', 't', '--body', 'b'], /invalid --via "carrier-pigeon"/],
  ])('without a terminal, %j exits 2 naming the flag', async (args, flag) => {
    standin = await startStandin(WEEK);
    const r = await sre(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(flag);
    expect(standin.log.filter((e) => e.kind === 'mutation')).toHaveLength(0);
  });

  it('asks for what is missing on a terminal', async () => {
    standin = await startStandin(WEEK);
    const asked: string[] = [];
    const prompter: Prompter = {
      select: async <T extends string>(m: string) => {
        asked.push(m);
        return 'email' as T;
      },
      input: async (m, o) => {
        asked.push(m);
        if (m.startsWith('Title')) return 'Asked by email: parallel build';
        if (m.startsWith('Customer')) return '';
        return o?.default ?? '';
      },
      editor: async (m) => {
        asked.push(m);
        return 'How do I build the parallel engine on Cray?';
      },
      confirm: async () => true,
      checkbox: async () => [],
    };
    const r = await sre(['log-call'], { state: home(), tty: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toHaveLength(6);
    expect(discussions().at(-1)!.body).toContain('How do I build the parallel engine on Cray?');
    expect(discussions().at(-1)!.body).toContain('- Contact: email');
  });
});

/** A terminal user who answers each question (matched by its opening words) in turn, and retypes what the prompter refuses. */
function scripted(answers: Record<string, Array<string | boolean | Error>>) {
  const asked: string[] = [];
  const refused: string[] = [];
  const next = (m: string) => {
    asked.push(m);
    const a = answers[Object.keys(answers).find((k) => m.startsWith(k)) ?? '']?.shift();
    if (a instanceof Error) throw a;
    return a;
  };
  const prompter: Prompter = {
    select: async <T extends string>(m: string) => (next(m) ?? 'email') as T,
    input: async (m, o) => {
      for (;;) {
        const a = next(m);
        const v = a === undefined ? (o?.default ?? '') : String(a);
        const ok = o?.validate?.(v) ?? true;
        if (ok === true) return v;
        refused.push(ok);
        if (a === undefined) throw new Error(`no readable answer to "${m}"`);
      }
    },
    editor: async (m) => String(next(m) ?? 'How do I build the parallel engine on Cray?'),
    confirm: async (m, d) => {
      const a = next(m);
      return a === undefined ? Boolean(d) : Boolean(a);
    },
    checkbox: async () => [],
  };
  return { prompter, asked, refused };
}
const created = () => standin!.log.filter((e) => e.operationName === 'CreateDiscussion');

describe('interactive log-call (issue 15.4)', () => {
  it('accepts "10 minutes ago", and re-asks an unreadable time or effort with the reason', async () => {
    standin = await startStandin(WEEK);
    const person = scripted({ When: ['soon', '10 minutes ago'], Effort: ['lots', '20m'], Title: ['Crash on open'] });
    const r = await sre(['log-call'], { state: home(), tty: true, prompter: person.prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(person.refused).toEqual([
      expect.stringMatching(/invalid time of contact "soon".*10 minutes ago/),
      expect.stringMatching(/lots/),
    ]);
    expect(person.asked.filter((m) => m.startsWith('When'))).toHaveLength(2);
    const body = discussions().at(-1)!.body;
    expect(body).toContain('- Time of contact: Tue Dec 1 2026, 10:50 PST');
    expect(body).toContain('"effortMinutes":20');
  });

  it('shows a preview and posts nothing when the answer is no (exit 0, one line)', async () => {
    standin = await startStandin(WEEK);
    const person = scripted({ Title: ['Silo plugin question'], Describe: ['Which Silo version?'], Post: [false] });
    const r = await sre(['log-call', '--via', 'chat'], { state: home(), tty: true, prompter: person.prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Silo plugin question');
    expect(r.stdout).toContain('Which Silo version?');
    expect(r.stdout).not.toContain('<!-- visit-sre');
    expect(r.stderr.trim()).toBe('Nothing was posted.');
    expect(person.asked).toContain('Post this inquiry?');
    expect(created()).toHaveLength(0);
    expect(standin.log.filter((e) => e.kind === 'mutation')).toHaveLength(0);
  });

  it('posts after the preview on yes, and Ctrl-C at the question exits 130 with nothing posted', async () => {
    standin = await startStandin(WEEK);
    const yes = scripted({ Title: ['Posted after preview'], Post: [true] });
    const r = await sre(['log-call', '--via', 'chat'], { state: home(), tty: true, prompter: yes.prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.indexOf('Posted after preview')).toBeLessThan(r.stdout.indexOf('https://github.com/visit-dav/visit/discussions/'));
    expect(created()).toHaveLength(1);
    const ctrlC = scripted({ Title: ['Never posted'], Post: [new InterruptedError('interrupted')] });
    const c = await sre(['log-call', '--via', 'chat'], { state: home(), tty: true, prompter: ctrlC.prompter });
    expect(c.code).toBe(130);
    expect(created()).toHaveLength(1);
  });

  it.each([
    [true, '- Customer: J. S.', 'Jane'],
    [false, '- Customer: Jane Smith <jane@lab.gov>', 'J. S.'],
  ])('asks whether to keep only the initials (%s), instead of warning afterwards', async (keep, shown, hidden) => {
    standin = await startStandin(WEEK);
    const person = scripted({ Customer: ['Jane Smith <jane@lab.gov>'], Keep: [keep], Title: ['t'] });
    const r = await sre(['log-call', '--via', 'hallway'], { state: home(), tty: true, prompter: person.prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(person.asked.some((m) => m.startsWith("Keep only the customer's initials (J. S.)"))).toBe(true);
    expect(r.stderr).not.toMatch(/--customer-private/);
    expect(discussions().at(-1)!.body).toContain(shown);
    expect(discussions().at(-1)!.body).not.toContain(hidden);
  });
});

describe('nothing lost: the outbox and sync', () => {
  it('GitHub down: queued (exit 0); then sync twice creates exactly one discussion', async () => {
    const state = home();
    standin = await startStandin(WEEK);
    const url = standin.url;
    await standin.close();
    const queued = await sre(['log-call', '--via', 'hotline', '--title', 'Queued question', '--body', 'Typed while offline.', '--json'], {
      state,
      url,
    });
    expect(queued.code).toBe(0);
    expect(queued.json().actions).toEqual([
      {
        kind: 'log-call',
        number: null,
        url: null,
        status: 'queued',
        reason: expect.stringMatching(/could not connect to 127\.0\.0\.1:\d+/),
      },
    ]);
    expect(queued.stderr).toMatch(/saved in the outbox/);
    expect(outboxFiles(state)).toHaveLength(1);
    standin = await startStandin(WEEK);
    const overdue = await sre(['overdue'], { state });
    expect(overdue.stderr).toMatch(/1 inquiry waits in the outbox/);
    const first = await sre(['sync', '--json'], { state });
    expect(first.code, first.stderr).toBe(0);
    expect(first.json().actions[0]).toMatchObject({ kind: 'sync', status: 'done' });
    const second = await sre(['sync', '--json'], { state });
    expect(second.json().actions).toEqual([]);
    expect(discussions().filter((d) => d.title === 'Queued question')).toHaveLength(1);
    expect(outboxFiles(state)).toHaveLength(0);
  });

  it('a lost answer: the create got through, the reply did not; log-call finds it and creates nothing twice', async () => {
    const state = home();
    standin = await startStandin(WEEK);
    standin.inject({ type: 'lose', when: 'mutation' });
    const r = await sre(['log-call', '--via', 'chat', '--title', 'Lost reply', '--body', 'x', '--json'], { state });
    expect(r.json().actions[0]).toMatchObject({ status: 'done', url: expect.stringMatching(/discussions\/\d+$/) });
    expect(discussions().filter((d) => d.title === 'Lost reply')).toHaveLength(1);
    expect(outboxFiles(state)).toHaveLength(0);
  });

  it('a bad token part-way queues too, and exits 0', async () => {
    const state = home();
    standin = await startStandin(WEEK);
    standin.inject({ type: 'revoke', when: 'mutation' });
    const r = await sre(['log-call', '--via', 'chat', '--title', 'Token trouble', '--body', 'x'], { state });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/token is fixed/);
    expect(outboxFiles(state)).toHaveLength(1);
  });

  it('a damaged entry is reported and kept, and never blocks the others', async () => {
    const state = home();
    standin = await startStandin(WEEK);
    const url = standin.url;
    await standin.close();
    await sre(['log-call', '--via', 'hotline', '--title', 'Good one', '--body', 'x'], { state, url });
    writeFileSync(path.join(state, 'visit-sre', 'outbox', '00000000T000000Z-broken.json'), '{ not json');
    standin = await startStandin(WEEK);
    const r = await sre(['sync', '--json'], { state });
    expect(r.code).toBe(1);
    expect(r.json().actions.map((a: { status: string }) => a.status)).toEqual(['failed', 'done']);
    expect(r.json().actions[0].reason).toMatch(/broken\.json: unreadable/);
    expect(outboxFiles(state)).toEqual(['00000000T000000Z-broken.json']);
  });
});

describe('classified inquiries', () => {
  it('stay off GitHub: nothing sent, the journal holds no content, and the command names who has access', async () => {
    const state = home();
    standin = await startStandin(WEEK);
    const r = await sre(
      [
        'log-call',
        '--classified',
        '--via',
        'walk-in',
        '--title',
        'SECRET-TITLE',
        '--body',
        'SECRET-BODY',
        '--needed-by',
        '+3h',
        '--effort',
        '1h',
        '--json',
      ],
      { state },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(standin.log).toHaveLength(0);
    const journal = readFileSync(path.join(state, 'visit-sre', 'journal.jsonl'), 'utf8');
    expect(journal).not.toMatch(/SECRET/);
    expect(JSON.parse(journal.trim())).toEqual({
      at: NOW,
      via: 'walk-in',
      handler: 'grace-hopper',
      neededBy: '2026-12-01T22:00:00Z',
      effortMinutes: 60,
      loggedAt: NOW,
    });
    const out = r.json();
    expect(out.classifiedAccess).toEqual(['ada-lovelace', 'alan-turing']);
    expect(out.advice).toMatch(
      /^Neither @grace-hopper \(Primary\) nor @edsger-d \(Backup\) has access and the customer needs an answer within hours: ask the whole team/,
    );
    expect(r.stdout + r.stderr).not.toMatch(/SECRET/);
  });
});
