#!/usr/bin/env node
// `npm run demo`: the tool at work with no token and no network. Starts the
// GitHub stand-in on 127.0.0.1 with a week of VisIt-like inquiries, then runs
// `start` and `overdue` against it as the Primary of that week would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../test/support/standin/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scenario = path.join(root, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const standin = await startStandin(scenario);
const home = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-demo-'));
const env = {
  ...process.env,
  GITHUB_API_URL: standin.url,
  GH_TOKEN: standin.token,
  VISIT_SRE_NOW: '2026-12-01T11:00:00-08:00',
  VISIT_SRE_CONFIG: path.join(root, 'test', 'fixtures', 'scenarios', 'visit-week.config.json'),
  XDG_STATE_HOME: path.join(home, 'state'),
  XDG_CACHE_HOME: path.join(home, 'cache'),
};
delete env.GITHUB_TOKEN;

const runs = [['start'], ['overdue']];
let failed = 0;
try {
  for (const args of runs) {
    process.stdout.write(`\n$ visit-sre ${args.join(' ')}        # Tue Dec 1 2026, 11:00 Pacific, against the stand-in\n\n`);
    // Asynchronous: the stand-in answers from this very process.
    const child = spawn(process.execPath, [path.join(root, 'bin', 'visit-sre.js'), ...args, ...process.argv.slice(2)], {
      env,
      stdio: 'inherit',
    });
    const status = await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    if (status !== 0) failed = status;
  }
} finally {
  await standin.close();
}
process.stdout.write(`\n(${standin.graphqlRequests().length} GraphQL requests reached the stand-in at ${standin.url})\n`);
process.exitCode = failed;
