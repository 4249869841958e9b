import { describe, expect, it } from 'vitest';
import type { KeyedEntry } from '../../src/core/keyed.js';
import { markerKeys, mentions, RESERVE_TTL_MS, reservedUnits, settle } from '../../src/core/keyed.js';
import { formatMarker, parseMarker } from '../../src/core/markers.js';

const NOW = Date.parse('2026-11-30T17:00:00Z');
let seq = 0;
const entry = (kind: 'notify' | 'reserve' | 'handoff', keys: string[], at = NOW, extra: Record<string, unknown> = {}): KeyedEntry => {
  const fields = kind === 'handoff' ? { key: keys[0] } : { keys };
  const body = `${keys.map((k) => `- line for ${k}`).join('\n')}\n\n${formatMarker({ kind, ...fields, ...extra })}`;
  return { id: `c${++seq}`, createdAt: at, body, marker: parseMarker(body) };
};

describe('keyed writes converge (docs/architecture.md#keyed-writes-converge)', () => {
  it('a write keeps its keys alone; a later copy removes itself; one with some taken drops those', () => {
    const a = entry('notify', ['1@x:new', '2@x:new']);
    const b = entry('notify', ['1@x:new']);
    const c = entry('notify', ['2@x:new', '3@x:new']);
    expect(settle([a, b, c], a.id)).toEqual({ action: 'keep', kept: ['1@x:new', '2@x:new'] });
    expect(settle([a, b, c], b.id)).toEqual({ action: 'delete' });
    const edit = settle([a, b, c], c.id);
    expect(edit).toMatchObject({ action: 'edit', kept: ['3@x:new'] });
    expect((edit as { body: string }).body).not.toContain('line for 2@x:new');
  });

  it('copies further apart than the window are separate writes, and a reservation never takes a key from a post', () => {
    const first = entry('handoff', ['k'], NOW - 3_600_000);
    const again = entry('handoff', ['k'], NOW);
    expect(settle([first, again], again.id, 15 * 60_000)).toMatchObject({ action: 'keep' });
    expect(settle([first, again], again.id)).toEqual({ action: 'delete' });
    expect(settle([entry('reserve', ['k']), again], again.id)).toMatchObject({ action: 'keep' });
  });

  it('reads one key or many from a marker', () => {
    expect(markerKeys(entry('handoff', ['k']).marker)).toEqual(['k']);
    expect(markerKeys(entry('notify', ['a', 'b']).marker)).toEqual(['a', 'b']);
    expect(markerKeys(null)).toEqual([]);
  });
});

describe('reservations: mentions are posted by one run only (docs/process.md#concurrency)', () => {
  const units = [['7@x:overdue', '7@x:new'], ['8@x:new']];

  it('the earliest reservation wins every unit; a later one wins none of the units it shares', () => {
    const a = entry('reserve', units.flat());
    const b = entry('reserve', ['8@x:new']);
    expect(reservedUnits([a, b], a.id, units, NOW)).toEqual(units);
    expect(reservedUnits([a, b], b.id, [['8@x:new']], NOW)).toEqual([]);
  });

  it('a unit is lost as a whole when any of its keys was posted, wherever in the thread', () => {
    const mine = entry('reserve', units.flat());
    const posted = entry('notify', ['7@x:new'], NOW + 1000);
    expect(reservedUnits([mine, posted], mine.id, units, NOW)).toEqual([['8@x:new']]);
  });

  it('a reservation older than its time to live is a run that died: it holds nothing', () => {
    const dead = entry('reserve', ['8@x:new'], NOW - RESERVE_TTL_MS - 1);
    const mine = entry('reserve', ['8@x:new']);
    expect(reservedUnits([dead, mine], mine.id, [['8@x:new']], NOW)).toEqual([['8@x:new']]);
    const alive = entry('reserve', ['8@x:new'], NOW - 60_000);
    expect(reservedUnits([alive, mine], mine.id, [['8@x:new']], NOW)).toEqual([]);
  });

  it('a run that cannot see its own reservation wins nothing', () => {
    expect(reservedUnits([entry('notify', ['9@x:new'])], 'gone', [['8@x:new']], NOW)).toEqual([]);
  });

  it('tells a body that @mentions someone from one that only quotes an address or a key', () => {
    expect(mentions('- #7 Silo crash → @grace-hopper')).toBe(true);
    expect(mentions('@ada away from her desk')).toBe(true);
    expect(mentions('mail jane@lab.gov, see `@ada`, key 7@2026-11-30T17:00:00Z, title @\u200bteam')).toBe(false);
  });
});
