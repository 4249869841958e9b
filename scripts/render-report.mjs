#!/usr/bin/env node
// Renders `stats --html` for the demo scenario (six weeks around Thanksgiving)
// and for a year of 1,500 discussions, then, when Debian's chromium is
// installed, screenshots each in the light and dark colour schemes and runs
// axe-core in the page:
//   node scripts/render-report.mjs [OUT_DIR]
//     → OUT_DIR/report.html, report-year.html, and their .png / -dark.png
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, inspectReport, renderReport } from './report-browser.mjs';
import { yearScenario } from './year-scenario.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? mkdtempSync(path.join(os.tmpdir(), 'visit-sre-report-')));
mkdirSync(out, { recursive: true });
const reports = [
  {
    name: 'report',
    scenario: path.join(root, 'test', 'fixtures', 'scenarios', 'visit-week.json'),
    since: '2026-10-26',
    until: '2026-12-07',
    now: '2026-12-07T18:00:00Z',
  },
  { name: 'report-year', scenario: yearScenario(), since: '2026-01-01', until: '2027-01-01', now: '2027-01-05T18:00:00Z' },
];
const chromium = findChromium();
for (const r of reports) {
  const html = path.join(out, `${r.name}.html`);
  const done = await renderReport({ ...r, html });
  if (done.code !== 0) {
    process.stderr.write(done.stderr);
    process.exit(done.code ?? 1);
  }
  console.log(`${html}  (${done.listing} listing requests, ${(done.ms / 1000).toFixed(2)} s)`);
  if (!chromium) continue;
  const seen = await inspectReport(html, { chromium, outDir: out, name: r.name });
  for (const [scheme, s] of Object.entries(seen)) {
    const axe = s.axe.length ? s.axe.map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes: ${v.help})`).join('; ') : 'no violations';
    console.log(
      `${s.png}  ${scheme}: ${s.charts} charts, page ${s.height} px, lowest text contrast ${s.minContrast}:1, network requests ${s.requests.length}, axe-core: ${axe}`,
    );
  }
}
if (!chromium) console.log('(no chromium: apt-get install chromium to take screenshots and run the accessibility check)');
