import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { runBin } from '../support/bin.js';
import { ROTATION, TUESDAY, WEEK, WEEK_CONFIG } from '../support/week.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

// The in-process tests run jq from node_modules; the built bundle carries its own copy, which must load too.
describe('-q/--jq in the built binary', () => {
  it("overdue -q '.overdue[].url', as the README has it", async () => {
    standin = await startStandin(WEEK);
    standin.setClock(TUESDAY);
    const r = await runBin(['overdue', '-q', '.overdue[].url'], {
      env: { GITHUB_API_URL: standin.url, GH_TOKEN: standin.token, VISIT_SRE_CONFIG: WEEK_CONFIG, VISIT_SRE_NOW: TUESDAY },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('https://github.com/visit-dav/visit/discussions/101\n');
  });

  it('offline, on the shipped rotation', async () => {
    const r = await runBin(['who', '--calendar', ROTATION, '--jq', '[.primary.login, .backup.login] | join(" ")'], {
      env: { VISIT_SRE_NOW: TUESDAY },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('grace-hopper edsger-d\n');
  });
});
