import type { Prompter } from '../../app/context.js';
import type { InitOptions } from './init.flags.js';
import { list } from './steps.js';

/**
 * The holidays init writes (docs/config.md#holidays): the rule, never one year's dates.
 * The country comes from --country, else from the time zone, as the holiday
 * library knows it; on a terminal it is asked, with that as the default.
 */
export async function holidayRule(
  opts: InitOptions,
  timeZone: string,
  ask: Prompter | undefined,
): Promise<{ rule: { country: string | null; region?: string; dates?: string[] }; step?: string }> {
  const { computePublicHolidays, countriesOfZone } = await import('../../calendar/holidayLibrary.js');
  const derived = opts.country === undefined ? countriesOfZone(timeZone) : [];
  const guess = derived.length === 1 ? derived[0]! : '';
  let country = opts.country ?? guess;
  if (opts.country === undefined && ask)
    country = (
      await ask.input('Country whose public holidays apply (ISO 3166 code, empty for none)', {
        default: guess,
        validate: (v) => !v.trim() || /^[A-Za-z]{2}$/.test(v.trim()) || 'an ISO 3166 code such as US or DE, or empty',
      })
    ).trim();
  country = /^none$/i.test(country.trim()) ? '' : country.trim().toUpperCase();
  let dates = list(opts.holidays ?? '');
  if (opts.holidays === undefined && ask)
    dates = list(await ask.input("The organisation's own holidays (comma-separated YYYY-MM-DD, empty for none)", { default: '' }));
  const rule = {
    country: country || null,
    ...(opts.region ? { region: opts.region.trim().toUpperCase() } : {}),
    ...(dates.length ? { dates } : {}),
  };
  // An unknown country or region fails here, naming it, rather than in every later command.
  if (country) computePublicHolidays(country, rule.region ?? null, 2000);
  if (country) return { rule };
  const options = derived.length > 1 ? `one of ${derived.join(', ')}` : 'its ISO 3166 code, e.g. "DE"';
  return {
    rule,
    step: `no public holidays written for ${timeZone}: set "holidays.country" to ${options}, or list the team's days in "holidays.dates" (or an .ics in "holidays.calendar")`,
  };
}
