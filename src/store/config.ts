import path from 'node:path';
import type { Config, TeamMember } from '../core/config.js';
import { defaultConfig, validateConfig, validateTeam } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import { jsonErrorAt } from '../core/jsonErrorAt.js';
import type { FileSystem } from './fs.js';
import { INPUT_LIMITS } from './fs.js';
import { xdgDir } from './paths.js';

export const CONFIG_FILE_NAME = 'visit-sre.config.json';

export interface LoadedConfig {
  config: Config;
  /** the file it came from; null when every key is a default */
  file: string | null;
  /** relative paths inside the config are resolved from here */
  dir: string;
  team: TeamMember[];
}

interface LoadDeps {
  fs: FileSystem;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homedir: string;
  /** Called with the config's time zone before it is checked, so that luxon can serve it from a cached table. */
  prepareZone?: (zone: string) => Promise<void>;
}

/** Parses JSON, turning the parser's character offset into a line and column. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = (e as Error).message;
    const pos = jsonErrorAt(text.replace(/^\uFEFF/, ''));
    let where = '';
    if (pos >= 0) {
      const before = text.slice(0, pos).split('\n');
      where = `:${before.length}:${before[before.length - 1]!.length + 1}`;
    }
    const what = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, ".*$/s, '')
      .replace(/^JSON\.parse: /, '');
    throw new UsageError(`${file}${where}: malformed JSON (${what})`, 'fix the JSON syntax and run the command again');
  }
}

/** Finds the config file in the order docs/config.md gives (`init` asks it whether the file it wrote is the one commands will read). */
export async function locate(flag: string | undefined, deps: LoadDeps): Promise<string | null> {
  if (flag) {
    const file = path.resolve(deps.cwd, flag);
    if (!(await deps.fs.exists(file)))
      throw new UsageError(`config file ${file} not found (from --config)`, 'check the path, or run `visit-sre init` to write one');
    return file;
  }
  const fromEnv = deps.env.VISIT_SRE_CONFIG;
  if (fromEnv) {
    const file = path.resolve(deps.cwd, fromEnv);
    if (!(await deps.fs.exists(file)))
      throw new UsageError(`config file ${file} not found (from VISIT_SRE_CONFIG)`, 'fix or unset VISIT_SRE_CONFIG');
    return file;
  }
  for (let dir = path.resolve(deps.cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, CONFIG_FILE_NAME);
    if (await deps.fs.exists(file)) return file;
    if (path.dirname(dir) === dir) break;
  }
  const user = path.join(xdgDir('config', deps.env, deps.homedir), 'config.json');
  return (await deps.fs.exists(user)) ? user : null;
}

/** A team file's members, checked (docs/config.md#team); undefined when the file does not exist. */
export async function readTeamFile(fs: FileSystem, teamFile: string): Promise<TeamMember[] | undefined> {
  const text = await fs.readInput(teamFile, { what: 'team file', bytes: INPUT_LIMITS.config });
  return text === undefined ? undefined : validateTeam(parseJsonFile(text, teamFile), teamFile);
}

export async function loadConfig(flag: string | undefined, deps: LoadDeps): Promise<LoadedConfig> {
  const file = await locate(flag, deps);
  if (!file) {
    const config = defaultConfig();
    await deps.prepareZone?.(config.timeZone);
    const teamFile = path.resolve(deps.cwd, config.team as string);
    // With no config file at all, the default team file is optional.
    const team = (await readTeamFile(deps.fs, teamFile)) ?? [];
    return { config, file: null, dir: deps.cwd, team };
  }
  const text = await deps.fs.readInput(file, { what: 'config file', bytes: INPUT_LIMITS.config });
  if (text === undefined) throw new UsageError(`config file ${file} cannot be read`);
  const raw = parseJsonFile(text, file);
  const zone = (raw as { timeZone?: unknown } | null)?.timeZone ?? defaultConfig().timeZone;
  if (typeof zone === 'string') await deps.prepareZone?.(zone);
  const config = validateConfig(raw, file);
  const dir = path.dirname(file);
  let team: TeamMember[];
  if (typeof config.team === 'string') {
    const teamFile = path.resolve(dir, config.team);
    const read = await readTeamFile(deps.fs, teamFile);
    if (read === undefined) {
      throw new UsageError(
        `config key "team" names ${teamFile}, which does not exist (in ${file})`,
        'create the team file, or list the team inline',
      );
    }
    team = read;
  } else {
    team = config.team;
  }
  return { config, file, dir, team };
}

/** A path or URL from the config, made absolute against the config's folder. */
export function resolveLocation(location: string, dir: string): string {
  return /^(https?|webcal):\/\//i.test(location) ? location : path.resolve(dir, location);
}
