/**
 * A simulated Monday-to-Monday week at the duty desk, shared by the plain run
 * and the one with faults and races. Pacific time (UTC-8 all week); Wed Dec 2
 * is a holiday; Grace is Primary and Edsger Backup, the week before Ada and
 * Barbara, the week after Katherine and Ada.
 */
import path from 'node:path';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import { team, user } from '../support/scenario.js';
import type { DiscussionSpec } from '../support/scenario.js';
import { deskConfig, deskScenario } from '../support/desk.js';
import { tempDir } from '../support/deps.js';

export const pst = (local: string) => Date.parse(`${local}-08:00`);
export const isoZ = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
export const START = pst('2026-11-30T00:00');
export const END = pst('2026-12-07T10:00');
export const TICK = 15 * 60_000;
export const calendar = makeBusinessCalendar({
  zone: 'America/Los_Angeles',
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  windows: ['08:00-12:00', '13:00-17:00'],
  holidays: ['2026-12-02'],
});

/**
 * What is there before the week starts: one of Ada's (never handed off, so off
 * duty all week and handed over with Grace's on Friday) and a Saturday question.
 */
export function weekScenario() {
  const before: DiscussionSpec[] = [
    {
      ...user('mroe', isoZ(pst('2026-11-25T10:00')), 'How do I color by a variable?'),
      number: 100,
      title: 'Pseudocolor by variable',
      comments: [team('ada-lovelace', isoZ(pst('2026-11-25T11:00')), 'Use Pseudocolor with the variable menu.')],
    },
    {
      ...user('jdoe', isoZ(pst('2026-11-28T14:00')), 'Saturday: the Silo reader crashes on my file'),
      number: 101,
      title: 'Silo reader crash',
    },
  ];
  return deskScenario(before);
}

export function weekConfig(): string {
  // Every category is in scope: one listing request per run instead of three keeps the 700 runs quick.
  return deskConfig({ holidays: { dates: ['2026-12-02'] }, discussions: { categories: [] } });
}

interface StoreLike {
  repos: Array<{ discussions: Array<{ number: number }> }>;
  addDiscussion(repo: unknown, spec: DiscussionSpec): unknown;
  addComment(d: unknown, spec: unknown): unknown;
}

export interface WeekEvent {
  at: number;
  what: string;
  apply(store: StoreLike): void;
}

const find = (store: StoreLike, n: number) => store.repos[0]!.discussions.find((d) => d.number === n)!;
const arrive = (at: string, number: number, who: string, title: string, body: string): WeekEvent => ({
  at: pst(at),
  what: `#${number} arrives`,
  apply: (s) => void s.addDiscussion(s.repos[0], { ...user(who, isoZ(pst(at)), body), number, title }),
});
const say = (at: string, number: number, spec: (iso: string) => object, what: string): WeekEvent => ({
  at: pst(at),
  what,
  apply: (s) => void s.addComment(find(s, number), spec(isoZ(pst(at)))),
});

/** The week's events, in order. */
export const EVENTS: WeekEvent[] = [
  arrive('2026-11-30T22:00', 102, 'night-owl', 'Build fails with gcc 14', 'It fails at night, of course'),
  say('2026-11-30T15:30', 101, (t) => team('grace-hopper', t, 'Could you attach the file?'), 'Grace answers #101'),
  say('2026-12-01T09:30', 102, (t) => team('grace-hopper', t, 'Use -fpermissive for now.'), 'Grace answers #102'),
  say('2026-12-01T10:00', 101, (t) => user('jdoe', t, 'Here it is'), 'jdoe follows up on #101'),
  say('2026-12-01T14:30', 101, (t) => team('grace-hopper', t, 'Fixed in 3.4.2.'), 'Grace answers #101 again'),
  arrive('2026-12-02T10:00', 103, 'holly', 'Python CLI question', 'Asked on the holiday'),
  say('2026-12-03T09:00', 103, (t) => team('edsger-d', t, 'See the CLI manual.'), 'Edsger answers #103'),
  arrive('2026-12-06T11:00', 104, 'sunny', 'Volume rendering artifacts', 'Asked on Sunday'),
].sort((a, b) => a.at - b.at);

/** Grace hands off on Friday afternoon, as the reminder asks. */
export const HANDOFF_AT = pst('2026-12-04T16:45');

/** Every notification of the week under the default policy: its key, recipients, and the tick it is due at. */
export const EXPECTED: Array<{ key: string; to: string[]; at: number }> = [
  { key: `101@${isoZ(pst('2026-11-28T14:00'))}:new`, to: ['grace-hopper'], at: pst('2026-11-30T08:00') },
  { key: 'shift@2026-11-30T08:00:00Z:missed-handoff', to: ['ada-lovelace', 'grace-hopper'], at: pst('2026-11-30T09:00') },
  { key: `101@${isoZ(pst('2026-11-28T14:00'))}:due-soon`, to: ['grace-hopper'], at: pst('2026-11-30T11:00') },
  // Due at 12:00, in the lunch hour: held until business hours resume at 13:00. The default
  // policy asks the owner and the acting Primary (both Grace here), never the Backup or the team.
  { key: `101@${isoZ(pst('2026-11-28T14:00'))}:overdue`, to: ['grace-hopper'], at: pst('2026-11-30T13:00') },
  { key: `102@${isoZ(pst('2026-11-30T22:00'))}:new`, to: ['grace-hopper'], at: pst('2026-12-01T08:00') },
  { key: `101@${isoZ(pst('2026-12-01T10:00'))}:due-soon`, to: ['grace-hopper'], at: pst('2026-12-01T14:00') },
  { key: `103@${isoZ(pst('2026-12-02T10:00'))}:new`, to: ['grace-hopper'], at: pst('2026-12-03T08:00') },
  { key: 'shift@2026-11-30T08:00:00Z:handoff-reminder', to: ['grace-hopper'], at: pst('2026-12-04T16:00') },
  { key: `104@${isoZ(pst('2026-12-06T11:00'))}:new`, to: ['katherine-j'], at: pst('2026-12-07T08:00') },
];

/** One calendar cache for the whole week, so each run reads the parsed rotation as a real machine would. */
export function sharedHome(): Record<string, string> {
  const home = tempDir('visit-sre-week-home-');
  return {
    HOME: home,
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
  };
}

export interface Tick {
  now: number;
  env: Record<string, string>;
}

/**
 * Drives the week: before each tick's runs, the events due by then reach the
 * stand-in and its clock moves to the tick. `notifyAt` runs `notify` (once,
 * twice, in-process or as processes) and returns how many of its runs failed.
 */
export async function driveWeek(
  standin: { store: unknown; setClock(iso: string): void },
  notifyAt: (tick: Tick) => Promise<void>,
  handoff: (tick: Tick) => Promise<void>,
): Promise<void> {
  const env = { VISIT_SRE_CONFIG: weekConfig(), ...sharedHome() };
  const store = standin.store as Parameters<WeekEvent['apply']>[0];
  let next = 0;
  for (let now = START; now <= END; now += TICK) {
    while (next < EVENTS.length && EVENTS[next]!.at <= now) EVENTS[next++]!.apply(store);
    standin.setClock(isoZ(now));
    if (now === HANDOFF_AT) await handoff({ now, env });
    await notifyAt({ now, env });
  }
}
