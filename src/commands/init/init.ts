import path from 'node:path';
import { IANAZone } from 'luxon';
import type { Context } from '../../shell/context.js';
import { defaultConfig, isRepo, validateConfig } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { FileExistsError } from '../../store/fs.js';
import { isUrl } from '../../calendar/source.js';
import { locate } from '../../store/config.js';
import { plural } from '../../core/words.js';
import { wrapText } from '../../shell/terminal.js';
import type { InitOptions } from './init.flags.js';
import { holidayRule } from './holidays.js';
import { DESK_THREAD_HINT, deskThreadFrom, list, nextSteps } from './steps.js';
import { planTeam } from './team.js';
import { tokenFacts, tokenLine } from './token.js';

export type { InitOptions };

const exists = (file: string) => new UsageError(`${file} already exists`, 'pass --force to replace it, or --dry-run to see the new one');

/** Asks for what the flags did not give (on a terminal), then writes the config file (and a new team file) and says what to do next. */
export async function runInit(opts: InitOptions, ctx: Context): Promise<void> {
  const d = defaultConfig();
  const interactive = Boolean(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY) && !ctx.out.json;
  const ask = interactive ? await ctx.deps.prompter() : undefined;
  const repoCheck = (v: string) => isRepo(v.trim()) || 'write it as OWNER/NAME';
  const file = path.resolve(ctx.deps.cwd, opts.out);
  if (!opts.dryRun && !opts.force && (await ctx.deps.fs.exists(file))) throw exists(file);

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
  const label = (
    await answer(opts.label, 'SRE label: only discussions with it are in scope (empty for none)', d.discussions.label ?? '')
  ).trim();
  const productRepository = await answer(opts.productRepository, 'Repository for promoted issues', repository, repoCheck);
  const timeZone = await answer(
    opts.timeZone,
    'Team time zone',
    d.timeZone,
    (v) => IANAZone.isValidZone(v.trim()) || 'use an IANA name such as America/Los_Angeles',
  );
  const rotation = await answer(opts.rotation, 'Rotation calendar (path or https URL)', d.rotation ?? 'schedules/rotation.ics');
  const team = await answer(opts.team, 'Team file', d.team as string);
  const deskText = await answer(
    opts.deskThread,
    'Desk thread: issue or discussion number or URL (empty for none)',
    '',
    (v) => deskThreadFrom(v, repository.trim()) !== undefined || DESK_THREAD_HINT,
  );
  const thread = deskThreadFrom(deskText, repository.trim());
  if (thread === undefined) throw new UsageError(`invalid --desk-thread "${deskText}"`, DESK_THREAD_HINT);
  if (opts.labelNew && !label) throw new UsageError('--label-new needs --label', 'name the SRE label that notify should add');
  const labelNew =
    opts.labelNew ??
    (ask && label && thread ? await ask.confirm(`Let notify add "${label}" to in-category discussions without it?`, true) : false);
  const holidays = await holidayRule(opts, timeZone.trim(), ask);

  const config = {
    repository,
    discussions: { categories: list(categories), label: label || null },
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
    desk: { ...d.desk, thread, labelNew },
  };
  validateConfig(config, opts.repository || opts.timeZone ? 'the flags given' : 'the answers given');
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const teamFile = path.resolve(path.dirname(file), team);
  const teamPlan = await planTeam(ctx, teamFile, team, opts, ask);
  if (opts.dryRun) {
    ctx.deps.stdout.write(text);
    if (teamPlan.missing)
      ctx.deps.stderr.write(`note: the team file ${team} does not exist; init will ask for it, or take --members, or refuse\n`);
    if (teamPlan.text) ctx.deps.stderr.write(`note: init would also write ${team} (${plural(teamPlan.members, 'member')})\n`);
    return;
  }
  const token = await tokenFacts(ctx, opts.checkToken, ask);
  if (teamPlan.text) await ctx.deps.fs.writeAtomic(teamFile, teamPlan.text, { overwrite: false });
  try {
    await ctx.deps.fs.writeAtomic(file, text, { overwrite: Boolean(opts.force) });
  } catch (e) {
    throw e instanceof FileExistsError ? exists(file) : e;
  }
  const read = await locate(undefined, ctx.deps).catch(() => null);
  const steps = nextSteps({
    unreadConfig: read === file ? undefined : file,
    holidayStep: holidays.step,
    teamProblem: teamPlan.problem,
    token,
    rotation,
    rotationMissing: !isUrl(rotation) && !(await ctx.deps.fs.exists(path.resolve(path.dirname(file), rotation))),
    deskThread: thread,
  });
  if (ctx.out.json) {
    const { found, source, login } = { source: null, login: null, ...token };
    ctx.deps.stdout.write(
      `${JSON.stringify({ dryRun: false, file, team: { file: teamFile, written: Boolean(teamPlan.text) }, token: { found, source, login }, nextSteps: steps })}\n`,
    );
    return;
  }
  const wrote = teamPlan.text ? `wrote ${teamFile} (${plural(teamPlan.members, 'member')})\n` : '';
  // On a terminal each step wraps as a paragraph, a command in backticks kept whole for copying.
  const shown = (line: string) => (ctx.deps.stderr.isTTY ? wrapText(line, ctx.deps.stderr.columns || 80, '   ') : line);
  ctx.deps.stderr.write(
    `${wrote}wrote ${file}\n${tokenLine(token)}\nnext steps:\n${steps.map((step, i) => `${shown(`  ${i + 1}. ${step}`)}\n`).join('')}`,
  );
}
