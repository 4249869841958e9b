#!/usr/bin/env node
// `npm run playground`: the GitHub stand-in with a realistic week (the demo's
// inquiries plus a desk thread), kept running until Ctrl-C, so every command of
// the README's tour can be tried in another shell with no token and no network.
// It prints the `export` lines that point the tool at it, and writes them to
// env.sh in its folder for `source`. Every line it prints fits 80 columns
// (the paths it names permitting), and its banner fits a 24-row terminal.
// PLAYGROUND_PORT=N listens on that port instead of a free one.
import path from 'node:path';
import os from 'node:os';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../test/support/standin/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOW = '2026-12-01T11:00:00-08:00'; // Tue Dec 1 2026, 11:00 Pacific: #101 overdue, #102 and #108 due soon, #104 stale
const DESK = 1;

// Output whose reader has gone (`npm run playground | head`) is dropped, not a stack trace.
process.stdout.on('error', () => {});

// Stopping is set up first, so a signal during start-up leaves nothing behind either. The parent is
// read first thing too: `npm run` runs this under sh, which a SIGTERM to npm alone kills at once,
// possibly before the banner is out; a playground whose parent is gone stops rather than hold its
// port with nobody to Ctrl-C it.
const parent = process.ppid;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let standin;
let dir;
let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  clearInterval(orphan);
  // Die of the same signal, as a shell expects of a program stopped by Ctrl-C (exit 130; 143 for SIGTERM).
  const end = () => {
    for (const s of SIGNALS) process.removeAllListeners(s);
    if (signal) process.kill(process.pid, signal);
    else process.exit(0);
  };
  const served = standin;
  if (served) await served.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (!served) return end();
  const writes = served.log.filter((e) => e.kind === 'mutation').length;
  process.stdout.write(`\nstopped: ${served.graphqlRequests().length} GraphQL requests, ${writes} of them writes\n`, end);
};
for (const s of SIGNALS) process.on(s, () => stop(s));
const orphan = setInterval(() => process.ppid !== parent && stop(), 1000);
orphan.unref();

const week = JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'scenarios', 'visit-week.json'), 'utf8'));
const team = JSON.parse(readFileSync(path.join(root, 'schedules', 'team.json'), 'utf8'));
const repo = week.repositories[0];
repo.issues.push({
  number: DESK,
  title: 'Support desk',
  labels: [],
  body: 'Pinned by the support team: the live board and the notification feed of `visit-sre notify`.\n',
  comments: [],
});
// Each member's token is their login, so `GITHUB_TOKEN=edsger-d visit-sre delegate --accept`
// answers as that member would from their own machine; the printed token is the week's Primary.
week.tokens = Object.fromEntries(team.filter((m) => m.login !== week.viewer).map((m) => [m.login, m.login]));
const other = team.find((m) => m.login !== week.viewer)?.login ?? week.viewer;

// The calendar and team are copies, so `schedule swap` and `schedule generate --out` edit nothing of the checkout.
dir = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-playground-'));
copyFileSync(path.join(root, 'schedules', 'rotation.ics'), path.join(dir, 'rotation.ics'));
copyFileSync(path.join(root, 'schedules', 'team.json'), path.join(dir, 'team.json'));
const config = path.join(dir, 'visit-sre.config.json');
writeFileSync(
  config,
  `${JSON.stringify(
    {
      repository: `${repo.owner}/${repo.name}`,
      rotation: 'rotation.ics',
      team: 'team.json',
      // US public holidays and the organisation's own day after Thanksgiving, as the demo's week has them.
      holidays: { country: 'US', dates: ['2026-11-27'] },
      desk: { thread: `${repo.owner}/${repo.name}#${DESK}` },
    },
    null,
    2,
  )}\n`,
);

const port = Number(process.env.PLAYGROUND_PORT ?? 0);
try {
  standin = await startStandin(week, { port });
} catch (e) {
  rmSync(dir, { recursive: true, force: true });
  const why = e?.code === 'EADDRINUSE' ? `port ${port} is in use` : (e?.message ?? String(e));
  process.stderr.write(`playground: cannot start the stand-in: ${why}\n`);
  process.stderr.write('set PLAYGROUND_PORT to a free port, or unset it for any free one\n');
  process.exit(1);
}
standin.setClock(new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z'));

const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const envFile = path.join(dir, 'env.sh');
const exports = [
  // A token or host of the real GitHub in this shell would win over these (docs/reference.md#environment);
  // a webhook would carry the playground's notifications to a real chat.
  'unset GH_TOKEN GH_HOST GITHUB_GRAPHQL_URL VISIT_SRE_WEBHOOK',
  `export GITHUB_API_URL=${q(standin.url)}`,
  `export GITHUB_TOKEN=${q(standin.token)}`,
  `export VISIT_SRE_CONFIG=${q(config)}`,
  `export VISIT_SRE_NOW=${q(NOW)}`,
  `export XDG_STATE_HOME=${q(path.join(dir, 'state'))}`,
  `export XDG_CACHE_HOME=${q(path.join(dir, 'cache'))}`,
  // A function, not an alias, so it works on the line that sources this file too.
  `visit-sre() { node ${q(path.join(root, 'bin', 'visit-sre.js'))} "$@"; }`,
];
writeFileSync(envFile, `${exports.join('\n')}\n`);

process.stdout.write(
  [
    `The GitHub stand-in runs at ${standin.url}, its clock stopped at`,
    `Tue Dec 1 2026, 11:00 Pacific, in a week of VisIt inquiries. You are`,
    `@${week.viewer}; the desk thread is ${repo.owner}/${repo.name}#${DESK}.`,
    '',
    'In another shell, run',
    `  source ${envFile}`,
    'or paste its lines:',
    ...exports,
    '',
    'Then try: visit-sre who, start, overdue, notify --dry-run (the README\'s "Tour"',
    `has the rest). As another member: GITHUB_TOKEN=${other} visit-sre start`,
    'Ctrl-C stops the stand-in; what the commands wrote is lost.',
    '',
  ].join('\n'),
);
