import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { DeskRecord } from '../../src/core/acting.js';
import type { Shift } from '../../src/core/rotation.js';
import type { TeamMember } from '../../src/core/config.js';
import { applySwaps, proposalFor, readSwaps } from '../../src/core/swaps.js';

const zone = 'America/Los_Angeles';
const t = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const record = (marker: Record<string, unknown>, at: string, author: string): DeskRecord => ({
  marker: { v: 1, ...marker } as DeskRecord['marker'],
  createdAt: t(at),
  author,
});
const proposal = { kind: 'swap', key: 'swap:2026-W49:primary:ada:bob', week: '2026-11-30', role: 'primary', from: 'ada', to: 'bob' };
const accept = { kind: 'swap-accept', proposal: proposal.key, key: `swap-accept:${proposal.key}` };
const week = (login: string | null, start = '2026-11-30T08:00', end = '2026-12-07T08:00'): Shift => ({
  role: 'primary',
  login,
  name: login ?? 'Somebody',
  raw: `Primary ${login ?? 'Somebody'}`,
  uid: 'u',
  start: t(start),
  end: t(end),
  modified: 0,
});
const team: TeamMember[] = [{ login: 'bob', name: 'Bob B', percentTime: 50, experienced: true, classifiedAccess: false, unavailable: [] }];
const logins = (records: DeskRecord[], shifts: Shift[]) => applySwaps(shifts, readSwaps(records), zone, team).map((s) => s.login);

describe('swaps read from the desk thread (docs/process.md#swaps)', () => {
  it.each([
    ['a proposal alone changes nothing', [record(proposal, '2026-11-25T09:00', 'ada')], ['ada', 'ada']],
    [
      'an accept by the replacement takes that week, and only that week',
      [record(proposal, '2026-11-25T09:00', 'ada'), record(accept, '2026-11-25T10:00', 'bob')],
      ['bob', 'ada'],
    ],
    [
      'an accept by anyone else is ignored',
      [record(proposal, '2026-11-25T09:00', 'ada'), record(accept, '2026-11-25T10:00', 'ada')],
      ['ada', 'ada'],
    ],
    [
      "an edit's announcement (with a sequence) is no proposal, even when accepted",
      [record({ ...proposal, sequence: 2 }, '2026-11-25T09:00', 'ada'), record(accept, '2026-11-25T10:00', 'bob')],
      ['ada', 'ada'],
    ],
  ])('%s', (_, records, expected) => {
    expect(logins(records, [week('ada'), week('ada', '2026-12-07T08:00', '2026-12-14T08:00')])).toEqual(expected);
  });

  it('until the calendar shows it: a calendar naming someone else altogether wins', () => {
    const records = [record(proposal, '2026-11-25T09:00', 'ada'), record(accept, '2026-11-25T10:00', 'bob')];
    expect(logins(records, [week('cho')])).toEqual(['cho']);
    expect(applySwaps([week('ada')], readSwaps(records), zone, team)[0]).toMatchObject({ login: 'bob', name: 'Bob B' });
  });

  it('--accept takes the latest proposal addressed to the person, not one already accepted', () => {
    const later = { ...proposal, key: 'swap:2026-W50:primary:ada:bob', week: '2026-12-07' };
    const swaps = readSwaps([record(proposal, '2026-11-25T09:00', 'ada'), record(later, '2026-11-25T11:00', 'ada')]);
    expect(proposalFor(swaps, 'bob')?.week).toBe('2026-12-07');
    expect(proposalFor(swaps, 'bob', { week: '2026-11-30' })?.key).toBe(proposal.key);
    expect(proposalFor(swaps, 'ada')).toBeNull();
  });
});
