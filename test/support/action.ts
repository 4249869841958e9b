import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './deps.js';

/** action.yml's inputs with their defaults, `${{ github.token }}` left out (a test passes GH_TOKEN). */
export function actionDefaults(root = REPO_ROOT): Record<string, string> {
  const text = readFileSync(path.join(root, 'action.yml'), 'utf8');
  const block = /^inputs:\n((?: {2}.*\n|\n)+)/m.exec(text)![1]!;
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/^ {2}([\w-]+):\n(?: {4}.*\n| {6}.*\n)*? {4}default: (.*)$/gm)) {
    const value = m[2]!.trim().replace(/^"(.*)"$/, '$1');
    if (!value.startsWith('${{')) out[m[1]!] = value;
  }
  return out;
}

/** The `with:` inputs of the step that uses this action in a workflow. */
export function withInputs(workflow: string): Record<string, string> {
  const m = /uses: [\w.-]+\/visit-sre@\S+\n(\s+)with:\n((?:\1 {2}.*\n)+)/.exec(workflow);
  if (!m) throw new Error('no step uses OWNER/visit-sre@… with inputs');
  const out: Record<string, string> = {};
  for (const line of m[2]!.split('\n').filter(Boolean)) {
    const kv = /^\s*([\w-]+): (.*?)(?:\s+#.*)?$/.exec(line)!;
    out[kv[1]!] = kv[2]!.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/**
 * Runs the action as the runner does for `runs.using: node24`: `node
 * action/run.mjs` in the workspace, each input as INPUT_NAME (defaults from
 * action.yml). Only PATH, HOME and XDG folders come from outside.
 */
export function runAction(
  inputs: Record<string, string>,
  opts: { env?: Record<string, string>; cwd?: string; root?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = opts.root ?? REPO_ROOT;
  const home = tempDir('visit-sre-action-home-');
  const all = { ...actionDefaults(root), ...inputs };
  const child = spawn(process.execPath, [path.join(root, 'action', 'run.mjs')], {
    cwd: opts.cwd ?? root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, 'c'),
      XDG_CACHE_HOME: path.join(home, 'k'),
      XDG_STATE_HOME: path.join(home, 's'),
      VISIT_SRE_RETRY_BASE_MS: '1',
      VISIT_SRE_MUTATION_SPACING_MS: '5',
      ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...opts.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
