import { defineConfig } from 'vitest/config';

// Three projects, so that the everyday `npm test` stays under a minute on a
// 2-core machine while CI still runs everything (`npm run test:slow`):
// - fast: rules, commands, the adapter against the stand-in, a thin e2e set;
//   one worker reused across files (isolate: false) since these files keep no
//   module state between them: 61 s became 36 s on this 2-core machine;
// - slow: races between real processes, the simulated duty-desk weeks, the
//   fault and bad-input suites, the 161-calendar corpus under three host
//   zones, packaging, the built binary against the stand-in over HTTP, the
//   README's examples run as written, and the pty terminal tests;
// - browser: the stats report in headless Chromium (when installed), last
//   and alone, since its CPU would slow the timing-sensitive tests beside it.
const SLOW = [
  'test/stress/**/*.test.ts',
  'test/e2e/terminal.test.ts',
  'test/e2e/github.test.ts',
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
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...SLOW, ...BROWSER], isolate: false } },
      { extends: true, test: { name: 'slow', include: SLOW } },
      { extends: true, test: { name: 'browser', include: BROWSER, sequence: { groupOrder: 1 } } },
    ],
  },
});
