export function findChromium(env?: Record<string, string | undefined>): string | null;
export function renderReport(o: {
  scenario: string | object;
  html: string;
  since: string;
  until: string;
  now: string;
  config?: string;
  extraArgs?: string[];
}): Promise<{ code: number | null; stdout: string; stderr: string; ms: number; listing: number; requests: number }>;
export interface SchemeResult {
  png: string;
  axe: Array<{ id: string; impact: string | null; help: string; nodes: number; target?: string }>;
  minContrast: number;
  background: number[];
  height: number;
  requests: string[];
  charts: number;
  /** how many px the page scrolls sideways (0: it fits the window) */
  sideways: number;
  /** the smallest chart text as drawn on screen, in CSS px */
  minChartFontPx: number;
  /** each chart's accessible name, as Chromium computes it */
  names: string[];
  /** each chart's accessible description (its SVG <desc>) */
  descriptions: string[];
  /** each chart's drawn words (axis titles, annotations, category ticks), as visible text */
  words: string[][];
}
export function inspectReport(
  htmlFile: string,
  o: { chromium: string; outDir: string; name?: string; width?: number; narrow?: number },
): Promise<{ light: SchemeResult; dark: SchemeResult; narrow: SchemeResult }>;
