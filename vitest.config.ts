import { defineConfig } from 'vitest/config';

// The browser test (headless Chromium, when installed) runs after every other
// file, alone: its CPU would otherwise slow the timing-sensitive tests beside it.
const BROWSER = ['test/e2e/statsReport.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: BROWSER } },
      { extends: true, test: { name: 'browser', include: BROWSER, sequence: { groupOrder: 1 } } },
    ],
  },
});
