import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './deps.js';

export const BIN = path.join(REPO_ROOT, 'bin', 'visit-sre.js');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a Node script in a child process with a private home: only PATH, HOME
 * and the XDG folders come from outside, and retries and write spacing are
 * short. The one way the tests start the tool (bin) or the action (run.mjs).
 */
export function runNode(
  script: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; stdin?: string; home?: string } = {},
): Promise<Ran> {
  const home = tempDir(opts.home ?? 'visit-sre-bin-home-');
  const child = spawn(process.execPath, [script, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, 'c'),
      XDG_CACHE_HOME: path.join(home, 'k'),
      XDG_STATE_HOME: path.join(home, 's'),
      VISIT_SRE_RETRY_BASE_MS: '1',
      VISIT_SRE_MUTATION_SPACING_MS: '5',
      ...opts.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs the built binary asynchronously, so a stand-in living in this process can answer it. */
export function runBin(args: string[], opts: { env?: Record<string, string>; cwd?: string; stdin?: string } = {}): Promise<Ran> {
  return runNode(BIN, args, opts);
}

/** A PATH whose `visit-sre` is this checkout's built binary: what `npm install --global visit-sre` leaves. */
export function pathWithTool(): string {
  const dir = tempDir('visit-sre-path-');
  const file = path.join(dir, 'visit-sre');
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'bin', 'visit-sre.js')}" "$@"\n`);
  chmodSync(file, 0o755);
  return `${dir}:${process.env.PATH}`;
}
