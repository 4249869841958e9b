import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean } from '../../src/core/suggest.js';

const TOP = [
  'who',
  'init',
  'overdue',
  'start',
  'view',
  'doctor',
  'handoff',
  'notify',
  'stats',
  'schedule',
  'postmortem',
  'promote',
  'help',
];

describe('what a mistyped command most likely meant', () => {
  it.each([
    ['gen', ['generate', 'check', 'swap'], ['generate']],
    ['GEN', ['generate', 'check', 'swap'], ['generate']],
    ['chek', ['generate', 'check', 'swap'], ['check']],
    ['swpa', ['generate', 'check', 'swap'], ['swap']],
    ['wh', TOP, ['who']],
    ['sta', TOP, ['start', 'stats']],
    ['post', TOP, ['postmortem']],
    ['pro', TOP, ['promote']],
    ['overdeu', TOP, ['overdue']],
    ['xyzzy', TOP, []],
    ['s', TOP, []],
  ])('%j among %j: %j', (word, names, want) => expect(closestNames(word, names)).toEqual(want));

  it('says it as a question, or says nothing', () => {
    expect(didYouMean('gen', ['generate', 'check', 'swap'])).toBe('did you mean generate?');
    expect(didYouMean('sta', TOP)).toBe('did you mean start or stats?');
    expect(didYouMean('s', ['start', 'stats', 'schedule'])).toBe('');
    expect(didYouMean('st', ['start', 'stats', 'state', 'stale', 'status'])).toBe('');
  });
});
