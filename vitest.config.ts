import { defineConfig } from 'vitest/config';

// Three projects, so that the everyday `npm test` stays under a minute on a
// 2-core machine while CI still runs everything (`npm run test:slow`):
// - fast: rules, commands in-process, the adapter against the stand-in; it needs
//   no build and waits on no real clock (docs/architecture.md#tests); one worker
//   reused across files (isolate: false) since these files keep no module state;
// - slow: everything that runs the built binary (e2e, pty terminal, races
//   between real processes, the simulated duty-desk weeks), the fault and
//   bad-input suites, property tests, the 161-calendar corpus under three host
//   zones, packaging, and the README's examples run as written;
// - browser: the stats report in headless Chromium (when installed), last
//   and alone, since its CPU would slow the timing-sensitive tests beside it.
const SLOW = [
  'test/stress/**/*.test.ts',
  'test/property/**/*.test.ts',
  'test/e2e/**/*.test.ts',
  'test/commands/readme.test.ts',
  'test/unit/calendarCorpus.test.ts',
  'test/commands/writerFaults.test.ts',
];
const BROWSER = ['test/e2e/statsReport.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/support/tmpRoot.ts'],
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...SLOW, ...BROWSER], isolate: false } },
      { extends: true, test: { name: 'slow', include: SLOW, exclude: BROWSER } },
      { extends: true, test: { name: 'browser', include: BROWSER, sequence: { groupOrder: 1 } } },
    ],
  },
});
