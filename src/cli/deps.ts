import os from 'node:os';
import type { FileSystem } from '../store/fs.js';
import { nodeFileSystem } from '../store/fs.js';
import type { Prompter } from './prompt.js';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

/**
 * Every side effect a command may have, in one record. Commands never reach
 * for process.*, the wall clock or the network themselves; tests build a Deps
 * with buffers, a fixed clock and a GitHub stand-in.
 */
export interface Deps {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homedir: string;
  /** "now" as epoch ms: VISIT_SRE_NOW when set, else the wall clock */
  now(): number;
  fetch: typeof globalThis.fetch;
  fs: FileSystem;
  /** Loaded on first use, so commands that never prompt never load inquirer. */
  prompter(): Promise<Prompter>;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses VISIT_SRE_NOW; undefined when it is not an ISO-8601 instant with an offset. */
export function parseNowOverride(value: string): number | undefined {
  if (!INSTANT.test(value.trim())) return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : t;
}

/** The real world: the only place that touches process.*, the environment and the wall clock. */
export function processDeps(): Deps {
  const env = process.env;
  const deps: Deps = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env,
    cwd: process.cwd(),
    homedir: os.homedir(),
    now: () => {
      const fixed = env.VISIT_SRE_NOW ? parseNowOverride(env.VISIT_SRE_NOW) : undefined;
      return fixed ?? Date.now();
    },
    fetch: (...args) => globalThis.fetch(...args),
    fs: nodeFileSystem,
    prompter: async () => (await import('./prompt.js')).inquirerPrompter(deps.stdin, deps.stdout),
  };
  return deps;
}
