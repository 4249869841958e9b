import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { runBin } from '../support/bin.js';
import { tempDir } from '../support/deps.js';
import { desk, deskConfig, deskScenario } from '../support/desk.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

// Mon Nov 30 2026, 09:00 Pacific: Grace Primary, Edsger Backup; the token is Grace's.
const NOW = '2026-11-30T17:00:00Z';

describe('away, delegate and who with a desk thread (the built bin)', () => {
  it('posts, reads back through the cache, and answers offline from it', async () => {
    standin = await startStandin(deskScenario([]));
    const config = deskConfig();
    const env = {
      GITHUB_API_URL: standin.url,
      GH_TOKEN: standin.token,
      VISIT_SRE_CONFIG: config,
      VISIT_SRE_NOW: NOW,
      XDG_CACHE_HOME: tempDir(),
    };
    const away = await runBin(['away', '--from', '2026-11-30T13:00', '--until', '2026-11-30T17:00', '--note', 'doctor'], { env });
    expect(away.code, away.stderr).toBe(0);
    const delegate = await runBin(['delegate', '--from', '2026-12-01T09:00', '--until', '2026-12-01T12:00', '--json'], { env });
    expect(delegate.code, delegate.stderr).toBe(0);
    expect(desk(standin).feed.map((c) => c.body.split('\n')[0])).toEqual([
      '**Away:** @grace-hopper will be away from their desk from Mon Nov 30, 13:00 PST until Mon Nov 30, 17:00 PST (4h of business hours).',
      "**Delegation proposed:** @grace-hopper asks @edsger-d to act as Primary from Tue Dec 1, 09:00 PST until Tue Dec 1, 12:00 PST. Nothing changes until @edsger-d accepts, with `visit-sre delegate --accept` (or `--decline`); then @edsger-d owns new inquiries and gets the Primary's notifications meanwhile.",
    ]);
    await standin.close();
    standin = undefined;
    // GitHub is gone; the cache written by the posts answers, a minute later.
    const who = await runBin(['who', '--at', '2026-11-30T14:00', '--json'], { env: { ...env, VISIT_SRE_NOW: '2026-11-30T17:01:00Z' } });
    expect(who.code, who.stderr).toBe(0);
    expect(who.stderr).toBe('');
    expect(JSON.parse(who.stdout)).toMatchObject({
      actingPrimary: { login: 'edsger-d', reason: 'primary-away' },
      away: [{ login: 'grace-hopper', note: 'doctor' }],
    });
    const tomorrow = await runBin(['who', '--at', '2026-12-01T10:00'], { env: { ...env, VISIT_SRE_NOW: '2026-11-30T17:01:00Z' } });
    // A proposal nobody accepted changes nothing (docs/process.md#delegation): the rota's Primary acts.
    expect(tomorrow.stdout).toMatch(/^acting-primary\tgrace-hopper\t/m);
    expect(tomorrow.stdout).not.toMatch(/^acting-primary\tedsger-d/m);
  });
});
