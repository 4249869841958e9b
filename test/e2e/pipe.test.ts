import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, tempDir } from '../support/deps.js';

const BIN = path.join(REPO_ROOT, 'bin', 'visit-sre.js');

/**
 * Runs the binary with its stdout on a real pipe whose reading end this test
 * closes at once (or after the first chunk, as `head -3` does), as a reader
 * that has seen enough would.
 */
function closedEarly(args: string[], afterFirstChunk: boolean): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const home = tempDir('visit-sre-pipe-home-');
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'c'), XDG_CACHE_HOME: path.join(home, 'k') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (afterFirstChunk) child.stdout.once('data', () => child.stdout.destroy());
  else child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

describe('a reader that closes the pipe early (visit-sre help who | head -3)', () => {
  it.each([
    ['help who, pipe closed before the first write', ['help', 'who'], false],
    ['help who, pipe closed after the first chunk', ['help', 'who'], true],
    ['--help, pipe closed before the first write', ['--help'], false],
    ['who --next 200, pipe closed after the first chunk', ['who', '--next', '200', '--calendar', 'schedules/rotation.ics'], true],
  ] as const)('%s: ends quietly with exit 0, eight runs in a row', async (_name, args, afterFirstChunk) => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => closedEarly([...args], afterFirstChunk)));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r).toMatchObject({ code: 0, signal: null });
    }
  });
});
