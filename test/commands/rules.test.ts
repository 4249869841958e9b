import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run } from '../support/deps.js';
import { deskConfig, deskScenario, mutations } from '../support/desk.js';
import { user } from '../support/scenario.js';

/**
 * The process's rules of engagement (docs/process.md#rules-of-engagement),
 * end to end against the stand-in. The week of Mon Nov 30 2026: Grace is
 * Primary and Edsger Backup; the week before, Ada and Barbara.
 */
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function cli(args: string[], now: string, config: string, env: Record<string, string> = {}) {
  standin?.setClock(now);
  const r = await run(args, { now, env: { VISIT_SRE_CONFIG: config, ...env }, github: { url: standin!.url, token: standin!.token } });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

/** Every login @mentioned by what was ever posted (deleted or edited later, a mention was still delivered). */
function mentioned(s: Standin): string[] {
  const bodies = mutations(s).flatMap((e) => Object.values(e.variables ?? {}).filter((v): v is string => typeof v === 'string'));
  return [...new Set(bodies.flatMap((b) => [...b.matchAll(/(?<![\w\u200b])@([A-Za-z0-9-]+)/g)].map((m) => m[1]!)))].sort();
}

/** The README's paging policy, as a team would copy it into its config. */
function readmePagingPolicy(): unknown {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```json\n("escalation": \[[\s\S]*?\])\n```/g)].map((m) => JSON.parse(`{${m[1]}}`).escalation);
  const paging = blocks.find((b: Array<{ notify: string[] }>) => b.some((r) => r.notify.includes('backup')));
  expect(paging, 'the README shows a paging policy').toBeDefined();
  return paging;
}

describe('notify asks nobody the Primary did not ask for (SPEC §9, §12.1)', () => {
  // Tuesday 09:00: #100 is five business hours overdue, #101 due within the hour, #102 new; nobody answered yet.
  const morning = () =>
    deskScenario([
      { ...user('jdoe', '2026-11-30T16:30:00Z', 'Silo reader crashes'), title: 'Silo crash', category: 'help-using-visit' },
      { ...user('mroe', '2026-11-30T23:00:00Z', 'Mesh question'), title: 'Mesh', category: 'help-using-visit' },
      { ...user('kim', '2026-12-01T16:15:00Z', 'Build fails'), title: 'Build', category: 'help-building-visit' },
    ]);
  const TUE_0900 = '2026-12-01T17:00:00Z';

  it('with the default policy, a morning run asks only the acting Primary', async () => {
    standin = await startStandin(morning());
    const r = await cli(['notify', '--json'], TUE_0900, deskConfig());
    expect(r.code, r.stderr).toBe(0);
    const sent = r.json().notifications.map((n: { key: string; to: string[] }) => [n.key.replace(/@.*:/, ':'), n.to]);
    expect(sent).toEqual(
      expect.arrayContaining([
        ['100:overdue', ['grace-hopper']],
        ['101:due-soon', ['grace-hopper']],
        ['102:new', ['grace-hopper']],
      ]),
    );
    expect(mentioned(standin)).toEqual(['grace-hopper']);
  });

  it("a team's paging policy, copied from the README, still asks the Backup and then the team", async () => {
    standin = await startStandin(morning());
    const r = await cli(['notify', '--json'], TUE_0900, deskConfig({ escalation: readmePagingPolicy() }));
    expect(r.code, r.stderr).toBe(0);
    // Both stages hold at once: one line, at the more urgent (the team), covering the Backup's.
    const lines = r.json().notifications.filter((n: { key: string }) => n.key.startsWith('100@'));
    expect(lines).toHaveLength(1);
    expect(lines[0].key).toMatch(/:overdue\+2h$/);
    expect(lines[0].to).toHaveLength(6);
    expect(lines[0].covers.some((k: string) => k.endsWith(':overdue'))).toBe(true);
    expect(mentioned(standin)).toEqual(['ada-lovelace', 'alan-turing', 'barbara-l', 'edsger-d', 'grace-hopper', 'katherine-j']);
  });
});
