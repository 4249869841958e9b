// The `stats --html` report for a year of 1,500 discussions, opened in Debian's
// Chromium: full-page screenshots in the light and dark colour schemes, axe-core
// run in the page, and the contrast of every text against the page. Without
// Chromium (CI installs none) the browser checks are skipped and say why.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/deps.js';
import { findChromium, inspectReport, renderReport } from '../../scripts/report-browser.mjs';
import { yearScenario } from '../../scripts/year-scenario.mjs';

const chromium = findChromium();
const SKIP = 'skipped: no chromium on this machine (apt-get install chromium, or set VISIT_SRE_CHROMIUM to its path)';
if (!chromium) console.warn(`stats report in Chromium: ${SKIP}`);

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

describe(chromium ? 'the stats report for a year, in Chromium' : `the stats report for a year, in Chromium — ${SKIP}`, () => {
  it.skipIf(!chromium)(
    'renders readable charts in light and dark, with no accessibility violations and no network',
    async () => {
      const dir = tempDir('visit-sre-report-');
      const html = path.join(dir, 'report-year.html');
      const r = await renderReport({
        scenario: yearScenario(),
        html,
        since: '2026-01-01',
        until: '2027-01-01',
        now: '2027-01-05T18:00:00Z',
      });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).inquiries).toBeGreaterThan(1400);
      const seen = await inspectReport(html, { chromium: chromium!, outDir: dir, name: 'report-year' });
      console.log(`screenshots: ${seen.light.png} ${seen.dark.png}`);
      for (const scheme of [seen.light, seen.dark]) {
        expect(scheme.axe).toEqual([]);
        expect(scheme.requests).toEqual([]);
        expect(scheme.charts).toBe(5);
        // WCAG AA for normal text: every chart label, table cell and heading against the page.
        expect(scheme.minContrast).toBeGreaterThanOrEqual(4.5);
        const png = pngSize(scheme.png);
        expect(png.width).toBe(900);
        expect(png.height).toBe(scheme.height);
        expect(png.height).toBeGreaterThan(2500);
      }
      expect(Math.max(...seen.dark.background)).toBeLessThan(40);
      expect(Math.min(...seen.light.background)).toBeGreaterThan(240);
    },
    120_000,
  );
});
