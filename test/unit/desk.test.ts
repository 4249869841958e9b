import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/conversation.js';
import { assess, teamRule } from '../../src/core/conversation.js';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import { formatMarker, parseMarker } from '../../src/core/markers.js';
import { deskEntries, repairs, sentKeys, webhookPending } from '../../src/core/desk.js';
import { rewriteKeyed } from '../../src/core/keyed.js';
import { BOARD_END, BOARD_START, boardChanged, boardOf, spliceBoard } from '../../src/core/board.js';
import { validateConfig } from '../../src/core/config.js';

const team = teamRule(['ada', 'bob'], ['OWNER', 'MEMBER'], ['github-actions[bot]']);
let seq = 0;
const comment = (author: string, body: string, authorType = 'User', association = 'NONE'): Message => ({
  id: `c${++seq}`,
  url: `https://x/${seq}`,
  kind: 'comment',
  author,
  authorType,
  association,
  createdAt: Date.parse('2026-11-30T17:00:00Z') + seq * 1000,
  body,
});
const notify = (keys: string[], extra: Record<string, unknown> = {}) =>
  `**Support desk**\n\n${keys.map((k) => `- line for ${k}`).join('\n')}\n\n${formatMarker({ kind: 'notify', keys, ...extra })}`;

describe('the desk feed (§9)', () => {
  it('trusts markers of the team and of trusted bots, not of users or other bots', () => {
    const entries = deskEntries(
      [
        comment('ada', notify(['1@a:new'])),
        comment('github-actions', notify(['2@a:new']), 'Bot'),
        comment('eve', notify(['3@a:new'])),
        comment('other-bot', notify(['4@a:new']), 'Bot'),
      ],
      team,
    );
    expect([...sentKeys(entries)]).toEqual(['1@a:new', '2@a:new']);
  });

  it('reads any marker kind, or only those asked for', () => {
    const comments = [comment('ada', notify(['1@a:new'])), comment('bob', `away\n\n${formatMarker({ kind: 'keep', number: 3 })}`)];
    expect(deskEntries(comments, team).map((e) => e.marker.kind)).toEqual(['notify', 'keep']);
    expect(deskEntries(comments, team, ['keep']).map((e) => e.marker.kind)).toEqual(['keep']);
  });

  it('a later comment whose keys an earlier one holds deletes itself', () => {
    const entries = deskEntries([comment('ada', notify(['1@a:new', '2@a:new'])), comment('ada', notify(['1@a:new']))], team);
    expect(repairs(entries)).toEqual([{ commentId: entries[1]!.commentId, action: 'delete' }]);
  });

  it('a later comment with some keys taken edits out those lines and keys', () => {
    const entries = deskEntries([comment('ada', notify(['1@a:new'])), comment('ada', notify(['1@a:new', '2@a:new']))], team);
    const [r] = repairs(entries);
    expect(r).toMatchObject({ commentId: entries[1]!.commentId, action: 'edit' });
    const body = (r as { body: string }).body;
    expect(body).not.toContain('line for 1@a:new');
    expect(body).toContain('line for 2@a:new');
    expect(parseMarker(body)?.keys).toEqual(['2@a:new']);
  });

  it('the earliest holder of a key never loses it, so a chain converges to one copy each', () => {
    const entries = deskEntries([comment('ada', notify(['1'])), comment('ada', notify(['1', '2'])), comment('ada', notify(['2']))], team);
    expect(repairs(entries).map((r) => [r.commentId, r.action])).toEqual([
      [entries[1]!.commentId, 'edit'],
      [entries[2]!.commentId, 'delete'],
    ]);
  });

  it('pending webhook keys are read from the markers, and cleared by a rewrite', () => {
    const entries = deskEntries([comment('ada', notify(['1', '2'], { pending: ['1', '2'] }))], team);
    expect(webhookPending(entries).map((p) => p.keys)).toEqual([['1', '2']]);
    const cleared = rewriteKeyed(entries[0]!.body, entries[0]!.marker, { pending: [] });
    expect(parseMarker(cleared)).toEqual({ v: 1, kind: 'notify', keys: ['1', '2'] });
    expect(cleared).toContain('line for 2');
  });
});

