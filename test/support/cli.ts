/** Runs the CLI in-process against a stand-in at a fixed instant, with a config file: the commands' end-to-end tests. */
import type { Standin } from './standin/server.mjs';
import { run } from './deps.js';

export function cliAt(standin: () => Standin, opts: { now: string; config: string }) {
  return async (args: string[], env: Record<string, string> = {}, now = opts.now) => {
    const s = standin();
    s.setClock(now);
    const r = await run(args, { now, env: { VISIT_SRE_CONFIG: opts.config, ...env }, github: { url: s.url, token: s.token } });
    return { ...r, json: () => JSON.parse(r.stdout) };
  };
}

/** The stand-in's stored URL of a discussion's comment (or its reply), as GitHub's "Copy link" gives it. */
export function commentUrl(standin: Standin, number: number, comment: number, reply?: number): string {
  const d = (
    standin.store.repos[0].discussions as Array<{ number: number; comments: Array<{ url: string; replies: Array<{ url: string }> }> }>
  ).find((x) => x.number === number)!;
  const c = d.comments[comment]!;
  return reply === undefined ? c.url : c.replies[reply]!.url;
}
