// Renders `stats --html` against the GitHub stand-in and looks at it in
// Debian's Chromium (through playwright-core, which downloads no browser):
// full-page screenshots in the light and dark colour schemes, and axe-core's
// accessibility rules run inside the page. Shared by render-report.mjs and
// the screenshot test; both skip the browser part when Chromium is absent.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../test/support/standin/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Chromium's path: $VISIT_SRE_CHROMIUM (`none` to go without), else `chromium` or `chromium-browser` on PATH; null when there is none. */
export function findChromium(env = process.env) {
  if (env.VISIT_SRE_CHROMIUM === 'none') return null;
  if (env.VISIT_SRE_CHROMIUM) return env.VISIT_SRE_CHROMIUM;
  for (const b of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.trim();
  }
  return null;
}

/** Runs the built `stats --html` against a stand-in loaded with `scenario`; resolves with the exit code, stderr and wall time. */
export async function renderReport({
  scenario,
  html,
  since,
  until,
  now,
  config = path.join(root, 'test', 'fixtures', 'scenarios', 'visit-week.config.json'),
  extraArgs = [],
}) {
  const standin = await startStandin(scenario);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_STATE_HOME: path.dirname(html),
    XDG_CACHE_HOME: path.dirname(html),
    GITHUB_API_URL: standin.url,
    GH_TOKEN: standin.token ?? scenario.token,
    VISIT_SRE_NOW: now,
    VISIT_SRE_CONFIG: config,
  };
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin', 'visit-sre.js'),
      'stats',
      '--since',
      since,
      '--until',
      until,
      '--html',
      html,
      '--force',
      '--format',
      'json',
      ...extraArgs,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const code = await new Promise((r) => child.on('close', r));
  const ms = performance.now() - t0;
  await standin.close();
  const log = standin.graphqlRequests();
  return { code, stdout, stderr, ms, listing: log.filter((e) => e.operationName === 'DiscussionsCreated').length, requests: log.length };
}

const contrast = (a, b) => {
  const lum = ([r, g, b]) =>
    [r, g, b]
      .map((c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

/**
 * Opens the report in Chromium: a full-page PNG per view (the light and dark
 * colour schemes at `width`, and light on a `narrow` phone-sized screen),
 * axe-core's violations per view, the lowest contrast between any chart or
 * table text and the page background (what "still readable" means here), each
 * chart's accessible name and description as the browser computes them, its
 * axis titles as drawn, the smallest chart type as rendered, and how far the
 * page scrolls sideways.
 */
export async function inspectReport(htmlFile, { chromium, outDir, name = 'report', width = 900, narrow = 375 }) {
  const { chromium: pw } = await import('playwright-core');
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
  const result = {};
  try {
    for (const [view, scheme, w] of [
      ['light', 'light', width],
      ['dark', 'dark', width],
      ['narrow', 'light', narrow],
    ]) {
      const page = await browser.newPage({ viewport: { width: w, height: 900 }, colorScheme: scheme });
      // The report must need nothing from the network: any request but the file itself fails the page.
      const requests = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(`file://${htmlFile}`);
      const png = path.join(outDir, `${name}${view === 'light' ? '' : `-${view}`}.png`);
      await page.screenshot({ path: png, fullPage: true });
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        // Every rule axe has, the experimental ones and WCAG AAA (7:1 text contrast) included: the report passes them all.
        const runOnly = ['wcag2a', 'wcag2aa', 'wcag2aaa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'];
        const r = await globalThis.axe.run(document, { runOnly, resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.length,
          target: v.nodes[0]?.target?.join(' '),
        }));
      });
      const colours = await page.evaluate(() => {
        const rgb = (c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const bg = rgb(getComputedStyle(document.body).backgroundColor);
        const texts = [...document.querySelectorAll('svg text, td, th, p, h1, h2, h3, summary')];
        return {
          bg,
          colours: [...new Set(texts.map((t) => (t.closest('svg') ? getComputedStyle(t).fill : getComputedStyle(t).color)))].map(rgb),
        };
      });
      const minContrast = Math.min(...colours.colours.filter((c) => c.length === 3).map((c) => contrast(c, colours.bg)));
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const drawn = await page.evaluate(() => {
        const charts = [...document.querySelectorAll('section.chart svg[role="img"]')];
        return {
          sideways: document.documentElement.scrollWidth - window.innerWidth,
          // Rendered size: the font size the SVG asks for, scaled as the SVG is drawn.
          minChartFontPx: Math.min(
            ...charts.flatMap((svg) => {
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return [...svg.querySelectorAll('text')].map((t) => Number.parseFloat(getComputedStyle(t).fontSize) * scale);
            }),
          ),
          descriptions: charts.map((svg) => document.getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent ?? ''),
          // The words drawn in each chart (axis titles, annotations, category ticks), as visible text.
          words: charts.map((svg) =>
            [...svg.querySelectorAll('text')]
              .filter((t) => /[a-z]{4}/.test(t.textContent ?? '') && t.getBoundingClientRect().width > 0)
              .map((t) => t.textContent),
          ),
        };
      });
      const names = [...(await page.locator('main').ariaSnapshot()).matchAll(/- img "([^"]*)"/g)].map((m) => m[1]);
      result[view] = {
        ...drawn,
        names,
        png,
        axe,
        minContrast: Math.round(minContrast * 100) / 100,
        background: colours.bg,
        height,
        requests,
        charts: await page.locator('section.chart svg[role="img"]').count(),
      };
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return result;
}