describe('trusted bots (§9)', () => {
  const calendar = makeBusinessCalendar({ zone: 'UTC', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], windows: ['08:00-17:00'], holidays: [] });
  const policy = { calendar, team, responseGoalMinutes: 240, staleAfterDays: 21, primaryAt: () => 'ada' };
  const post: Message = {
    id: 'p',
    url: 'u',
    kind: 'post',
    author: 'user1',
    authorType: 'User',
    association: 'NONE',
    createdAt: Date.parse('2026-11-30T09:00:00Z'),
    body: 'help',
  };
  const discussion = (messages: Message[]) => ({
    id: 'D',
    number: 1,
    title: 't',
    url: 'u',
    createdAt: post.createdAt,
    closed: false,
    closedAt: null,
    isAnswered: false,
    answerChosenAt: null,
    category: { id: 'c', slug: 's', name: 'n', isAnswerable: true },
    labels: [],
    messages: [post, ...messages],
    complete: true,
  });

  it("a trusted bot's handoff marker moves ownership", () => {
    const bot = {
      ...comment('github-actions', `handed\n\n${formatMarker({ kind: 'handoff', to: 'bob' })}`, 'Bot'),
      createdAt: Date.parse('2026-11-30T10:00:00Z'),
    };
    expect(assess(discussion([bot]), policy, Date.parse('2026-11-30T11:00:00Z')).owner).toBe('bob');
  });

  it("a trusted bot's comment never answers the user", () => {
    const bot = { ...comment('github-actions', 'Thanks for your question!', 'Bot'), createdAt: Date.parse('2026-11-30T10:00:00Z') };
    expect(assess(discussion([bot]), policy, Date.parse('2026-11-30T11:00:00Z')).state).toBe('waiting-on-team');
  });

  it('an untrusted bot cannot hand off', () => {
    const bot = {
      ...comment('greeter', `x\n\n${formatMarker({ kind: 'handoff', to: 'bob' })}`, 'Bot'),
      createdAt: Date.parse('2026-11-30T10:00:00Z'),
    };
    expect(assess(discussion([bot]), policy, Date.parse('2026-11-30T11:00:00Z')).owner).toBe('ada');
  });

  it('defaults to github-actions[bot]', () => {
    expect(validateConfig({}, 'c').trustedBots).toEqual(['github-actions[bot]']);
  });
});

describe('the board in the body (§9)', () => {
  it('is appended with its marker lines when they are missing, the text before kept byte for byte', () => {
    const body = 'Team notes\r\n  keep me  ';
    const out = spliceBoard(body, 'B1');
    expect(out.startsWith(body)).toBe(true);
    expect(boardOf(out)).toBe('B1');
  });

  it('replaces only what lies between the lines', () => {
    const body = `before\n${BOARD_START}\nold\n${BOARD_END}\nafter <b>x</b>\n`;
    expect(spliceBoard(body, 'new')).toBe(`before\n${BOARD_START}\nnew\n${BOARD_END}\nafter <b>x</b>\n`);
  });

  it('a change of timestamp alone is no change', () => {
    const body = spliceBoard('', 'queue\n<sub>Updated Mon 09:00</sub>');
    expect(boardChanged(body, 'queue\n<sub>Updated Mon 09:15</sub>')).toBe(false);
    expect(boardChanged(body, 'queue 2\n<sub>Updated Mon 09:15</sub>')).toBe(true);
  });

  it('an orphan start line before the board does not swallow the team text after it', () => {
    const body = `${BOARD_START}\nteam text\n\n${BOARD_START}\nold\n${BOARD_END}\n`;
    expect(spliceBoard(body, 'new')).toBe(`${BOARD_START}\nteam text\n\n${BOARD_START}\nnew\n${BOARD_END}\n`);
  });
});

describe('config: desk, escalation (§9)', () => {
  it.each([
    [{ desk: { thread: 'visit-dav/visit' } }, /"desk\.thread" must be "OWNER\/NAME#NUMBER"/],
    [{ desk: { webhook: 'http://hooks.example/abc' } }, /"desk\.webhook" must be an https:\/\/ URL/],
    [{ escalation: [{ when: 'late', notify: ['owner'] }] }, /"escalation\[0\]\.when" must be new, due-soon, overdue or overdue\+DURATION/],
    [{ escalation: [{ when: 'overdue+2x', notify: ['owner'] }] }, /"escalation\[0\]\.when"/],
    [{ escalation: [{ when: 'overdue', notify: ['owner', 'not a login'] }] }, /"escalation\[0\]\.notify\[1\]"/],
  ])('rejects %j naming the key', (raw, message) => {
    expect(() => validateConfig(raw, 'c.json')).toThrow(message);
  });

  it('a webhook error never repeats the URL', () => {
    expect(() => validateConfig({ desk: { webhook: 'http://secret-token.example' } }, 'c.json')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret-token') }),
    );
  });
});
