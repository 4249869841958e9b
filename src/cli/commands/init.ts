import path from 'node:path';
import { IANAZone } from 'luxon';
import type { Context } from '../context.js';
import { defaultConfig, validateConfig } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { FileExistsError } from '../../store/fs.js';

export interface InitOptions {
  repository?: string;
  categories?: string;
  label?: string;
  productRepository?: string;
  timeZone?: string;
  rotation?: string;
  team?: string;
  out: string;
  force?: boolean;
  dryRun?: boolean;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Asks for what the flags did not give (on a terminal), then writes the config file. */
export async function runInit(opts: InitOptions, ctx: Context): Promise<void> {
  const d = defaultConfig();
  const interactive = Boolean(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY) && !ctx.out.json;
  const ask = interactive ? await ctx.deps.prompter() : undefined;
  const repoCheck = (v: string) => REPO.test(v.trim()) || 'write it as OWNER/NAME';

  const answer = async (flag: string | undefined, message: string, fallback: string, validate?: (v: string) => string | true) => {
    if (flag !== undefined) return flag;
    return ask ? (await ask.input(message, { default: fallback, validate })).trim() : fallback;
  };
  const repository = await answer(opts.repository, 'Repository whose discussions hold the inquiries', d.repository, repoCheck);
  const categories = await answer(opts.categories, 'Discussion categories in scope (comma-separated slugs, empty for all)', d.discussions.categories.join(','));
  const productRepository = await answer(opts.productRepository, 'Repository for promoted issues', repository, repoCheck);
  const timeZone = await answer(opts.timeZone, 'Team time zone', d.timeZone, (v) => IANAZone.isValidZone(v.trim()) || 'use an IANA name such as America/Los_Angeles');
  const rotation = await answer(opts.rotation, 'Rotation calendar (path or https URL)', d.rotation ?? 'schedules/rotation.ics');
  const team = await answer(opts.team, 'Team file', d.team as string);

  const config = {
    repository,
    discussions: { categories: list(categories), label: opts.label ?? null },
    productRepository,
    labels: d.labels,
    timeZone,
    businessHours: d.businessHours,
    holidays: d.holidays,
    responseGoal: d.responseGoal,
    staleAfterDays: d.staleAfterDays,
    rotation,
    team,
    teamAssociations: d.teamAssociations,
    templates: d.templates,
  };
  const file = path.resolve(ctx.deps.cwd, opts.out);
  validateConfig(config, opts.repository || opts.timeZone ? 'the flags given' : 'the answers given');
  const text = `${JSON.stringify(config, null, 2)}\n`;
  if (opts.dryRun) {
    ctx.deps.stdout.write(text);
    return;
  }
  try {
    await ctx.deps.fs.writeAtomic(file, text, { overwrite: Boolean(opts.force) });
  } catch (e) {
    if (e instanceof FileExistsError) throw new UsageError(`${file} already exists`, 'pass --force to replace it, or --dry-run to see the new one');
    throw e;
  }
  if (ctx.out.json) ctx.deps.stdout.write(`${JSON.stringify({ dryRun: false, file })}\n`);
  else ctx.deps.stderr.write(`wrote ${file}\n`);
}
