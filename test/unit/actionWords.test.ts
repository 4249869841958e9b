import { describe, expect, it } from 'vitest';
import { splitWords, WordsError } from '../../action/words.mjs';

describe("the Action's command input, split as sh splits words", () => {
  it.each([
    ['notify', ['notify']],
    ['  overdue   --close-stale\t--yes \n', ['overdue', '--close-stale', '--yes']],
    ['handoff --reason "two words"', ['handoff', '--reason', 'two words']],
    ["handoff --reason 'it''s'", ['handoff', '--reason', 'its']],
    ['log-call --title \'say "hi"\'', ['log-call', '--title', 'say "hi"']],
    ['log-call --title "say \\"hi\\" \\\\ back"', ['log-call', '--title', 'say "hi" \\ back']],
    ['log-call --title "keep \\n and \\x"', ['log-call', '--title', 'keep \\n and \\x']],
    ['a\\ b c\\"d', ['a b', 'c"d']],
    ['who --at ""', ['who', '--at', '']],
    ["--body=''", ['--body=']],
    ["who --at '$NOW' --note 'a;b|c'", ['who', '--at', '$NOW', '--note', 'a;b|c']],
    ['who # the rest is a comment', ['who']],
    ['who --note a#b', ['who', '--note', 'a#b']],
    ['line\\\ncontinued', ['linecontinued']],
    ['', []],
  ])('%j → %j', (text, words) => {
    expect(splitWords(text)).toEqual(words);
  });

  it.each([
    ['handoff --reason "open', /unterminated "/],
    ["handoff --reason 'open", /unterminated '/],
    ['who --at $NOW', /\$ at character 10 .* would need a shell/],
    ['who --at "$NOW"', /\$ at character 11/],
    ['who `date`', /` at character 5/],
    ['notify; rm -rf ~', /; at character 7/],
    ['notify && echo', /& at character 8/],
    ['who > out.txt', /> at character 5/],
    ['who | head', /\| at character 5/],
    ['who \\', /a trailing \\/],
  ])('refuses %j', (text, message) => {
    expect(() => splitWords(text)).toThrow(WordsError);
    expect(() => splitWords(text)).toThrow(message);
  });
});
