import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './deps.js';
import type { Ran } from './bin.js';
import { runNode } from './bin.js';

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
): Promise<Ran> {
  const root = opts.root ?? REPO_ROOT;
  const all = { ...actionDefaults(root), ...inputs };
  return runNode(path.join(root, 'action', 'run.mjs'), [], {
    cwd: opts.cwd ?? root,
    home: 'visit-sre-action-home-',
    env: { ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])), ...opts.env },
  });
}
