// What the duty desk's watch costs in GitHub's GraphQL points (by GitHub's
// published formula, computed by the stand-in for every call): a first run with
// no state, then runs 15 minutes apart with a few changes between them, each in
// the same workspace (its cache kept, as the Action restores it) or, with
// `fresh`, in a new one each time. Imported by bench.mjs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startStandin } from '../test/support/standin/server.mjs';
import { deskWorkspace } from './bench-github.mjs';
import { WATCH_START, watchChanges, watchScenario } from '../test/support/watchScenario.mjs';

function run(bin, args, env) {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

function workspace(root, standin) {
  const { env } = deskWorkspace(root, standin, { token: 'watch', prefix: 'visit-sre-bench-watch-' });
  return { ...env, VISIT_SRE_MUTATION_SPACING_MS: '5' };
}

/**
 * Points and requests of each run: `runs` runs after the first, 15 minutes
 * apart, with `watchChanges` before each. `bin` is the built CLI to measure
 * (another build's, to compare).
 */
export async function watchCost(root, n, { runs = 4, fresh = false, bin = path.join(root, 'bin', 'visit-sre.js') } = {}) {
  const standin = await startStandin(watchScenario(n));
  let env = workspace(root, standin);
  const out = [];
  try {
    for (let i = 0; i <= runs; i++) {
      const now = new Date(Date.parse(WATCH_START) + i * 15 * 60_000).toISOString().replace('.000Z', 'Z');
      if (i > 0) watchChanges(standin.store, i, now);
      if (fresh) env = workspace(root, standin);
      standin.setClock(now);
      const from = standin.log.length;
      const r = await run(bin, ['notify', '--json'], { ...env, VISIT_SRE_NOW: now });
      if (r.code !== 0) throw new Error(`notify at ${now} failed (exit ${r.code}): ${r.err}`);
      const calls = standin.log.slice(from).filter((e) => e.kind !== null);
      out.push({
        at: now,
        points: standin.points(from),
        requests: calls.length,
        reads: calls.filter((e) => e.kind === 'query').length,
        writes: calls.filter((e) => e.kind === 'mutation').length,
        json: JSON.parse(r.out),
      });
    }
    return { runs: out, board: standin.store.thread('visit-dav/visit', 1).body };
  } finally {
    await standin.close();
  }
}
