import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { run, tempDir } from '../support/deps.js';
import { desk, deskConfig, deskScenario } from '../support/desk.js';
import { parseMarker } from '../../src/core/markers.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

// Mon Nov 30 2026: Grace is Primary, Edsger Backup. The default token is Katherine's, who is neither.
const MON_0900 = '2026-11-30T17:00:00Z';

async function cli(args: string[], now: string, config: string, token?: string) {
  standin!.setClock(now);
  const r = await run(args, {
    now,
    env: { VISIT_SRE_CONFIG: config, XDG_STATE_HOME: tempDir(), XDG_CACHE_HOME: tempDir() },
    github: { url: standin!.url, token: token ?? standin!.token },
  });
  return { ...r, json: () => JSON.parse(r.stdout) };
}
const reminders = () => desk(standin!).keys.filter((k) => k.startsWith('contact-reminder:'));

describe('contact confirmed: the three-way handoff', () => {
  it('a contact Katherine received waits on Grace; notify reminds Grace once after a business hour; --confirm by Grace records the handoff and stops it', async () => {
    const s = deskScenario([]);
    (s as { viewer: string }).viewer = 'katherine-j';
    (s as { tokens?: Record<string, string> }).tokens = { 'grace-token': 'grace-hopper' };
    standin = await startStandin(s);
    const config = deskConfig();
    const logged = await cli(
      ['log-call', '--via', 'hotline', '--title', 'Licence question', '--body', 'Can we run VisIt on site X?', '--json'],
      MON_0900,
      config,
    );
    expect(logged.code, logged.stderr).toBe(0);
    const number = logged.json().actions[0].number as number;
    const view = await cli(['view', String(number), '--json'], '2026-11-30T17:10:00Z', config);
    expect(view.json().awaitingContact).toEqual({ owner: 'grace-hopper', receiver: 'katherine-j' });

    // Half an hour on: too early.
    expect((await cli(['notify'], '2026-11-30T17:30:00Z', config)).code).toBe(0);
    expect(reminders()).toEqual([]);
    // After one business hour: one reminder, to Grace.
    const n = await cli(['notify', '--json'], '2026-11-30T18:05:00Z', config);
    expect(n.code, n.stderr).toBe(0);
    expect(n.json().notifications.filter((x: { when: string }) => x.when === 'contact-reminder')).toMatchObject([
      { to: ['grace-hopper'], status: 'done' },
    ]);
    const line = desk(standin).feed.find((c) => c.keys.some((k) => k.startsWith('contact-reminder:')))!.body;
    expect(line).toMatch(new RegExp(`📞 \\[#${number}\\].*log-call --confirm ${number}\`? → @grace-hopper`));
    // Later runs do not remind again: counted from every desk comment ever posted, not only what is left.
    await cli(['notify'], '2026-11-30T19:30:00Z', config);
    await cli(['notify'], '2026-11-30T21:30:00Z', config);
    // What delivered the @mention: the comments posted with the reminder's line (a reservation note carries only its key).
    const posted = standin.log.filter((e) => e.kind === 'mutation' && /📞.*@grace-hopper/.test(String(e.variables?.body ?? '')));
    expect(posted).toHaveLength(1);

    // Grace reached the customer.
    const c = await cli(['log-call', '--confirm', String(number), '--json'], '2026-11-30T22:00:00Z', config, 'grace-token');
    expect(c.code, c.stderr).toBe(0);
    expect(c.json().actions.map((a: { kind: string; status: string }) => [a.kind, a.status])).toEqual([
      ['contact-confirmed', 'done'],
      ['contact-confirmed', 'done'],
    ]);
    const d = standin.store.snapshot()[0]!.discussions.find((x) => x.number === number)!;
    expect(parseMarker(d.comments.at(-1)!.body)).toMatchObject({
      kind: 'contact-confirmed',
      owner: 'grace-hopper',
      receiver: 'katherine-j',
    });
    expect((await cli(['view', String(number), '--json'], '2026-11-30T22:05:00Z', config)).json().awaitingContact).toBeNull();
    const again = await cli(['log-call', '--confirm', String(number), '--json'], '2026-11-30T22:10:00Z', config, 'grace-token');
    expect(again.json().actions.map((a: { status: string }) => a.status)).toEqual(['skipped', 'skipped']);
  });

  it('--confirm on an inquiry nobody redirected is a usage error', async () => {
    standin = await startStandin(deskScenario([]));
    const config = deskConfig();
    const logged = await cli(['log-call', '--via', 'hotline', '--title', 'Q', '--body', 'B', '--json'], MON_0900, config);
    const r = await cli(['log-call', '--confirm', String(logged.json().actions[0].number)], MON_0900, config);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a contact that someone other than its owner received/);
  });
});
