import path from 'node:path';
import { IANAZone } from 'luxon';
import type { Context } from '../../shell/context.js';
import { defaultConfig, isRepo, validateConfig } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { FileExistsError } from '../../store/fs.js';
import { isUrl } from '../../calendar/source.js';
import type { Prompter } from '../../app/context.js';
import type { InitOptions } from './init.flags.js';
import { plural } from '../../core/words.js';

export type { InitOptions };

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/**
 * The team file the config names must exist, or every command that needs the
 * team fails at once. On a terminal init offers to write it from the members
 * typed in; without one it refuses, since a team cannot be guessed and an empty
 * one would make `who` and `handoff` name nobody.
 */
async function ensureTeam(
  ctx: Context,
  file: string,
  shown: string,
  ask: Prompter | undefined,
  dryRun: boolean,
): Promise<'exists' | 'created' | 'missing'> {
  if (await ctx.deps.fs.exists(file)) return 'exists';
  const refuse = () =>
    new UsageError(
      `the team file ${shown} does not exist`,
      `create it first (a JSON array of members, like schedules/team.json), or run \`visit-sre init\` on a terminal to write it`,
    );
  if (dryRun) return 'missing';
  if (!ask || !(await ask.confirm(`The team file ${shown} does not exist. Create it now?`, true))) throw refuse();
  const members: Array<{ login: string; name: string }> = [];
  for (;;) {
    const line = (
      await ask.input('Team member: GitHub login and full name (empty to finish)', {
        validate: (v) => !v.trim() || LOGIN.test(v.trim().split(/\s+/)[0]!) || 'start with a GitHub login',
      })
    ).trim();
    if (!line) break;
    const [login, ...name] = line.split(/\s+/);
    members.push({ login: login!, name: name.join(' ') || login! });
  }
  if (members.length === 0) throw refuse();
  await ctx.deps.fs.writeAtomic(
    file,
    `${JSON.stringify(
      members.map((m) => ({ ...m, percentTime: 50 })),
      null,
      2,
    )}\n`,
    { overwrite: false },
  );
  ctx.deps.stderr.write(`wrote ${file} (${plural(members.length, 'member')})\n`);
  return 'created';
}

/**
 * The holidays init writes (docs/config.md#holidays): the rule, never one year's dates.
 * The country comes from --country, else from the time zone, as the holiday
 * library knows it; on a terminal it is asked, with that as the default.
 */
async function holidayRule(
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

/** Asks for what the flags did not give (on a terminal), then writes the config file and says what to do next. */
export async function runInit(opts: InitOptions, ctx: Context): Promise<void> {
  const d = defaultConfig();
  const interactive = Boolean(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY) && !ctx.out.json;
  const ask = interactive ? await ctx.deps.prompter() : undefined;
  const repoCheck = (v: string) => isRepo(v.trim()) || 'write it as OWNER/NAME';
  const file = path.resolve(ctx.deps.cwd, opts.out);
  if (!opts.dryRun && !opts.force && (await ctx.deps.fs.exists(file)))
    throw new UsageError(`${file} already exists`, 'pass --force to replace it, or --dry-run to see the new one');

  const answer = async (flag: string | undefined, message: string, fallback: string, validate?: (v: string) => string | true) => {
    if (flag !== undefined) return flag;
    return ask ? (await ask.input(message, { default: fallback, validate })).trim() : fallback;
  };
  const repository = await answer(opts.repository, 'Repository whose discussions hold the inquiries', d.repository, repoCheck);
  const categories = await answer(
    opts.categories,
    'Discussion categories in scope (comma-separated slugs, empty for all)',
    d.discussions.categories.join(','),
  );
  const productRepository = await answer(opts.productRepository, 'Repository for promoted issues', repository, repoCheck);
  const timeZone = await answer(
    opts.timeZone,
    'Team time zone',
    d.timeZone,
    (v) => IANAZone.isValidZone(v.trim()) || 'use an IANA name such as America/Los_Angeles',
  );
  const rotation = await answer(opts.rotation, 'Rotation calendar (path or https URL)', d.rotation ?? 'schedules/rotation.ics');
  const team = await answer(opts.team, 'Team file', d.team as string);
  const holidays = await holidayRule(opts, timeZone.trim(), ask);

  const config = {
    repository,
    discussions: { categories: list(categories), label: opts.label ?? null },
    productRepository,
    labels: d.labels,
    timeZone,
    businessHours: d.businessHours,
    holidays: holidays.rule,
    responseGoal: d.responseGoal,
    staleAfterDays: d.staleAfterDays,
    rotation,
    team,
    teamAssociations: d.teamAssociations,
    templates: d.templates,
  };
  validateConfig(config, opts.repository || opts.timeZone ? 'the flags given' : 'the answers given');
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const teamState = await ensureTeam(ctx, path.resolve(path.dirname(file), team), team, ask, Boolean(opts.dryRun));
  if (opts.dryRun) {
    ctx.deps.stdout.write(text);
    if (teamState === 'missing')
      ctx.deps.stderr.write(`note: the team file ${team} does not exist; init will ask for it, or refuse without a terminal\n`);
    return;
  }
  try {
    await ctx.deps.fs.writeAtomic(file, text, { overwrite: Boolean(opts.force) });
  } catch (e) {
    if (e instanceof FileExistsError)
      throw new UsageError(`${file} already exists`, 'pass --force to replace it, or --dry-run to see the new one');
    throw e;
  }
  const rotationMissing = !isUrl(rotation) && !(await ctx.deps.fs.exists(path.resolve(path.dirname(file), rotation)));
  const steps = [
    ...(teamState === 'created' ? [`check the team in ${team}: percentTime, experienced, email (see schedules/team.json)`] : []),
    ...(rotationMissing ? [`plan the rotation into ${rotation}: visit-sre schedule generate --start monday --weeks 13`] : []),
    ...(holidays.step ? [holidays.step] : []),
    'give visit-sre a token: export GH_TOKEN=... (or run `gh auth login`)',
    'check the setup: visit-sre doctor',
  ];
  if (ctx.out.json) ctx.deps.stdout.write(`${JSON.stringify({ dryRun: false, file, nextSteps: steps })}\n`);
  else ctx.deps.stderr.write(`wrote ${file}\nnext steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}\n`).join('')}`);
}
