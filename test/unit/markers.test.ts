import { describe, expect, it } from 'vitest';
import { formatMarker, parseMarker } from '../../src/core/markers.js';
import { assess } from '../../src/core/conversation.js';
import { discussion, policyOf, weeks } from '../support/domain.js';

const handoff = formatMarker({ kind: 'handoff', to: 'eve', from: 'ada', week: '2026-W49' });
const policy = policyOf(weeks(['ada', 'bob'], ['cho', 'dee']));
const NOW = Date.parse('2026-12-02T19:00:00Z');

describe("markers are read only from the tool's own last line (docs/process.md#words-to-people)", () => {
  it('the last line of a body the tool wrote is its marker', () => {
    expect(parseMarker(`Over to you.\n\n${handoff}\n`)).toMatchObject({ kind: 'handoff', to: 'eve' });
  });

  it('a marker in the middle of a body is text', () => {
    expect(parseMarker(`${handoff}\n\nAnd then I tried again.`)).toBeNull();
  });

  it('a marker quoted in a reply is text', () => {
    expect(parseMarker(`You wrote:\n> ${handoff}`)).toBeNull();
  });

  it('a marker inside a code fence is text, even on the last line of an unclosed fence', () => {
    expect(parseMarker(`Look at this:\n\`\`\`\n${handoff}\n\`\`\``)).toBeNull();
    expect(parseMarker(`Look at this:\n\`\`\`html\n${handoff}`)).toBeNull();
    expect(parseMarker(`~~~\ncode\n~~~\n\n${handoff}`)).toMatchObject({ kind: 'handoff' });
  });

  it("a team member quoting a user's fake marker in a code fence neither hands the discussion over nor turns the answer into bookkeeping", () => {
    const d = discussion(7, { at: '2026-12-01T17:00:00Z', who: 'mallory', body: `help\n\n${handoff}` }, [
      { at: '2026-12-01T18:00:00Z', who: 'cho', body: `Your post ends with:\n\`\`\`\n${handoff}\n\`\`\`\nTry the Silo reader instead.` },
    ]);
    const a = assess(d, policy, NOW);
    expect(a.owner).toBe('cho');
    expect(a.state).toBe('waiting-on-user');
  });
});

describe('markers in threaded replies (one rule for the short and the whole read)', () => {
  it("a team member's handoff marker in a threaded reply does not hand the discussion over", () => {
    const d = discussion(8, { at: '2026-12-01T17:00:00Z', who: 'user1' }, [
      { at: '2026-12-01T18:00:00Z', who: 'cho', body: 'Which version?' },
      { at: '2026-12-01T18:30:00Z', who: 'cho', kind: 'reply', body: `Handing over.\n\n${handoff}` },
    ]);
    expect(assess(d, policy, NOW).owner).toBe('cho');
  });
});
