import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { memoryGitHub } from '../support/memoryGitHub.js';
import { scenario } from '../support/scenario.js';
import { OperationalError } from '../../src/core/errors.js';

const NOW = '2026-12-01T19:00:00Z';
let gh: ReturnType<typeof memoryGitHub> | undefined;
afterEach(() => {
  gh?.verify();
  gh = undefined;
});

/** A team whose inquiries carry the "support" label. */
function labelled(): string {
  const file = path.join(tempDir(), 'visit-sre.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      repository: 'visit-dav/visit',
      discussions: { label: 'support' },
      rotation: path.join(REPO_ROOT, 'schedules', 'rotation.ics'),
      team: path.join(REPO_ROOT, 'schedules', 'team.json'),
    }),
  );
  return file;
}
const outbox = (state: string) =>
  existsSync(path.join(state, 'visit-sre', 'outbox')) ? readdirSync(path.join(state, 'visit-sre', 'outbox')) : [];

describe('sync completes every step of an inquiry', () => {
  it('a logged call whose label could not be added is labelled by sync, not skipped as "already on GitHub"', async () => {
    gh = memoryGitHub(scenario([]), { now: NOW });
    const state = tempDir('visit-sre-state-');
    const sre = async (args: string[]) => {
      const r = await run(args, { now: NOW, env: { VISIT_SRE_CONFIG: labelled(), XDG_STATE_HOME: state }, githubPort: gh!.port });
      return { ...r, json: () => JSON.parse(r.stdout) };
    };
    gh.expectWrite('createDiscussion', { body: /"kind":"contact"/ });
    gh.expectWrite('addLabels', { outcome: new OperationalError('adding a label: GitHub answered 502, after retries') });
    const call = await sre(['log-call', '--via', 'hotline', '--title', 'Silo', '--body', 'old files', '--json']);
    expect(call.code, call.stderr).toBe(0);
    expect(call.json().actions[0]).toMatchObject({ status: 'queued' });
    expect(outbox(state)).toHaveLength(1);
    const created = gh.store.snapshot()[0]!.discussions.find((d) => d.title === 'Silo')!;
    expect(created.labels).toEqual([]);

    gh.expectWrite('addLabels', { number: created.number });
    const s = await sre(['sync', '--json']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.json().actions).toEqual([
      {
        kind: 'sync',
        number: created.number,
        url: expect.stringMatching(/discussions\/\d+$/),
        status: 'done',
        reason: 'completed what an earlier attempt began: added the "support" label',
      },
    ]);
    expect(gh.discussion(created.number).labels).toEqual(['support']);
    expect(outbox(state)).toHaveLength(0);
  });
});
