import { DateTime } from 'luxon';
import type { TeamMember } from '../../src/core/config.js';

/** A team member for the rotation planner's tests (unit and property). */
export const member = (login: string, percentTime = 50, experienced = true, unavailable: TeamMember['unavailable'] = []): TeamMember => ({
  login,
  name: login,
  percentTime,
  experienced,
  classifiedAccess: false,
  unavailable,
});

/** The Monday `weeks` after `base`, as YYYY-MM-DD. */
export const monday = (base: string, weeks: number) => DateTime.fromISO(base, { zone: 'UTC' }).plus({ weeks }).toISODate()!;
