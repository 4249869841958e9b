#!/usr/bin/env node
// `npm run playground`: the GitHub stand-in with a realistic week (the demo's
// inquiries plus a desk thread), kept running until Ctrl-C, so every command of
// the README can be tried in another shell with no token and no network.
// It prints the `export` lines that point the tool at it, and writes them to
// env.sh in its folder for `source`.
import path from 'node:path';
import os from 'node:os';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../test/support/standin/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOW = '2026-12-01T11:00:00-08:00'; // Tue Dec 1 2026, 11:00 Pacific: #101 overdue, #102 and #108 due soon, #104 stale
const DESK = 1;

const week = JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'scenarios', 'visit-week.json'), 'utf8'));
const repo = week.repositories[0];
repo.issues.push({
  number: DESK,
  title: 'Support desk',
  labels: [],
  body: 'Pinned by the support team: the live board and the notification feed of `visit-sre notify`.\n',
  comments: [],
});

// The calendar and team are copies, so `schedule swap` and `schedule generate --out` edit nothing of the checkout.
const dir = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-playground-'));
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
const standin = await startStandin(week, { port });
standin.setClock(new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z'));

const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const exports = [
  // A token of the real GitHub in this shell would win over GITHUB_TOKEN (docs/config.md): set none.
  'unset GH_TOKEN GH_HOST GITHUB_GRAPHQL_URL',
  `export GITHUB_API_URL=${q(standin.url)}`,
  `export GITHUB_TOKEN=${q(standin.token)}`,
  `export VISIT_SRE_CONFIG=${q(config)}`,
  `export VISIT_SRE_NOW=${q(NOW)}`,
  `export XDG_STATE_HOME=${q(path.join(dir, 'state'))}`,
  `export XDG_CACHE_HOME=${q(path.join(dir, 'cache'))}`,
  // A function, not an alias, so it works on the line that sources this file too.
  `visit-sre() { node ${q(path.join(root, 'bin', 'visit-sre.js'))} "$@"; }`,
];
writeFileSync(path.join(dir, 'env.sh'), `${exports.join('\n')}\n`);

process.stdout.write(
  [
    `The GitHub stand-in is running at ${standin.url} with a week of VisIt inquiries`,
    `(Tue Dec 1 2026, 11:00 Pacific; you are @${week.viewer}, the desk thread is ${repo.owner}/${repo.name}#${DESK}).`,
    '',
    `In another shell, paste these lines (or: source ${path.join(dir, 'env.sh')}):`,
    '',
    ...exports,
    '',
    'then try: visit-sre who · visit-sre start · visit-sre notify --dry-run · visit-sre escalate 101',
    'Ctrl-C stops the stand-in; what was written is lost.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const writes = standin.log.filter((e) => e.kind === 'mutation').length;
  await standin.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`\nstopped: ${standin.graphqlRequests().length} GraphQL requests, ${writes} of them writes\n`);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
