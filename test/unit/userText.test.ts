import { describe, expect, it } from 'vitest';
import { guardTerminal, markdownText, terminalText } from '../../src/core/userText.js';
import { CONTROL_BYTES, HOSTILE } from '../support/hostile.js';

const ESC = '\u001b';

describe('user text on a terminal', () => {
  it('keeps the words and drops every sequence, control and bidi character', () => {
    const shown = terminalText(HOSTILE);
    expect(shown.match(CONTROL_BYTES)).toBeNull();
    expect(shown).toBe('Crash in red  gnp.exe done');
  });

  it.each([
    ['an OSC 0 window title ended by BEL', `a${ESC}]0;title\u0007b`, 'ab'],
    ['an OSC 52 clipboard write ended by ST', `a${ESC}]52;c;aGk=${ESC}\\b`, 'ab'],
    ['a C1 OSC ended by C1 ST', 'a\u009d0;t\u009cb', 'ab'],
    ['an unterminated OSC runs to the end', `a${ESC}]0;swallowed`, 'a'],
    ['a cursor move', `a${ESC}[10;5Hb`, 'ab'],
    ['a DCS string', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
    ['a charset switch', `a${ESC}(0b`, 'ab'],
    ['a lone ESC at the end', `a${ESC}`, 'a'],
    ['DEL and NUL', 'a\u007f\u0000b', 'ab'],
    ['bidi isolates and marks', 'a\u2066b\u2069\u200e\u200f\u061cc', 'abc'],
  ])('%s', (_name, input, want) => expect(terminalText(input)).toBe(want));

  it('folds line breaks and tabs to one space on a line, keeps them in a block', () => {
    expect(terminalText('one\r\ntwo\tthree\rfour\u2028five')).toBe('one two three four five');
    expect(terminalText('one\r\ntwo\tthree\rfour', 'block')).toBe('one\ntwo\tthree\nfour');
  });

  it('leaves ordinary text alone, wide characters and emoji included', () => {
    const text = 'Silo reader: 日本語 👩‍💻 café — 50% (of 2)';
    expect(terminalText(text)).toBe(text);
  });
});

describe('the last guard before the terminal', () => {
  const painted = `${ESC}[1m#12${ESC}[22m ${ESC}]8;;https://github.com/o/r/discussions/12${ESC}\\link${ESC}]8;;${ESC}\\`;
  it('keeps the tool’s own colours and links when they are on', () => {
    expect(guardTerminal(painted, { sgr: true, hyperlinks: true, redraw: false })).toBe(painted);
  });

  it('with colour and links off, nothing but text is left', () => {
    const out = guardTerminal(`${painted} ${HOSTILE}`, { sgr: false, hyperlinks: false, redraw: false });
    expect(out.match(CONTROL_BYTES)).toBeNull();
    expect(out).toContain('#12 link Crash in');
  });

  it('with colour on, the dangerous sequences still go: window title, clipboard, reset, C1', () => {
    const out = guardTerminal(HOSTILE, { sgr: true, hyperlinks: true, redraw: true });
    expect(out).not.toMatch(/\u001b\]0|\u001b\]52|\u001bc|\u009b|\u0007|\u202e/);
  });

  it('keeps CR LF line ends (an iCal file on stdout), never a lone CR', () => {
    expect(guardTerminal('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', { sgr: false, hyperlinks: false, redraw: false })).toBe(
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    );
    expect(guardTerminal('safe\u0007\rfake', { sgr: false, hyperlinks: false, redraw: false })).toBe('safe\nfake');
  });

  it('keeps a spinner’s redraw only where asked', () => {
    expect(guardTerminal('\r\u001b[2K⠋ reading', { sgr: false, hyperlinks: false, redraw: true })).toBe('\r\u001b[2K⠋ reading');
    expect(guardTerminal('\r\u001b[2K⠋ reading', { sgr: false, hyperlinks: false, redraw: false })).toBe('\n⠋ reading');
  });
});

describe('user text in the team’s markdown', () => {
  it.each([
    ['an image (a tracking pixel)', '![](https://tracker.example/px.gif)', '!\\[\\](https\u200b://tracker.example/px.gif)'],
    ['a link', '[click](https://evil.example)', '\\[click\\](https\u200b://evil.example)'],
    ['a bare URL', 'see https://evil.example now', 'see https\u200b://evil.example now'],
    ['a www autolink', 'see www.evil.example', 'see www\u200b.evil.example'],
    ['an angle autolink', '<https://evil.example>', '&lt;https\u200b://evil.example>'],
    ['a mention', 'cc @alan-turing', 'cc @\u200balan-turing'],
    ['an entity that spells a mention', '&#64;alan', '&amp;#\u200b64;alan'],
    ['a comment that would end the board', '<!-- /visit-sre board -->', '&lt;!-- /visit-sre board -->'],
    ['a Slack broadcast', '<!channel> help', '&lt;!channel> help'],
    ['a code span', 'run `rm -rf` now', 'run \\`rm -rf\\` now'],
    ['emphasis', '__init__ and *bold* ~gone~', '\\_\\_init\\_\\_ and \\*bold\\* \\~gone\\~'],
    ['a table cell', 'a | b', 'a \\| b'],
    ['a cross-reference', 'like #42 and o/r#7', 'like #\u200b42 and o/r#\u200b7'],
    ['a backslash', 'C:\\temp', 'C:\\\\temp'],
    ['line breaks', 'one\r\ntwo', 'one two'],
  ])('%s: %j', (_name, input, want) => expect(markdownText(input)).toBe(want));

  it('drops terminal controls and bidi characters too', () => {
    expect(markdownText(HOSTILE).match(CONTROL_BYTES)).toBeNull();
  });

  it('a plain title is left readable', () =>
    expect(markdownText('VisIt 3.4 fails to open Silo files')).toBe('VisIt 3.4 fails to open Silo files'));
});
