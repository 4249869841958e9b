import path from 'node:path';
import { DateTime } from 'luxon';
import type { Context } from '../../shell/context.js';
import { postmortemModel, postmortemValues, slug } from '../../core/postmortem.js';
import { fillTemplate } from '../../core/template.js';
import { UsageError } from '../../core/errors.js';
import { parseRepo } from '../../github/port.js';
import { github, policyFor } from '../../app/inquiries.js';
import { loadTemplate } from '../../app/templates.js';
import { parseNumber } from '../../shell/flags.js';
import { writeFileChecked } from '../../shell/files.js';
import { writeJson } from '../../shell/output.js';
import { INPUT_LIMITS } from '../../store/fs.js';
import type { PostmortemOptions } from './postmortem.flags.js';
import type { Outcome } from '../../shell/errors.js';
import { markIncident } from './incident.js';

export type { PostmortemOptions };

/** Writes a markdown postmortem from the whole thread and the team's markers. */
export async function runPostmortem(numberText: string, opts: PostmortemOptions, ctx: Context): Promise<Outcome | void> {
  const number = parseNumber(numberText);
  if (opts.incident || opts.link !== undefined) {
    if (opts.incident && opts.link !== undefined)
      throw new UsageError('--incident and --link cannot go together', 'mark the incident first, link its postmortem once written');
    const gh = await github(ctx);
    return markIncident(ctx, gh, await gh.discussion(parseRepo(ctx.loaded.config.repository), number), opts);
  }
  const template = opts.template
    ? await (async () => {
        const file = path.resolve(ctx.deps.cwd, opts.template!);
        const text = await ctx.deps.fs.readInput(file, { what: '--template', bytes: INPUT_LIMITS.template });
        if (text === undefined) throw new UsageError(`template ${file} not found`);
        return { text, source: file };
      })()
    : await loadTemplate(ctx, ctx.loaded.config.templates.postmortem, 'postmortem.md');
  const gh = await github(ctx);
  const d = await gh.discussion(parseRepo(ctx.loaded.config.repository), number);
  const policy = await policyFor(ctx, []);
  const model = postmortemModel(d, policy, ctx.now);
  const text = fillTemplate(template.text, postmortemValues(model, ctx.zone, ctx.now), template.source);
  const file = path.resolve(
    ctx.deps.cwd,
    opts.out ?? path.join('postmortems', `${DateTime.fromMillis(ctx.now, { zone: ctx.zone }).toISODate()}-${number}-${slug(d.title)}.md`),
  );
  if (opts.dryRun) {
    ctx.deps.stdout.write(text);
    return;
  }
  await writeFileChecked(ctx, file, text, Boolean(opts.force));
  if (ctx.out.json)
    writeJson(ctx.deps.stdout, {
      dryRun: false,
      file,
      milestones: model.milestones.length,
      effortMinutes: model.effortMinutes,
      businessHoursOpen: model.businessHoursOpen,
    });
  else ctx.deps.stdout.write(`${file}\n`);
}
