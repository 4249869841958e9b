import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { inquirerPrompter } from '../../src/shell/prompt.js';
import type { InStream } from '../../src/app/context.js';
import { HOSTILE } from '../support/hostile.js';

/** Prompts draw on the real terminal outside the stream guard: their questions and choices are cleaned on the way in. */
describe('a prompt quoting user text', () => {
  it('shows a hostile title in its question and choices without one of its sequences', async () => {
    const input = new PassThrough() as unknown as InStream;
    const output = new PassThrough();
    let drawn = '';
    output.on('data', (c: Buffer) => (drawn += c.toString()));
    const ask = await inquirerPrompter(input, output as never);
    const answer = ask.select(`Which comment answers "${HOSTILE}"?`, [
      { value: 'a', name: `@jdoe: ${HOSTILE}` },
      { value: 'b', name: 'plain' },
    ]);
    setImmediate(() => (input as unknown as PassThrough).write('\r'));
    expect(await answer).toBe('a');
    expect(drawn).toContain('Crash in red');
    for (const bad of ['\u001b]0;', '\u001b]52;', '\u009b', '\u0007', '\u202e', '\u001bc', '\u001b[31;5m'])
      expect(drawn).not.toContain(bad);
  });
});
