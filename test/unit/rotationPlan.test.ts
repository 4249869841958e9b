import { describe, expect, it } from 'vitest';
import { planRotation } from '../../src/core/rotationPlan.js';
import { member, monday } from '../support/rotationTeam.js';

describe('planRotation (§7)', () => {
  it('weights Primary weeks by percent-time and pairs an experienced Backup with a newcomer', () => {
    const team = [member('ann', 50), member('bo', 25, false), member('cy', 25, false)];
    const plan = planRotation({ team, start: '2027-01-04', weeks: 12 });
    const count = (l: string) => plan.weeks.filter((w) => w.primary === l).length;
    expect([count('ann'), count('bo'), count('cy')]).toEqual([6, 3, 3]);
    for (const w of plan.weeks) if (w.primary !== 'ann') expect(w.backup).toBe('ann');
  });

  it('is deterministic: ties break by login', () => {
    const team = [member('cy'), member('ann'), member('bo')];
    const a = planRotation({ team, start: '2027-01-04', weeks: 9 });
    const b = planRotation({ team: [...team].reverse(), start: '2027-01-04', weeks: 9 });
    expect(a.weeks).toEqual(b.weeks);
    expect(a.weeks[0]!.primary).toBe('ann');
  });

  it('counts the weeks already in the calendar (history-aware)', () => {
    const team = [member('ann'), member('bo'), member('cy')];
    const history = [0, 1, 2, 3].map((i) => ({ monday: monday('2026-12-07', i), role: 'primary' as const, login: i % 2 ? 'bo' : 'ann' }));
    const plan = planRotation({ team, start: '2027-01-04', weeks: 2, history });
    expect(plan.weeks.map((w) => w.primary)).toEqual(['cy', 'ann']);
  });

  it('respects unavailability and names the week and constraint it cannot meet', () => {
    const away = [{ from: '2027-01-01', to: '2027-01-20' }];
    const plan = planRotation({ team: [member('ann', 50, true, away), member('bo'), member('cy')], start: '2027-01-04', weeks: 3 });
    expect(plan.weeks.slice(0, 3).every((w) => w.primary !== 'ann' && w.backup !== 'ann')).toBe(true);
    expect(() =>
      planRotation({ team: [member('ann', 50, true, away), member('bo', 50, true, away)], start: '2027-01-04', weeks: 1 }),
    ).toThrow(/week 2027-W01 \(2027-01-04\): no one can be Primary \(everyone is unavailable\)/);
    expect(() => planRotation({ team: [member('ann', 50, false), member('bo', 50, false)], start: '2027-01-04', weeks: 1 })).toThrow(
      /no experienced Backup/,
    );
  });

  it('rejects a start that is not a Monday', () => {
    expect(() => planRotation({ team: [member('a'), member('b')], start: '2027-01-05', weeks: 1 })).toThrow(/not a Monday/);
  });
});
