import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** XDG base directories, with the usual fallbacks under the home directory. */
export function xdgDir(kind: 'config' | 'state' | 'cache', env: Env, home: string): string {
  const vars = { config: 'XDG_CONFIG_HOME', state: 'XDG_STATE_HOME', cache: 'XDG_CACHE_HOME' } as const;
  const fallback = { config: '.config', state: path.join('.local', 'state'), cache: '.cache' } as const;
  const fromEnv = env[vars[kind]];
  const base = fromEnv && path.isAbsolute(fromEnv) ? fromEnv : path.join(home, fallback[kind]);
  return path.join(base, 'visit-sre');
}
