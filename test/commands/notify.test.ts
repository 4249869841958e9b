import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../support/deps.js';
import { team, user } from '../support/scenario.js';
import { memoryGitHub } from '../support/memoryGitHub.js';
import { DESK_BODY, desk, deskConfig, deskScenario, expectDeskPost } from '../support/desk.js';

// The in-memory port (test/support/memoryGitHub.ts): every write must be expected, and afterEach fails on one that never came.
let gh: ReturnType<typeof memoryGitHub> | undefined;
let clock = '';
const world = (s: object) => (gh = memoryGitHub(s, { now: () => clock }));
afterEach(() => {
  const g = gh;
  gh = undefined;
  g?.verify();
});
const writes = () => gh!.writes;

// Mon Nov 30 2026: Grace Primary, Edsger Backup; the week before, Ada and Barbara.
const MON_0915 = '2026-11-30T17:15:00Z';
const MON_1300 = '2026-11-30T21:00:00Z';
const _MON_NIGHT = '2026-12-01T05:00:00Z';

async function notify(args: string[], now: string, config: string, opts: { env?: Record<string, string>; fetch?: typeof fetch } = {}) {
  clock = now;
  const r = await run(['notify', ...args], {
    now,
    env: { VISIT_SRE_CONFIG: config, ...opts.env },
    githubPort: gh!.port,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

const weekend = () =>
  deskScenario([
    { ...user('jdoe', '2026-11-28T22:00:00Z', 'Saturday: the Silo reader crashes'), title: 'Silo crash', category: 'help-using-visit' },
    {
      ...user('mroe', '2026-11-25T18:00:00Z', 'Pseudocolor question'),
      title: 'Pseudocolor',
      comments: [team('ada-lovelace', '2026-11-25T19:00:00Z', 'Try this')],
    },
  ]);

describe('notify', () => {
  it('posts one comment with @mentions and a keyed marker, writes the board after the team text, and a re-run writes nothing', async () => {
    world(weekend());
    expectDeskPost(gh!, /"kind":"notify"/, 1, 1);
    gh!.expectWrite('updateThreadBody', { number: 1 });
    const config = deskConfig();
    const r = await notify(['--json'], MON_0915, config);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out.notifications.map((n: { key: string; to: string[]; status: string }) => [n.key, n.to, n.status])).toEqual([
      ['shift@2026-11-30T08:00:00Z:missed-handoff', ['ada-lovelace', 'grace-hopper'], 'done'],
      ['100@2026-11-28T22:00:00Z:new', ['grace-hopper'], 'done'],
    ]);
    expect(out.board.updated).toBe(true);
    const d = desk(gh!);
    expect(d.feed).toHaveLength(1);
    expect(d.feed[0]!.author).toBe('grace-hopper');
    expect(d.feed[0]!.body).toMatch(
      /\[#100\]\(https:\/\/github\.com\/visit-dav\/visit\/discussions\/100\) Silo crash — new inquiry, due Mon Nov 30 12:00 → @grace-hopper/,
    );
    expect(d.feed[0]!.body).toMatch(
      /Missed handoff: 1 unresolved discussion of the last shift still belong to ada-lovelace.* → @ada-lovelace @grace-hopper/,
    );
    expect(d.body.startsWith(DESK_BODY)).toBe(true);
    expect(d.body).toMatch(
      /<!-- visit-sre board -->\n## Support desk\n\n\*\*On duty:\*\* Primary \[grace-hopper\]\(https:\/\/github.com\/grace-hopper\) · Backup \[edsger-d\]/,
    );
    expect(d.body).toMatch(/### grace-hopper \(1 waiting\)\n\n\| # \| title \| state \| due \(America\/Los_Angeles\) \| clock \|\n/);
    expect(d.body).toMatch(/### Not handed off by \[ada-lovelace\].*\(1\)\n\n- \[#101\]/);
    expect(d.body).not.toMatch(/@(grace|ada)/); // an edited body must not ping anyone
    // The reservation (no mentions), the comment, the reservation removed, the board.
    expect(writes().map((w) => w.op)).toEqual(['addThreadComment', 'addThreadComment', 'deleteThreadComment', 'updateThreadBody']);
    expect(writes()[0]!.body).not.toMatch(/@[a-z]/);

    const again = await notify(['--json'], '2026-11-30T17:30:00Z', config);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().notifications).toEqual([]);
    expect(again.json().board.updated).toBe(false);
    expect(writes()).toHaveLength(4);
  });

  it('stays quiet outside business hours but keeps the board, then sends at the first run in business hours', async () => {
    world(weekend());
    gh!.expectWrite('updateThreadBody', { number: 1, body: /1 notification will go out/ });
    expectDeskPost(gh!, /new inquiry/, 1, 1);
    gh!.expectWrite('updateThreadBody', { number: 1 });
    const config = deskConfig();
    const night = await notify(['--json'], '2026-11-29T20:00:00Z', config);
    expect(night.json().notifications.map((n: { status: string }) => n.status)).toEqual(['skipped']);
    expect(desk(gh!).feed).toHaveLength(0);
    expect(desk(gh!).body).toMatch(/1 notification will go out when business hours begin/);
    const morning = await notify(['--json'], '2026-11-30T16:00:00Z', config);
    expect(morning.json().notifications.map((n: { when: string; status: string }) => [n.when, n.status])).toEqual([['new', 'done']]);
  });

  it('--dry-run prints the comment and the board and writes nothing', async () => {
    world(weekend());
    const r = await notify(['--dry-run'], MON_0915, deskConfig());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Would post to https:\/\/github.com\/visit-dav\/visit\/issues\/1:/);
    expect(r.stdout).toMatch(/"kind":"notify","keys":\["shift@2026-11-30T08:00:00Z:missed-handoff","100@2026-11-28T22:00:00Z:new"\]/);
    expect(r.stdout).toMatch(/Would rewrite the board:/);
    expect(writes()).toHaveLength(0);
  });

  it('--fail-on-overdue exits 8 when something is overdue', async () => {
    world(weekend());
    expectDeskPost(gh!, /"kind":"notify"/, 1, 1);
    gh!.expectWrite('updateThreadBody', { number: 1 });
    const r = await notify(['--fail-on-overdue'], MON_1300, deskConfig());
    expect(r.code, r.stderr).toBe(8);
  });

  it('a missing or malformed desk.thread is a usage error naming the key', async () => {
    world(weekend());
    const missing = await notify([], MON_0915, deskConfig({ desk: { thread: null } }));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: no desk thread: config key "desk.thread" is not set/);
    const bad = await notify([], MON_0915, deskConfig({ desk: { thread: 'visit-dav/visit' } }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"desk.thread" must be "OWNER\/NAME#NUMBER"/);
    const gone = await notify([], MON_0915, deskConfig({ desk: { thread: 'visit-dav/visit#77' } }));
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/visit-dav\/visit#77 is neither an issue nor a discussion/);
  });

  it('a discussion can be the desk thread', async () => {
    const s = weekend();
    s.repositories[0]!.discussions.push({
      number: 50,
      title: 'Support desk',
      author: 'grace-hopper',
      association: 'MEMBER',
      createdAt: '2026-01-01T00:00:00Z',
      body: 'notes',
      category: 'ideas',
    } as never);
    world(s);
    expectDeskPost(gh!, /"kind":"notify"/, 1, 50);
    gh!.expectWrite('updateThreadBody', { number: 50 });
    const r = await notify(['--json'], MON_0915, deskConfig({ desk: { thread: 'visit-dav/visit#50' } }));
    expect(r.code, r.stderr).toBe(0);
    const t = gh!.store.thread('visit-dav/visit', 50)!;
    expect(t.comments).toHaveLength(1);
    expect(t.body).toMatch(/^notes\n\n<!-- visit-sre board -->/);
  });

  it("a forged notify marker from a user suppresses nothing; a trusted bot's counts", async () => {
    const forged = (author: string, association: string) => ({
      author,
      association,
      createdAt: '2026-11-30T16:00:00Z',
      body: 'x\n\n<!-- visit-sre {"v":1,"kind":"notify","keys":["100@2026-11-28T22:00:00Z:new"]} -->',
    });
    world(deskScenario(weekend().repositories[0]!.discussions as never, [forged('eve', 'NONE')]));
    expectDeskPost(gh!, /"kind":"notify"/, 1, 1);
    gh!.expectWrite('updateThreadBody', { number: 1 });
    expect((await notify(['--json'], MON_0915, deskConfig())).json().notifications.map((n: { when: string }) => n.when)).toContain('new');
    gh!.verify();
    world(deskScenario(weekend().repositories[0]!.discussions as never, [forged('github-actions[bot]', 'NONE')]));
    expectDeskPost(gh!, /"kind":"notify"/, 1, 1);
    gh!.expectWrite('updateThreadBody', { number: 1 });
    expect((await notify(['--json'], MON_0915, deskConfig())).json().notifications.map((n: { when: string }) => n.when)).not.toContain(
      'new',
    );
  });

  it('the webhook gets the same batch; a failure does not stop GitHub, is reported, and is retried next run', async () => {
    world(weekend());
    expectDeskPost(gh!, /"kind":"notify"/, 1, 1);
    gh!.expectWrite('updateThreadBody', { number: 1 });
    gh!.expectWrite('updateThreadComment', { number: 1, body: /"pending":\[/ });
    gh!.expectWrite('updateThreadComment', { number: 1, body: /^(?![\s\S]*"pending")/ });
    const calls: Array<{ url: string; text: string }> = [];
    let fail = true;
    const hookFetch = (async (url: string, init: { body: string }) => {
      calls.push({ url, text: JSON.parse(init.body).text });
      return new Response('', { status: fail ? 500 : 200 });
    }) as unknown as typeof fetch;
    const secret = 'https://hooks.example.test/services/T000/SECRET';
    const config = deskConfig();
    const first = await notify(['--json'], MON_0915, config, { env: { VISIT_SRE_WEBHOOK: secret }, fetch: hookFetch });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/the webhook \(VISIT_SRE_WEBHOOK\) answered HTTP 500; it is retried on the next run/);
    expect(first.stdout + first.stderr).not.toContain('SECRET');
    expect(desk(gh!).keys).toHaveLength(2);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.text).toMatch(/#100\]\(.*\) Silo crash — new inquiry/);

    fail = false;
    const second = await notify(['--json'], '2026-11-30T17:30:00Z', config, { env: { VISIT_SRE_WEBHOOK: secret }, fetch: hookFetch });
    expect(second.json().actions).toEqual([{ kind: 'webhook-retry', number: null, url: null, status: 'done' }]);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.text).toBe(calls[0]!.text);
    const third = await notify(['--json'], '2026-11-30T17:45:00Z', config, { env: { VISIT_SRE_WEBHOOK: secret }, fetch: hookFetch });
    expect(third.json().actions).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('desk.labelNew labels in-category discussions, and desk.closeStale closes stale ones, through the executor', async () => {
    const s = deskScenario([
      { ...user('jdoe', '2026-11-28T22:00:00Z', 'no label yet'), title: 'Unlabelled', category: 'help-using-visit' },
      {
        ...user('old', '2026-10-01T18:00:00Z', 'silent since'),
        title: 'Gone quiet',
        labels: ['support'],
        comments: [team('ada-lovelace', '2026-10-02T18:00:00Z', 'Try 3.4')],
      },
    ]);
    world(s);
    gh!.expectWrite('addLabels', { number: 100 });
    gh!.expectWrite('addDiscussionComment', { number: 101, body: /"kind":"stale"/ });
    gh!.expectWrite('markAnswer', { number: 101 });
    gh!.expectWrite('addLabels', { number: 101 });
    expectDeskPost(gh!, /"kind":"notify"/, 1, 1);
    gh!.expectWrite('updateThreadBody', { number: 1 });
    const config = deskConfig({ discussions: { label: 'support' }, desk: { labelNew: true, closeStale: true } });
    const dry = await notify(['--json', '--dry-run'], MON_0915, config);
    expect(dry.json().actions.map((a: { kind: string; number: number; status: string }) => [a.kind, a.number, a.status])).toEqual([
      ['label', 100, 'planned'],
      ['close-stale', 101, 'planned'],
    ]);
    expect(writes()).toHaveLength(0);
    const r = await notify(['--json'], MON_0915, config);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions.map((a: { kind: string; number: number; status: string }) => [a.kind, a.number, a.status])).toEqual([
      ['label', 100, 'done'],
      ['close-stale', 101, 'done'],
    ]);
    const snap = gh!.store.snapshot()[0]!.discussions;
    expect(snap.find((d) => d.number === 100)!.labels).toContain('support');
    expect(snap.find((d) => d.number === 101)!.labels).toContain('wontfix');
    // The labelled discussion entered the scope in the same run: its owner heard of it.
    expect(r.json().notifications.map((n: { key: string }) => n.key)).toContain('100@2026-11-28T22:00:00Z:new');
  });
});
