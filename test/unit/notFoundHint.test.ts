import { describe, expect, it } from 'vitest';
import type { Missing } from '../../src/core/errors.js';
import { notFoundHint } from '../../src/core/errors.js';

const keys = { repository: 'visit-dav/visit', productRepository: 'visit-dav/visit', 'desk.thread': 'visit-dav/desk#7' };
const hint = (missing: Missing, argv: string[], file: string | null = '/team/visit-sre.config.json') =>
  notFoundHint(missing, { argv, file, keys });

describe('a not-found error names where the missing value came from', () => {
  it.each<[string, Missing, string[], string]>([
    [
      'a number typed as the argument',
      { kind: 'discussion', repository: 'visit-dav/visit', number: 9999 },
      ['view', '9999'],
      '#9999 is the number you gave: check that it is a discussion of visit-dav/visit',
    ],
    [
      'a number written #N',
      { kind: 'discussion', repository: 'visit-dav/visit', number: 12 },
      ['escalate', '#12'],
      '#12 is the number you gave: check that it is a discussion of visit-dav/visit',
    ],
    [
      '-R OWNER/NAME',
      { kind: 'repository', repository: 'other/repo' },
      ['view', '1', '-R', 'other/repo'],
      'other/repo is the -R you gave: check its OWNER/NAME, and that the token can see it',
    ],
    [
      '--repo=OWNER/NAME',
      { kind: 'repository', repository: 'other/repo' },
      ['promote', '1', '--repo=other/repo'],
      'other/repo is the --repo you gave: check its OWNER/NAME, and that the token can see it',
    ],
    [
      'the config key "repository"',
      { kind: 'repository', repository: 'visit-dav/visit' },
      ['view', '1'],
      'visit-dav/visit is config key "repository" in /team/visit-sre.config.json: check it there, and that the token can see it',
    ],
    [
      'the config key "desk.thread", for its repository',
      { kind: 'repository', repository: 'visit-dav/desk' },
      ['who'],
      'visit-dav/desk is config key "desk.thread" in /team/visit-sre.config.json: check it there, and that the token can see it',
    ],
    [
      'the config key "desk.thread", for its number',
      { kind: 'issue', repository: 'visit-dav/desk', number: 7 },
      ['notify'],
      'visit-dav/desk#7 is config key "desk.thread" in /team/visit-sre.config.json: check it there, and that the token can see it',
    ],
    [
      'nowhere known',
      { kind: 'issue', repository: 'a/b', number: 3 },
      ['notify'],
      'check that a/b has an issue #3, and that the token can see it',
    ],
  ])('%s', (_name, missing, argv, text) => {
    expect(hint(missing, argv)).toBe(text);
  });

  it('a config of defaults names the key without a file', () => {
    expect(hint({ kind: 'repository', repository: 'visit-dav/visit' }, ['who'], null)).toBe(
      'visit-dav/visit is config key "repository": check it there, and that the token can see it',
    );
  });
});
