import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBusinessTime } from '../../src/core/businessTime.js';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { run } from '../support/deps.js';
import { desk, mutations } from '../support/desk.js';
import { parseMarker } from '../../src/core/markers.js';
import { calendar, driveWeek, EXPECTED, isoZ, pst, weekScenario } from './deskWeek.js';

/**
 * The duty desk over a simulated week: `notify` every 15 minutes, Monday
 * 00:00 to the next Monday 10:00, with the stand-in's clock moving with
 * VISIT_SRE_NOW. Everything is asserted from what reached the stand-in.
 */
describe('a week at the duty desk', () => {
  let standin: Standin;
  const writesAt = new Map<number, number>();
  const postedAt = new Map<string, number>();
  const failures: string[] = [];

  beforeAll(async () => {
    standin = await startStandin(weekScenario());
    const gh = { url: standin.url, token: standin.token };
    await driveWeek(
      standin,
      async ({ now, env }) => {
        const before = mutations(standin).length;
        const r = await run(['notify', '--json'], { now: isoZ(now), env, github: gh });
        if (r.code !== 0) failures.push(`${isoZ(now)}: exit ${r.code} ${r.stderr}`);
        writesAt.set(now, mutations(standin).length - before);
        for (const n of JSON.parse(r.stdout).notifications) if (n.status === 'done') postedAt.set(n.key, now);
      },
      async ({ now, env }) => {
        const h = await run(['handoff', '--yes', '--json'], { now: isoZ(now), env, github: gh });
        if (h.code !== 0) failures.push(`handoff: ${h.stderr}`);
      },
    );
  }, 120_000);

  afterAll(async () => {
    await standin?.close();
  });

  it('every run succeeded', () => {
    expect(failures).toEqual([]);
  });

  it('each notification went out exactly once, to the right people, at the expected run', () => {
    const feed = desk(standin).feed.filter((c) => c.keys.length);
    const keys = feed.flatMap((c) => c.keys);
    expect(keys).toEqual(EXPECTED.map((e) => e.key));
    for (const e of EXPECTED) {
      const comment = feed.find((c) => c.keys.includes(e.key))!;
      const line = comment.body.split('\n').filter((l) => l.startsWith('- '))[comment.keys.indexOf(e.key)]!;
      expect(line.split(' → ')[1]!.split(' ').sort(), e.key).toEqual(e.to.map((l) => `@${l}`).sort());
      expect(isoZ(postedAt.get(e.key)!), e.key).toBe(isoZ(e.at));
    }
  });

  it('nothing was posted outside business hours', () => {
    const comments = standin.store.thread('visit-dav/visit', 1)!.comments;
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) expect(isBusinessTime(calendar, Date.parse(c.createdAt)), c.createdAt).toBe(true);
  });

  it('the default policy paged nobody: every line asks only the owner or the acting Primary, never the Backup or the team', () => {
    const lines = desk(standin).feed.flatMap((c) => c.body.split('\n').filter((l) => l.startsWith('- ')));
    expect(lines.length).toBe(EXPECTED.length);
    expect(lines.filter((l) => / → .*@edsger-d/.test(l))).toEqual([]);
    const overdue = lines.find((l) => /overdue by \d+(\.\d)? business (h|min), was due Mon Nov 30 12:00/.test(l))!;
    expect(overdue.split(' → ')[1]).toBe('@grace-hopper');
  });

  it('runs with nothing new made no write at all: every night, the holiday and the weekend', () => {
    const quiet = [...writesAt].filter(([t, w]) => w === 0 && !isBusinessTime(calendar, t));
    expect(quiet.length).toBeGreaterThan(400);
    expect(writesAt.get(pst('2026-12-01T03:00'))).toBe(0);
    expect(writesAt.get(pst('2026-12-02T10:15'))).toBe(0); // holiday, after the arrival's board update
    expect(writesAt.get(pst('2026-12-05T12:00'))).toBe(0);
    const total = [...writesAt.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(60);
  });

  it("Friday's handoff took Ada's #100 too, off duty all week, once, to Katherine", () => {
    const d100 = standin.store.snapshot()[0]!.discussions.find((d) => d.number === 100)!;
    const handoffs = d100.comments.map((c) => parseMarker(c.body)).filter((m) => m?.kind === 'handoff');
    expect(handoffs).toEqual([expect.objectContaining({ from: 'grace-hopper', to: 'katherine-j', owner: 'ada-lovelace' })]);
  });

  it('the board at the end shows the new shift, the queue by owner, and kept the team text', () => {
    const body = desk(standin).body;
    expect(body.startsWith('Pinned by the support team.')).toBe(true);
    expect(body).toMatch(/\*\*On duty:\*\* Primary \[katherine-j\]\(https:\/\/github.com\/katherine-j\) · Backup \[ada-lovelace\]/);
    expect(body).toMatch(/\*\*1\*\* waiting on us \(\*\*0\*\* overdue, \*\*0\*\* due soon\) · \*\*4\*\* waiting on users/);
    // Grace's handoff took Ada's #100 too (Ada was off duty all week, docs/process.md#off-duty-owners): all four are Katherine's now.
    expect(body).not.toMatch(/Owned by someone off duty/);
    expect(body).toMatch(
      /### katherine-j \(1 waiting, 4 waiting on users\)\n\n\| # \| title \| state \| due \(America\/Los_Angeles\) \| clock \|\n\| - \| - \| - \| - \| - \|\n\| \[#104\]\(https:\/\/github.com\/visit-dav\/visit\/discussions\/104\) \| Volume rendering artifacts \| 🟡 waiting on us \| Mon Dec 7 12:00 \| \|\n/,
    );
    expect(body).not.toMatch(/Not handed off/);
    expect(body.match(/<!-- visit-sre board -->/g)).toHaveLength(1);
  });
});
