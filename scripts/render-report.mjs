#!/usr/bin/env node
// Renders `stats --html` for the demo scenario and, when Debian's chromium is
// installed, takes a headless screenshot of it to look at:
//   node scripts/render-report.mjs [OUT_DIR]   → OUT_DIR/report.html, OUT_DIR/report.png
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../test/support/standin/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? mkdtempSync(path.join(os.tmpdir(), 'visit-sre-report-')));
mkdirSync(out, { recursive: true });
const html = path.join(out, 'report.html');
const standin = await startStandin(path.join(root, 'test', 'fixtures', 'scenarios', 'visit-week.json'));
const env = { ...process.env, GITHUB_API_URL: standin.url, GH_TOKEN: standin.token, VISIT_SRE_NOW: '2026-12-07T18:00:00Z', VISIT_SRE_CONFIG: path.join(root, 'test', 'fixtures', 'scenarios', 'visit-week.config.json') };
const child = spawn(process.execPath, [path.join(root, 'bin', 'visit-sre.js'), 'stats', '--since', '2026-10-26', '--until', '2026-12-07', '--html', html, '--force', '--format', 'markdown'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const code = await new Promise((r) => child.on('exit', r));
await standin.close();
if (code !== 0) process.exit(code ?? 1);
const browser = ['chromium', 'chromium-browser'].find((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);
if (!browser) {
  console.log(`${html}\n(no chromium: apt-get install chromium to take a screenshot)`);
  process.exit(0);
}
const png = path.join(out, 'report.png');
const shot = spawnSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${mkdtempSync(path.join(os.tmpdir(), 'chromium-'))}`, '--window-size=900,1500', `--screenshot=${png}`, `file://${html}`], { encoding: 'utf8', timeout: 60_000 });
console.log(shot.status === 0 ? `${html}\n${png}` : `screenshot failed: ${shot.stderr.slice(-300)}`);
process.exitCode = shot.status ?? 1;
