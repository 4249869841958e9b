// The `stats --html` report for a year of 1,500 discussions, opened in Debian's
// Chromium: full-page screenshots in the light and dark colour schemes and on a
// 375 px phone, axe-core run in the page, the contrast of every text against the
// page, and each chart's name, description and axis titles as the browser sees
// them. Without
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
    'renders readable, labelled charts in light and dark and on a phone, with no accessibility violations and no network',
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
      console.log(`screenshots: ${seen.light.png} ${seen.dark.png} ${seen.narrow.png}`);
      const week = 'ISO week of 2026 (Monday to Sunday, America/Los_Angeles)';
      for (const [view, scheme] of Object.entries(seen)) {
        expect(scheme.axe, view).toEqual([]);
        expect(scheme.requests).toEqual([]);
        expect(scheme.charts).toBe(5);
        // WCAG AA for normal text: every chart label, table cell and heading against the page.
        expect(scheme.minContrast).toBeGreaterThanOrEqual(4.5);
        // Nothing makes the page scroll sideways, and on the phone the charts keep their type (they scroll in their box).
        expect(scheme.sideways, view).toBe(0);
        expect(scheme.minChartFontPx, view).toBeGreaterThanOrEqual(9);
        const png = pngSize(scheme.png);
        expect(png.width).toBe(view === 'narrow' ? 375 : 900);
        expect(png.height).toBe(scheme.height);
        expect(png.height).toBeGreaterThan(2500);
        // Each chart is one image named by its title; both axes are drawn with a title, and named in its description.
        expect(scheme.names).toEqual([
          'Inquiries per week',
          'First team response on GitHub, against the 4 h goal',
          'Weekly median first response on GitHub',
          'First response by developer, as the Primary on duty',
          'Primary weeks per developer against their percent-time target',
        ]);
        const axes: Array<[string, string]> = [
          [week, 'inquiries (count)'],
          ['business hours to the team’s first response', 'GitHub inquiries (count)'],
          [week, 'median first response (business hours)'],
          ['median first response (business hours)', 'developer (Primary)'],
          ['Primary weeks', 'developer'],
        ];
        axes.forEach(([x, y], i) => {
          const drawn = scheme.words[i]!.map((w) => w.replace(/^↑ | →$/g, ''));
          expect(drawn, scheme.names[i]).toEqual(expect.arrayContaining([x, y]));
          expect(scheme.descriptions[i]).toContain(`Horizontal axis: ${x}, `);
          expect(scheme.descriptions[i]).toContain(`; vertical axis: ${y}, `);
        });
      }
      expect(Math.max(...seen.dark.background)).toBeLessThan(40);
      expect(Math.min(...seen.light.background)).toBeGreaterThan(240);
    },
    120_000,
  );
});
