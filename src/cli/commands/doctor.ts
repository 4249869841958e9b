import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { createContext } from '../context.js';
import { buildTimeline } from '../../core/rotation.js';
import { AuthError, VisitSreError } from '../../core/errors.js';
import { parseRepo } from '../../github/port.js';
import type { RepositoryInfo } from '../../github/port.js';
import { categoryIds, github } from '../../app/inquiries.js';
import { outboxEntries } from '../../store/outbox.js';
import { writeJson } from '../output.js';
import type { Outcome } from '../errors.js';
import { CONFIG_FILE_NAME } from '../../store/config.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

function failure(e: unknown): { detail: string; fix?: string } {
  if (e instanceof VisitSreError) return { detail: e.message, fix: e.hint };
  return { detail: (e as Error).message };
}

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

    try {
      const to = DateTime.fromMillis(c.now, { zone: c.zone }).plus({ weeks: 4 }).toMillis();
      const { shifts } = await c.rotation(c.now - 86_400_000, to + 86_400_000);
      const timeline = buildTimeline(shifts);
      const gaps: string[] = [];
      let cursor = c.now;
      for (const role of ['primary', 'backup'] as const) {
        cursor = c.now;
        for (const s of timeline.filter((x) => x.end > c.now && x.start < to && x[role])) {
          if (s.start > cursor) gaps.push(`${role} ${fmt(cursor, c)} → ${fmt(s.start, c)}`);
          cursor = Math.max(cursor, s.end);
        }
        if (cursor < to) gaps.push(`${role} ${fmt(cursor, c)} → ${fmt(to, c)}`);
      }
      // The reader keeps a timed shift's wall-clock length across DST (README); say where RFC 5545's exact duration would differ.
      const dst = shifts.filter((s) => s.exactEnd !== undefined && s.end > c.now && s.start < to).sort((a, b) => a.end - b.end)[0];
      const dstNote = dst
        ? `; timed shifts keep their wall-clock length across DST: the one ending ${fmt(dst.end, c)} would end ${fmt(dst.exactEnd!, c)} by RFC 5545's exact duration`
        : '';
      add({
        name: 'calendar',
        ok: gaps.length === 0,
        detail:
          (gaps.length
            ? `no one on duty in the next 4 weeks: ${gaps.slice(0, 3).join('; ')}${gaps.length > 3 ? ` (+${gaps.length - 3} more)` : ''}`
            : 'Primary and Backup covered for the next 4 weeks') + dstNote,
        fix: 'plan the rotation further ahead (`visit-sre schedule generate`)',
      });
    } catch (e) {
      add({ name: 'calendar', ok: false, ...failure(e) });
    }
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

function fmt(ms: number, ctx: Context): string {
  return DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('LLL d HH:mm');
}
