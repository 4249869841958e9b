import { describe, expect, it } from 'vitest';
import { effortLine, messageEffort } from '../../src/core/effort.js';
import { teamRule } from '../../src/core/conversation.js';
import type { Message } from '../../src/core/conversation.js';

describe('effortLine', () => {
  it.each([
    ['Effort: 45m', 45],
    ['Fixed it.\n\neffort: 1.5h', 90],
    ['EFFORT:2h30m', 150],
    ['  Effort:  PT1H  ', 60],
    ['Effort: 45 min.', 45],
    ['Effort: 30m\nEffort: 2h', 30],
    ['Effort: a lot\nEffort: 20m', 20],
    ['> Effort: 45m', null],
    ['```\nEffort: 45m\n```', null],
    ['<!-- Effort: 45m -->', null],
    ['The effort: 45m was worth it', null],
    ['Effort 45m', null],
    ['no line at all', null],
  ])('%j → %s', (body, minutes) => {
    expect(effortLine(body)).toBe(minutes);
  });
});

describe('messageEffort', () => {
  const team = teamRule(['ada-lovelace'], ['MEMBER']);
  const msg = (over: Partial<Message>): Message => ({
    id: 'm',
    url: 'u',
    kind: 'reply',
    author: 'ada-lovelace',
    authorType: 'User',
    association: 'NONE',
    createdAt: 0,
    body: 'Effort: 1h',
    ...over,
  });
  it.each([
    ['a team member by login', {}, 60],
    ['a team member by association', { author: 'someone', association: 'MEMBER' }, 60],
    ['a user', { author: 'someone' }, 0],
    ['a bot', { author: 'helper[bot]', authorType: 'Bot', association: 'MEMBER' }, 0],
    ['a hidden comment', { hidden: true }, 0],
    [
      "the tool's comment: its marker counts, not the line",
      { kind: 'comment' as const, body: 'Effort: 1h\n\n<!-- visit-sre {"v":1,"kind":"effort","effortMinutes":20} -->' },
      20,
    ],
  ])('%s', (_what, over, minutes) => {
    expect(messageEffort(msg(over), team)).toBe(minutes);
  });
});
