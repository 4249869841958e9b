import type { Context } from './context.js';
import { terminalText } from '../core/userText.js';
import type { Discussion, TeamRule } from '../core/conversation.js';
import { UsageError } from '../core/errors.js';
import type { ActionResult, Plan } from '../core/plans/plan.js';
import { plannedResults, previews, skipAll, toWrite } from '../core/plans/plan.js';
import type { GitHubPort, RepoRef } from '../github/port.js';
import { execute } from '../app/execute.js';
import type { Outcome } from './errors.js';
import type { WriterFlags } from './flags.js';
import { warn, writeJson } from './output.js';
import { startProgress } from './progress.js';
import { terminalFacts, wrapText } from './terminal.js';

const interactive = (ctx: Context) => Boolean(ctx.deps.stdin.isTTY && ctx.deps.stdout.isTTY);

/**
 * Commands that post to many discussions ask first on a terminal unless
 * --yes; without a terminal they go ahead only with --yes.
 */
export async function confirmPlan(ctx: Context, flags: WriterFlags, question: string, plan: readonly string[] = []): Promise<boolean> {
  if (flags.yes || flags.dryRun) return true;
  if (!interactive(ctx))
    throw new UsageError(
      `${question.replace(/\?$/, '')}: refusing without a terminal`,
      'pass --yes to go ahead, or --dry-run to see what would be posted',
    );
  if (plan.length) ctx.deps.stdout.write(`${plan.map((l) => `  ${terminalText(l)}`).join('\n')}\n`);
  return (await ctx.deps.prompter()).confirm(question, false);
}

/** A discussion outside the configured scope: warn, then ask on a terminal unless --force. */
export async function confirmOutOfScope(ctx: Context, d: Discussion, flags: WriterFlags): Promise<void> {
  const wanted = ctx.loaded.config.discussions.categories;
  const label = ctx.loaded.config.discussions.label;
  const inCategory = wanted.length === 0 || wanted.some((c) => c === d.category.slug || c.toLowerCase() === d.category.name.toLowerCase());
  const inLabel = !label || d.labels.includes(label);
  if (inCategory && inLabel) return;
  warn(
    ctx.deps,
    `#${d.number} is outside the configured scope (category "${d.category.name}"${label && !inLabel ? `, no "${label}" label` : ''})`,
  );
  if (flags.force || flags.dryRun) return;
  if (!interactive(ctx)) throw new UsageError(`#${d.number} is outside the configured scope`, 'pass --force to act on it anyway');
  if (!(await (await ctx.deps.prompter()).confirm(`Act on #${d.number} anyway?`, false)))
    throw new UsageError('stopped: nothing was posted');
}

/**
 * The second half of every writer: say the plan's warnings, then on --dry-run
 * report it, else confirm it (when `question` is given) and hand it to the executor.
 */
export async function carryOut(
  ctx: Context,
  plan: Plan,
  flags: WriterFlags,
  target: { gh: GitHubPort; repo: RepoRef; team: TeamRule },
  question?: string,
): Promise<ActionResult[]> {
  for (const w of plan.warnings) warn(ctx.deps, w);
  if (flags.dryRun) return plannedResults(plan);
  const writes = toWrite(plan);
  if (
    question &&
    writes.length > 0 &&
    !(await confirmPlan(
      ctx,
      flags,
      question,
      writes.map((a) => a.summary ?? `#${a.number}`),
    ))
  )
    return skipAll(plan, 'not confirmed');
  const label = (a: { kind: string; number: number | null }) => `${a.kind}${a.number !== null ? ` #${a.number}` : ''}`;
  const items = writes.map(label);
  const progress = startProgress(ctx.deps, { verb: 'posting', items, enabled: !ctx.out.json });
  try {
    return await execute(plan, target.gh, {
      repo: target.repo,
      team: target.team,
      now: () => ctx.deps.now(),
      onResult: (r) => {
        if (items.includes(label(r)))
          progress.completed(
            label(r),
            `${{ done: '✓', failed: '✗', skipped: '-', planned: '•', queued: '…' }[r.status]} ${label(r)}: ${r.status}`,
          );
      },
    });
  } finally {
    progress.end();
  }
}

/** Prints the actions: the writers' JSON shape, or one line each; a --dry-run prints the previews first. */
export function reportActions(
  ctx: Context,
  actions: readonly ActionResult[],
  flags: WriterFlags,
  plan?: Plan,
  extra: Record<string, unknown> = {},
): Outcome {
  const dryRun = Boolean(flags.dryRun);
  const shown = dryRun && plan ? previews(plan) : [];
  const json = actions.map(({ failure: _failure, ...a }) => a);
  if (ctx.out.json) {
    writeJson(ctx.deps.stdout, { dryRun, actions: json, ...(dryRun ? { previews: shown } : {}), ...extra });
  } else {
    const p = ctx.paint;
    for (const text of shown) ctx.deps.stdout.write(`${terminalText(text, 'block')}\n${p.dim('─'.repeat(40))}\n`);
    // A planned action may say in words what it did ("asked the acting Backup @edsger-d for help"): said instead of its status.
    const planned = plan && plan.actions.length === actions.length ? plan.actions : [];
    // On a terminal a long line wraps at a word, the URL kept whole, instead of where the terminal breaks it.
    const width = ctx.out.tty ? terminalFacts(ctx.deps).columns : Infinity;
    actions.forEach((a, i) => {
      const mark = { done: p.green('✓'), planned: p.cyan('•'), skipped: p.dim('-'), failed: p.red('✗'), queued: p.yellow('…') }[a.status];
      const words = a.status === 'done' ? planned[i]?.doneText : a.status === 'planned' ? planned[i]?.plannedText : undefined;
      // A planned action's reason is its plan, which its words already say; a done one's is what else happened.
      const reason = a.reason && !(words && a.status === 'planned') ? ` (${terminalText(a.reason)})` : '';
      const said = `${words ? terminalText(words) : a.status}${reason}`;
      const line = `${wrapText(`${mark} ${a.kind}${a.number !== null ? ` #${a.number}` : ''}: ${said}${a.url ? ` ${p.dim(a.url)}` : ''}`, width)}\n`;
      (a.status === 'failed' ? ctx.deps.stderr : ctx.deps.stdout).write(line);
    });
  }
  return { kind: 'actions', actions };
}
