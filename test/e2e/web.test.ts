import { describe, expect, it } from 'vitest';
import { runBin } from '../support/bin.js';
import { WEEK_CONFIG } from '../support/week.js';

const PAGE = 'https://github.com/visit-dav/visit/discussions';
const start = (env: Record<string, string>) =>
  runBin(['start', '--web'], { env: { VISIT_SRE_CONFIG: WEEK_CONFIG, GH_TOKEN: 'unused', ...env } });

// The real opener, with programs that open nothing: `true` and `false` as $BROWSER, or no display at all.
describe('--web with the system opener', () => {
  it('an opener that succeeds: "Opening URL in your browser." and exit 0', async () => {
    const r = await start({ BROWSER: 'true' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`Opening ${PAGE} in your browser.\n`);
    expect(r.stdout).toBe('');
  });

  it('an opener that fails: nothing opened, the URL to open by hand, exit 1', async () => {
    const r = await start({ BROWSER: 'false' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: no browser opened: false exited with code 1\nopen ${PAGE} yourself\n`);
  });

  it.runIf(process.platform === 'linux')('no display and no $BROWSER: nothing is started, and it says so', async () => {
    const r = await start({});
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: no browser opened: no display and no $BROWSER\nopen ${PAGE} yourself\n`);
  });

  it('an opener that is not installed', async () => {
    const r = await start({ BROWSER: 'no-such-browser-visit-sre' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: no browser opened: no-such-browser-visit-sre is not installed\nopen ${PAGE} yourself\n`);
  });
});
