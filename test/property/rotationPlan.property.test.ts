// Properties of the rotation planner over random teams: thousands of plans, so they run in the slow project.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { isUnavailable, planRotation } from '../../src/core/rotationPlan.js';
import { member, monday } from '../support/rotationTeam.js';

const roster = fc
  .array(fc.record({ percentTime: fc.integer({ min: 10, max: 100 }), experienced: fc.boolean() }), { minLength: 3, maxLength: 30 })
  .map((ms) => ms.map((m, i) => member(`dev${String(i).padStart(2, '0')}`, m.percentTime, m.experienced)));

describe('planRotation properties (docs/process.md#rotation-planning)', () => {
  it('property: the constraints always hold, or the error names the week and the constraint', () => {
    fc.assert(
      fc.property(
        roster,
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.nat(29), fc.nat(50), fc.integer({ min: 0, max: 20 })), { maxLength: 12 }),
        (team, weeks, aways) => {
          const withAways = team.map((m, i) => ({
            ...m,
            unavailable: aways
              .filter(([who]) => who % team.length === i)
              .map(([, from, len]) => ({
                from: monday('2027-01-04', from),
                to: DateTime.fromISO(monday('2027-01-04', from)).plus({ days: len }).toISODate()!,
              })),
          }));
          let plan;
          try {
            plan = planRotation({ team: withAways, start: '2027-01-04', weeks });
          } catch (e) {
            return /cannot plan week \d{4}-W\d{2} \(\d{4}-\d{2}-\d{2}\): no (one can be Primary|experienced Backup)/.test(
              (e as Error).message,
            );
          }
          const byLogin = new Map(withAways.map((m) => [m.login, m]));
          plan.weeks.forEach((w, i) => {
            expect(w.primary).not.toBe(w.backup);
            if (i > 0) expect(w.primary).not.toBe(plan.weeks[i - 1]!.primary);
            expect(isUnavailable(byLogin.get(w.primary)!, w.monday)).toBe(false);
            expect(isUnavailable(byLogin.get(w.backup)!, w.monday)).toBe(false);
            if (!byLogin.get(w.primary)!.experienced) expect(byLogin.get(w.backup)!.experienced).toBe(true);
          });
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: without unavailability, every Primary count stays within one week of its share over every horizon', () => {
    // A share above one half cannot be met by anyone who may not be Primary two weeks running.
    const feasible = roster.filter((team) => {
      const total = team.reduce((s, m) => s + m.percentTime, 0);
      return team.every((m) => m.percentTime / total <= 0.5) && team.some((m) => m.experienced);
    });
    fc.assert(
      fc.property(feasible, fc.integer({ min: 1, max: 104 }), (team, weeks) => {
        const withExperience = team.map((m) => ({ ...m, experienced: true }));
        const plan = planRotation({ team: withExperience, start: '2027-01-04', weeks });
        const total = team.reduce((s, m) => s + m.percentTime, 0);
        const counts = new Map(team.map((m) => [m.login, 0]));
        plan.weeks.forEach((w, i) => {
          counts.set(w.primary, counts.get(w.primary)! + 1);
          for (const m of team) expect(Math.abs(counts.get(m.login)! - ((i + 1) * m.percentTime) / total)).toBeLessThan(1 + 1e-9);
        });
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
