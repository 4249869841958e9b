import type { Context } from '../../shell/context.js';
import { createContext } from '../../shell/context.js';
import { AuthError } from '../../core/errors.js';
import { parseRepo } from '../../github/port.js';
import type { RepositoryInfo } from '../../github/port.js';
import { categoryIds, github } from '../../app/inquiries.js';
import { outboxEntries } from '../../store/outbox.js';
import { writeJson } from '../../shell/output.js';
import type { Outcome } from '../../shell/errors.js';
import { CONFIG_FILE_NAME } from '../../store/config.js';
import { type Check, calendarCheck, failure, holidayCheck } from './checks.js';

/** One line per check, ✓ or ✗ with how to fix it; exit 0 only when all pass. */
export async function runDoctor(bare: Context): Promise<Outcome | void> {
  const checks: Check[] = [];
  const add = (c: Check) => checks.push(c);
  let authFailed = false;

  let ctx: Context | undefined;
  try {
    ctx = await createContext(bare.flags, bare.deps);
    add(
      ctx.loaded.file
        ? { name: 'config', ok: true, detail: `${ctx.loaded.file} (team of ${ctx.loaded.team.length})` }
        : {
            name: 'config',
            ok: false,
            detail: `no config file found (no ${CONFIG_FILE_NAME} here or above, no VISIT_SRE_CONFIG, no user config); checking the defaults`,
            fix: 'run `visit-sre init` to write one',
          },
    );
  } catch (e) {
    add({ name: 'config', ok: false, ...failure(e) });
  }

  if (ctx) {
    const c = ctx;
    const config = c.loaded.config;
    let info: RepositoryInfo | undefined;
    try {
      const gh = await github(c);
      const viewer = await gh.viewer();
      add({ name: 'token', ok: true, detail: `authenticated as @${viewer.login}` });
      const rl = viewer.rateLimit;
      add(
        rl
          ? {
              name: 'rate limit',
              ok: rl.remaining > 100,
              detail: `${rl.remaining} of ${rl.limit} GraphQL points left, reset ${rl.resetAt}`,
              fix: 'wait for the reset',
            }
          : { name: 'rate limit', ok: true, detail: 'not reported by this server' },
      );
      try {
        info = await gh.repository(parseRepo(config.repository));
        add({
          name: 'repository',
          ok: info.hasDiscussionsEnabled,
          detail: `${info.nameWithOwner}${info.hasDiscussionsEnabled ? ', discussions on' : ', discussions OFF'}`,
          fix: 'turn discussions on in the repository settings',
        });
      } catch (e) {
        add({ name: 'repository', ok: false, ...failure(e) });
      }
      if (info) {
        try {
          categoryIds(info, config.discussions.categories);
          add({
            name: 'categories',
            ok: true,
            detail: config.discussions.categories.length ? config.discussions.categories.join(', ') : `all ${info.categories.length}`,
          });
        } catch (e) {
          add({ name: 'categories', ok: false, ...failure(e) });
        }
        try {
          const labels = new Set(await gh.labels(parseRepo(config.repository)));
          const wanted = [config.labels.wontfix, ...(config.discussions.label ? [config.discussions.label] : [])];
          const missing = wanted.filter((l) => !labels.has(l));
          add({
            name: 'labels',
            ok: missing.length === 0,
            detail: missing.length
              ? `missing in ${config.repository}: ${missing.map((l) => `"${l}"`).join(', ')}`
              : wanted.map((l) => `"${l}"`).join(', '),
            fix: 'create the labels, or change "labels" in the config',
          });
          const product = new Set(await gh.labels(parseRepo(config.productRepository)));
          const missingProduct = [config.labels.reviewed, config.labels.lowHangingFruit].filter((l) => !product.has(l));
          add({
            name: 'product labels',
            ok: missingProduct.length === 0,
            detail: missingProduct.length
              ? `missing in ${config.productRepository}: ${missingProduct.map((l) => `"${l}"`).join(', ')}`
              : `"${config.labels.reviewed}", "${config.labels.lowHangingFruit}"`,
            fix: 'create the labels, or change "labels" in the config',
          });
        } catch (e) {
          add({ name: 'labels', ok: false, ...failure(e) });
        }
      }
    } catch (e) {
      authFailed = e instanceof AuthError;
      add({ name: 'token', ok: false, ...failure(e) });
    }

    add(await calendarCheck(c));
    add(await holidayCheck(c));
  }

  const outbox = (await outboxEntries(bare.deps.env, bare.deps.homedir)).length;
  add({ name: 'outbox', ok: outbox === 0, detail: outbox ? `${outbox} unsent inquiries` : 'empty', fix: 'run `visit-sre sync`' });

  const allOk = checks.every((c) => c.ok);
  if (bare.out.json) {
    writeJson(bare.deps.stdout, { ok: allOk, checks });
  } else {
    const p = bare.paint;
    for (const c of checks) {
      bare.deps.stdout.write(`${c.ok ? p.green('✓') : p.red('✗')} ${c.name}: ${c.detail}\n`);
      if (!c.ok && c.fix) bare.deps.stdout.write(`  ${p.dim(`→ ${c.fix}`)}\n`);
    }
  }
  return allOk ? undefined : { kind: 'checks-failed', auth: authFailed };
}
