import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** The file operations the tool needs; injected so tests can point them anywhere. */
export interface FileSystem {
  /** The file's text, or undefined when it does not exist. */
  readText(file: string): Promise<string | undefined>;
  /** The file's bytes (an e-mail in any charset), or undefined when it does not exist. */
  readBytes(file: string): Promise<Uint8Array | undefined>;
  exists(file: string): Promise<boolean>;
  /** Modification time in epoch ms, or undefined when missing. */
  mtime(file: string): Promise<number | undefined>;
  /**
   * Writes through a temporary file and a rename, so readers never see half a
   * file. Refuses to replace an existing file unless `overwrite`.
   */
  writeAtomic(file: string, content: string, opts?: { overwrite?: boolean; mode?: number }): Promise<void>;
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

export const nodeFileSystem: FileSystem = {
  async readText(file) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
  async readBytes(file) {
    try {
      return new Uint8Array(await fsp.readFile(file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
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
