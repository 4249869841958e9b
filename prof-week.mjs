import { startStandin } from './test/support/standin/server.mjs';
import { main } from './dist/cli/main.js';
import { octokitGitHub } from './dist/cli/deps.js';
import { nodeFileSystem } from './dist/store/fs.js';
import fs from 'node:fs';
const cfg = '/tmp/desk-prof-cfg.json';
fs.writeFileSync(cfg, JSON.stringify({ repository: 'visit-dav/visit', rotation: process.cwd() + '/schedules/rotation.ics', team: process.cwd() + '/schedules/team.json', desk: { thread: 'visit-dav/visit#1' } }));
const s = await startStandin({ token: 't', viewer: 'grace-hopper', repositories: [{ owner: 'visit-dav', name: 'visit', categories: [{ slug: 'help-using-visit' }, { slug: 'help-building-visit' }, { slug: 'help-developing-visit' }], discussions: [], issues: [{ number: 1, title: 'desk', body: 'x' }] }] });
const sink = { text: '', write(c) { this.text += c; return true; } };
const home = '/tmp/desk-prof-home';
const t0 = performance.now();
for (let i = 0; i < 100; i++) {
  const env = { HOME: home, XDG_CACHE_HOME: home + '/c', XDG_STATE_HOME: home + '/s', VISIT_SRE_CONFIG: cfg, GITHUB_API_URL: s.url, GH_TOKEN: 't' };
  let gh;
  const deps = { stdout: { ...sink, text: '' , write(){return true;} }, stderr: { write(){return true;} }, stdin: process.stdin, env, cwd: process.cwd(), homedir: home, now: () => Date.parse('2026-12-01T03:00:00Z'), fetch: globalThis.fetch, fs: nodeFileSystem, prompter: async () => { throw new Error(); }, github: () => (gh ??= octokitGitHub({ env, fetch: globalThis.fetch }, { retryBaseMs: 1, mutationSpacingMs: 5, ghAuthToken: async () => undefined })) };
  const code = await main(['notify', '--json'], deps);
  if (code !== 0) console.log('code', code);
}
console.log('per run ms', ((performance.now() - t0) / 100).toFixed(1));
await s.close();
