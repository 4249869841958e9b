import { describe, expect, it } from 'vitest';
import { contactReminders } from '../../src/core/deskPosts.js';
import { readDesk } from '../../src/core/acting.js';
import type { DeskRecord } from '../../src/core/acting.js';
import { policyOf, weeks } from '../support/domain.js';

const cal = policyOf(weeks(['ada', 'bob'])).calendar;
const MON_0900 = Date.parse('2026-11-23T17:00:00Z');
const url = 'https://x/discussions/7';
const misdirected = (fields: Record<string, unknown> = {}): DeskRecord => ({
  marker: {
    v: 1,
    kind: 'misdirected',
    number: 7,
    url,
    receiver: 'cho',
    owner: 'ada',
    answered: false,
    key: `misdirected:${url}`,
    ...fields,
  },
  createdAt: MON_0900,
});

describe('contactReminders', () => {
  it.each([
    ['after one business hour: to the owner', [misdirected()], MON_0900 + 60 * 60_000, undefined, ['ada']],
    ['before it', [misdirected()], MON_0900 + 59 * 60_000, undefined, null],
    ['answered by the receiver', [misdirected({ answered: true })], MON_0900 + 2 * 3_600_000, undefined, null],
    [
      'confirmed',
      [
        misdirected(),
        { marker: { v: 1, kind: 'contact-confirmed', url, key: `contact-confirmed:${url}` }, createdAt: MON_0900 + 1 } as DeskRecord,
      ],
      MON_0900 + 2 * 3_600_000,
      undefined,
      null,
    ],
    [
      'reminded already',
      [misdirected(), { marker: { v: 1, kind: 'notify', keys: [`contact-reminder:${url}`] }, createdAt: MON_0900 + 1 } as DeskRecord],
      MON_0900 + 2 * 3_600_000,
      undefined,
      null,
    ],
    ['its discussion no longer open', [misdirected()], MON_0900 + 2 * 3_600_000, new Set<number>(), null],
    // Logged Friday 16:30: the business hour ends Monday 08:30, not Friday 17:30.
    [
      'counted in business time',
      [{ ...misdirected(), createdAt: Date.parse('2026-11-28T00:30:00Z') }],
      Date.parse('2026-11-30T16:20:00Z'),
      undefined,
      null,
    ],
  ])('%s', (_what, records, now, open, to) => {
    const r = contactReminders(readDesk(records as DeskRecord[]), now, cal, open as Set<number> | undefined);
    expect(r.map((x) => x.to)).toEqual(to ? [to] : []);
  });
});
