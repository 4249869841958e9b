import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { postmortemModel, postmortemValues } from '../../src/core/postmortem.js';
import { fillTemplate } from '../../src/core/template.js';
import { REPO_ROOT } from '../support/deps.js';
import { discussion, policyOf, weeks, ZONE } from '../support/domain.js';

const policy = policyOf(weeks(['ada', 'bob'], ['cho', 'dee']));
const NOW = Date.parse('2026-12-04T19:00:00Z');
const shipped = readFileSync(path.join(REPO_ROOT, 'templates', 'postmortem.md'), 'utf8');
const render = (d: ReturnType<typeof discussion>) =>
  fillTemplate(shipped, postmortemValues(postmortemModel(d, policy, NOW), ZONE, NOW), 'postmortem.md');

describe('postmortem words', () => {
  it('says the team never responded when nobody from the team did', () => {
    const text = render(
      discussion(9, { at: '2026-12-01T17:00:00Z', who: 'user1' }, [{ at: '2026-12-02T17:00:00Z', who: 'user1', body: 'anyone?' }]),
    );
    expect(text).toContain('first team response never: nobody from the team responded');
    expect(text).not.toMatch(/after no business hours/);
  });

  it("gives the first response's delay in business hours when the team did respond", () => {
    const text = render(discussion(9, { at: '2026-12-01T17:00:00Z', who: 'user1' }, [{ at: '2026-12-01T18:30:00Z', who: 'cho' }]));
    expect(text).toContain('first team response after 1.5 business hours');
  });
});
