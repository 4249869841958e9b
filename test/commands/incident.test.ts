import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { run, tempDir } from '../support/deps.js';
import { desk, deskConfig, deskScenario } from '../support/desk.js';
import { user } from '../support/scenario.js';
import { parseMarker } from '../../src/core/markers.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

// Mon Nov 30 2026, 09:00 Pacific: Grace (the token's user) is Primary, Edsger Backup.
const MON_0900 = '2026-11-30T17:00:00Z';

async function cli(args: string[], now: string, config: string, cache: string) {
  standin!.setClock(now);
  const r = await run(args, {
    now,
    env: { VISIT_SRE_CONFIG: config, XDG_CACHE_HOME: cache },
    github: { url: standin!.url, token: standin!.token },
  });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

describe('incidents for the next project meeting', () => {
  it('postmortem --incident reaches the desk thread with the incident recipients; the board and the handoff summary list it until its postmortem is linked', async () => {
    standin = await startStandin(
      deskScenario([{ ...user('u1', '2026-11-30T16:00:00Z', 'All engines crash at startup'), title: 'Every engine crashes on start' }]),
    );
    const config = deskConfig({ incident: { notify: ['primary', 'katherine-j'] } });
    const cache = tempDir();
    const r = await cli(['postmortem', '100', '--incident', '--json'], MON_0900, config, cache);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions.map((a: { kind: string; status: string }) => [a.kind, a.status])).toEqual([
      ['incident-mark', 'done'],
      ['incident', 'done'],
    ]);
    const notice = desk(standin).feed.find((c) => parseMarker(c.body)?.kind === 'incident')!;
    expect(notice.body).toMatch(/^\*\*Serious incident:\*\* \[#100\]\(.*\/discussions\/100\) Every engine crashes on start/);
    expect(notice.body).toMatch(/@grace-hopper @katherine-j\n/);
    expect(parseMarker(notice.body)).toMatchObject({
      kind: 'incident',
      number: 100,
      key: 'incident:https://github.com/visit-dav/visit/discussions/100',
    });
    // Marked on the discussion too, as bookkeeping: the clock still runs.
    const d = standin.store.snapshot()[0]!.discussions.find((x) => x.number === 100)!;
    expect(parseMarker(d.comments.at(-1)!.body)).toMatchObject({ kind: 'incident' });
    expect((await cli(['view', '100', '--json'], MON_0900, config, cache)).json().state).toBe('waiting-on-team');

    const n = await cli(['notify'], '2026-11-30T17:05:00Z', config, tempDir());
    expect(n.code, n.stderr).toBe(0);
    expect(desk(standin).body).toMatch(
      /### Incidents for the next project meeting \(1\)\n\n- \[#100\]\(.*\) Every engine crashes on start — postmortem not linked yet/,
    );
    const h = await cli(['handoff', '--dry-run'], '2026-12-04T23:00:00Z', config, tempDir());
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toMatch(
      /### Incidents for the next project meeting\n\n- \[#100\]\(.*\) Every engine crashes on start — postmortem not linked yet/,
    );

    const again = await cli(['postmortem', '100', '--incident', '--json'], '2026-11-30T17:10:00Z', config, tempDir());
    expect(again.json().actions.map((a: { status: string }) => a.status)).toEqual(['skipped', 'skipped']);

    const link = await cli(
      ['postmortem', '100', '--link', 'https://github.com/visit-dav/visit/wiki/PM-100', '--json'],
      '2026-12-01T17:00:00Z',
      config,
      tempDir(),
    );
    expect(link.code, link.stderr).toBe(0);
    const after = await cli(['handoff', '--dry-run'], '2026-12-04T23:00:00Z', config, tempDir());
    expect(after.stdout).toMatch(/### Incidents for the next project meeting\n\n_none_/);
    await cli(['notify'], '2026-12-01T17:05:00Z', config, tempDir());
    expect(desk(standin).body).not.toMatch(/Incidents for the next project meeting/);
  });

  it('--link for a discussion not marked as an incident, and a bad incident.notify entry, are usage errors', async () => {
    standin = await startStandin(deskScenario([{ ...user('u1', '2026-11-30T16:00:00Z'), title: 'Q' }]));
    const r = await cli(['postmortem', '100', '--link', 'https://x/pm'], MON_0900, deskConfig(), tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/#100 is not marked as an incident on the desk thread/);
    const bad = await cli(['postmortem', '100', '--incident'], MON_0900, deskConfig({ incident: { notify: ['everyone!'] } }), tempDir());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/config key "incident.notify\[0\]" must be primary, backup, team or a GitHub login/);
  });
});
