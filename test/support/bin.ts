import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './deps.js';

export const BIN = path.join(REPO_ROOT, 'bin', 'visit-sre.js');

/**
 * Runs the built binary asynchronously, so a stand-in living in this process
 * can answer it. Only PATH, HOME and XDG folders come from outside.
 */
export function runBin(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = tempDir('visit-sre-bin-home-');
  const child = spawn(process.execPath, [BIN, ...args], {
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

/** A PATH whose `visit-sre` is this checkout's built binary: what `npm install --global visit-sre` leaves. */
export function pathWithTool(): string {
  const dir = tempDir('visit-sre-path-');
  const file = path.join(dir, 'visit-sre');
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'bin', 'visit-sre.js')}" "$@"\n`);
  chmodSync(file, 0o755);
  return `${dir}:${process.env.PATH}`;
}
