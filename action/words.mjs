// The Action's `command` input, split into words as a POSIX shell splits a
// simple command, and nothing more: quotes and backslashes are honoured, and
// nothing is ever expanded or run. A `$`, a backquote or an operator outside
// single quotes is refused, since no shell is there to give it the meaning
// the writer meant (pass values through `with:` expressions instead).

export class WordsError extends Error {}

const SPACE = /[ \t\n]/;
const OPERATOR = /[;&|<>()]/;

/** `notify --reason "two words"` → ['notify', '--reason', 'two words']. */
export function splitWords(text) {
  const words = [];
  let word = null;
  const at = (i) => `at character ${i + 1} of the command`;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (SPACE.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new WordsError(`unterminated ' ${at(i)}`);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      for (i++; ; i++) {
        if (i >= text.length) throw new WordsError(`unterminated " ${at(text.lastIndexOf('"'))}`);
        const d = text[i];
        if (d === '"') break;
        if (d === '$' || d === '`')
          throw new WordsError(`${d} ${at(i)} would need a shell; quote it with ' or pass the value through with:`);
        // Inside double quotes a backslash escapes only these, as in sh.
        if (d === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
          i++;
          if (text[i] !== '\n') word += text[i];
        } else word += d;
      }
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new WordsError(`a trailing \\ ${at(i)}`);
      i++;
      if (text[i] !== '\n') word = (word ?? '') + text[i];
    } else if (c === '$' || c === '`' || OPERATOR.test(c)) {
      throw new WordsError(`${c} ${at(i)} would need a shell; quote it with ' or pass the value through with:`);
    } else if (c === '#' && word === null) {
      break; // a comment, as in sh
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
