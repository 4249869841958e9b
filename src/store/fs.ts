import { promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import { UsageError } from '../core/errors.js';
import path from 'node:path';

/** The file operations the tool needs; injected so tests can point them anywhere. */
export interface FileSystem {
  /** The file's text, or undefined when it does not exist. */
  readText(file: string): Promise<string | undefined>;
  /**
   * A file a person named (the config, a team file, a calendar, a template,
   * `--body-file`): its text, or undefined when it does not exist. Anything
   * but a regular file (a directory, a FIFO, a device such as /dev/zero) and
   * a file over `limit.bytes` is a UsageError naming `limit.what` and the
   * file. It is looked at before it is opened, so a FIFO never blocks the run.
   */
  readInput(file: string, limit: InputLimit): Promise<string | undefined>;
  /** The same, as bytes (an e-mail in any charset). */
  readInputBytes(file: string, limit: InputLimit): Promise<Uint8Array | undefined>;
  exists(file: string): Promise<boolean>;
  /** Modification time in epoch ms, or undefined when missing. */
  mtime(file: string): Promise<number | undefined>;
  /**
   * Writes through a temporary file and a rename, so readers never see half a
   * file. Refuses to replace an existing file unless `overwrite`.
   */
  writeAtomic(file: string, content: string, opts?: { overwrite?: boolean; mode?: number }): Promise<void>;
}

export interface InputLimit {
  /** what the file is, for the message: "config file", "calendar", "--body-file" */
  what: string;
  bytes: number;
}

const MiB = 1024 * 1024;
/** How large a file a person names may be: far above any real one, far below what would exhaust memory. */
export const INPUT_LIMITS = { config: 10 * MiB, body: 10 * MiB, mail: 50 * MiB, template: 10 * MiB, calendar: 50 * MiB } as const;

/** "10 MiB", for messages. */
export const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;

export function tooLarge(what: string, file: string, bytes: number): UsageError {
  return new UsageError(`${what} ${file} is larger than ${mib(bytes)}`, 'give the right file; a real one is far smaller');
}

export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
  }
}

let tmpSerial = 0;
/** A unique temporary name beside the target (node:crypto would cost every start-up ~3 ms). */
function tmpName(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${++tmpSerial}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
}

/** Whether a file a person named exists; a UsageError when it is no regular file or too large. */
async function checkedInput(file: string, limit: InputLimit): Promise<boolean> {
  let info: Stats;
  try {
    info = await fsp.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : 'a device';
    throw new UsageError(`${limit.what} ${file} is ${kind}, not a file`, 'give the path of a regular file');
  }
  if (info.size > limit.bytes) throw tooLarge(limit.what, file, limit.bytes);
  return true;
}

export const nodeFileSystem: FileSystem = {
  async readText(file) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
  async readInput(file, limit) {
    return (await checkedInput(file, limit)) ? fsp.readFile(file, 'utf8') : undefined;
  },
  async readInputBytes(file, limit) {
    return (await checkedInput(file, limit)) ? new Uint8Array(await fsp.readFile(file)) : undefined;
  },
  async exists(file) {
    try {
      await fsp.access(file);
      return true;
    } catch {
      return false;
    }
  },
  async mtime(file) {
    try {
      return (await fsp.stat(file)).mtimeMs;
    } catch {
      return undefined;
    }
  },
  async writeAtomic(file, content, opts = {}) {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = tmpName(file);
    await fsp.writeFile(tmp, content, { mode: opts.mode ?? 0o644 });
    try {
      if (opts.overwrite) {
        await fsp.rename(tmp, file);
      } else {
        // link() fails when the target exists, so two writers cannot both win.
        try {
          await fsp.link(tmp, file);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
          throw e;
        }
      }
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  },
};
