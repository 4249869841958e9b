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
}
export function inspectReport(
  htmlFile: string,
  o: { chromium: string; outDir: string; name?: string; width?: number },
): Promise<{ light: SchemeResult; dark: SchemeResult }>;
