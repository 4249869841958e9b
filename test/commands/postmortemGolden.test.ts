import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { REPO_ROOT } from '../support/deps.js';

/**
 * The postmortem golden file (test/commands/postmortem.test.ts compares the
 * tool's output with it, and UPDATE_GOLDEN rewrites it) checked against facts
 * worked out here, without the tool's code: the scenario's times, a
 * minute-by-minute count of business hours, and the effort in its markers. A
 * golden file rewritten from a wrong output fails here.
 */
const GOLDEN = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'golden', 'postmortem-4321.md'), 'utf8');
const ZONE = 'America/Los_Angeles';
/** The scenario's clock: minutes after the question, as in postmortem.test.ts. */
const at = (min: number) => Date.parse('2026-11-09T16:30:00Z') + min * 60_000;
const FACTS = {
  question: at(0),
  firstResponse: at(180),
  escalation: at(400),
  handoff: at(9000),
  promotion: at(9500),
  answer: at(10000),
  effortMinutes: 30 + 15 + 45, // escalation, handoff, promotion markers
};

/** Business minutes in [from, to): Monday to Friday, 08–12 and 13–17 Pacific, minus Veterans Day (Wed Nov 11 2026, 5 U.S.C. 6103). */
function businessHours(from: number, to: number): number {
  let minutes = 0;
  for (let t = from; t < to; t += 60_000) {
    const local = DateTime.fromMillis(t, { zone: ZONE });
    const hm = local.hour * 60 + local.minute;
    if (local.toISODate() === '2026-11-11') continue;
    if (local.weekday <= 5 && ((hm >= 480 && hm < 720) || (hm >= 780 && hm < 1020))) minutes++;
  }
  return minutes / 60;
}

function section(title: string): string[] {
  const body = GOLDEN.split(/^## /m).find((s) => s.startsWith(`${title}\n`));
  return (body ?? '').split('\n').filter((l) => l.startsWith('- '));
}

describe('the postmortem golden file, checked independently', () => {
  it("dates every milestone at the scenario's instant, in the team's zone, in order", () => {
    const milestones = section('Key milestones').map((line) => {
      const m = /^- (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) (PST|PDT): (.*)$/.exec(line)!;
      expect(m, line).not.toBeNull();
      return { at: DateTime.fromFormat(m[1]!, 'yyyy-MM-dd HH:mm', { zone: ZONE }).toMillis(), what: m[3]! };
    });
    expect(milestones.map((m) => [m.at, m.what.split(':')[0]!.split(' by ')[0]!.split(' from ')[0]!.split(' to ')[0]])).toEqual([
      [FACTS.question, 'First contact'],
      [FACTS.firstResponse, 'First team response'],
      [FACTS.escalation, 'Escalated'],
      [FACTS.handoff, 'Handed off'],
      [FACTS.promotion, 'Promoted'],
      [FACTS.answer, 'Answer marked'],
    ]);
  });

  it('counts business hours as a minute-by-minute count does', () => {
    const first = businessHours(FACTS.question, FACTS.firstResponse);
    const open = businessHours(FACTS.question, FACTS.answer);
    expect([first, open]).toEqual([3, 31.5]);
    expect(section('Resources spent')).toContain(`- Open for ${open} business hours; first team response after ${first} business hours`);
    expect(section('Key milestones').find((l) => l.includes('First team response'))).toMatch(new RegExp(`after ${first} business hours$`));
  });

  it('sums the effort recorded in the markers', () => {
    const h = Math.floor(FACTS.effortMinutes / 60);
    const m = FACTS.effortMinutes % 60;
    expect(section('Resources spent')).toContain(`- Recorded effort: ${h}h${m ? `${m}m` : ''}`);
  });

  it('names every participant once, the team marked, and the promoted issue', () => {
    expect(GOLDEN).toMatch(/^- Participants: @ada-lovelace \(team\), @alan-turing \(team\), @edsger-d \(team\), @hpc-user$/m);
    expect(section('Resources spent')).toContain('- Long-term fix (promoted issues): https://github.com/visit-dav/visit/issues/900');
    expect(GOLDEN.startsWith('# Postmortem: Engine crash on a 2 TB Exodus file (#4321)\n')).toBe(true);
  });
});
