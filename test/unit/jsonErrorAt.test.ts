import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonErrorAt } from '../../src/core/jsonErrorAt.js';

describe('jsonErrorAt', () => {
  it('accepts everything JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.json(), (text) => jsonErrorAt(text) === -1),
      { numRuns: 500 },
    );
  });
  it('rejects what JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        return valid === (jsonErrorAt(text) === -1);
      }),
      { numRuns: 500 },
    );
  });
  it.each([
    ['{\n  "a": 1,\n}', 12],
    ['[1, 2,, 3]', 6],
    ['{"a" 1}', 5],
    ['', 0],
    ['{"a": tru}', 6],
  ])('%j fails at %i', (text, at) => {
    expect(jsonErrorAt(text)).toBe(at);
  });
});
