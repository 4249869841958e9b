/** Builders for duty-desk tests: a scenario with a desk thread, a config pointing at it, and readers of what reached it. */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { DiscussionSpec } from './scenario.js';
import { scenario } from './scenario.js';
import { REPO_ROOT, tempDir } from './deps.js';
import type { Standin } from './standin/server.mjs';

export const DESK_NUMBER = 1;
export const DESK_BODY = 'Pinned by the support team. Questions about the rota: ask in #support.\n';

/** The VisIt scenario with issue #1 as the desk thread (its body holds team text the board must keep). */
export function deskScenario(
  discussions: DiscussionSpec[],
  deskComments: Array<{ author: string; body: string; createdAt: string; association?: string }> = [],
) {
  const s = scenario(discussions.map((d, i) => ({ number: 100 + i, ...d })));
  s.repositories[0]!.issues.push({
    number: DESK_NUMBER,
    title: 'Support desk',
    labels: [],
    body: DESK_BODY,
    comments: deskComments,
  } as never);
  return s;
}

/** A config file in a fresh folder: the shipped rotation and team, the desk thread, and `extra` on top. */
export function deskConfig(extra: Record<string, unknown> = {}): string {
  const dir = tempDir('visit-sre-desk-');
  const file = path.join(dir, 'visit-sre.config.json');
  const { desk, ...rest } = extra as { desk?: Record<string, unknown> };
  writeFileSync(
    file,
    JSON.stringify({
      repository: 'visit-dav/visit',
      rotation: path.join(REPO_ROOT, 'schedules', 'rotation.ics'),
      team: path.join(REPO_ROOT, 'schedules', 'team.json'),
      desk: { thread: `visit-dav/visit#${DESK_NUMBER}`, ...desk },
      ...rest,
    }),
  );
  return file;
}

export interface FeedComment {
  author: string | null;
  body: string;
  keys: string[];
}

/** The desk thread as it stands: its body and its notify comments with their keys. */
export function desk(standin: { store: Pick<Standin['store'], 'thread'> }) {
  const t = standin.store.thread('visit-dav/visit', DESK_NUMBER)!;
  const feed: FeedComment[] = t.comments.map((c) => {
    const m = /<!-- visit-sre (\{.*\}) -->\s*$/.exec(c.body);
    const marker = m ? (JSON.parse(m[1]!) as { kind: string; keys?: string[] }) : null;
    return { author: c.author, body: c.body, keys: marker?.kind === 'notify' ? (marker.keys ?? []) : [] };
  });
  return { body: t.body, feed, keys: feed.flatMap((c) => c.keys) };
}

export const mutations = (standin: Standin) => standin.log.filter((e) => e.kind === 'mutation');

/**
 * What a desk post with @mentions writes on the in-memory port: its
 * reservation (no mentions), the post itself, and the reservation removed.
 */
export function expectDeskPost(
  gh: { expectWrite(op: 'addThreadComment' | 'deleteThreadComment', e: { number?: number; body?: RegExp; times?: number }): void },
  body: RegExp,
  times = 1,
  number = DESK_NUMBER,
) {
  gh.expectWrite('addThreadComment', { number, body: /"kind":"reserve"/, times });
  gh.expectWrite('addThreadComment', { number, body, times });
  gh.expectWrite('deleteThreadComment', { number, times });
}
