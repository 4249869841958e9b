import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/shell/errors.js';
import { exitCodeFor, exitCodeOf } from '../../src/shell/errors.js';
import { AuthError, NotFoundError, OperationalError, RefusedError, UsageError } from '../../src/core/errors.js';
import type { ActionResult } from '../../src/core/plans/plan.js';

const action = (status: ActionResult['status'], failure?: ActionResult['failure']): ActionResult => ({
  kind: 'handoff',
  number: 1,
  url: null,
  status,
  ...(failure ? { failure } : {}),
});

describe('exit codes, in one place', () => {
  it.each<[string, Outcome | void, number]>([
    ['nothing to report', undefined, 0],
    ['problems found when asked to fail on them', { kind: 'problems-found' }, 8],
    ['every action done or skipped', { kind: 'actions', actions: [action('done'), action('skipped', 'refused')] }, 0],
    ['an action failed on the token', { kind: 'actions', actions: [action('failed', 'unavailable'), action('failed', 'auth')] }, 4],
    ['an action failed otherwise', { kind: 'actions', actions: [action('done'), action('failed', 'unavailable')] }, 1],
    ['a failure beats problems found', { kind: 'actions', actions: [action('failed', 'not-found')], problemsFound: true }, 1],
    ['actions done and problems found', { kind: 'actions', actions: [action('done')], problemsFound: true }, 8],
    ['queued because GitHub is down', { kind: 'actions', actions: [action('queued', 'unavailable')] }, 0],
    ['queued because of a usage error', { kind: 'actions', actions: [action('queued', 'usage')] }, 2],
    ['doctor: a check failed on the token', { kind: 'checks-failed', auth: true }, 4],
    ['doctor: another check failed', { kind: 'checks-failed', auth: false }, 1],
  ])('%s → %i', (_name, outcome, code) => {
    expect(exitCodeOf(outcome)).toBe(code);
  });

  it.each<[string, unknown, number]>([
    ['usage', new UsageError('x'), 2],
    ['not found', new NotFoundError('x'), 2],
    ['auth', new AuthError('x'), 4],
    ['refused', new RefusedError('x'), 4],
    ['operational', new OperationalError('x'), 1],
    ['anything else', new Error('x'), 1],
  ])('a thrown %s error → %i', (_name, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});
