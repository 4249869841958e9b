// A repository as a duty desk watches it after a few years: N open inquiries
// in the three default categories, nearly all answered by the team and waiting
// on their users (Discussions are rarely closed), one in twenty waiting on the
// team, and the desk thread as issue #1. Shared by the budget test
// (test/stress/watchBudget.test.ts) and `npm run bench`.

const CATEGORIES = ['help-using-visit', 'help-building-visit', 'help-developing-visit'];
const TEAM = ['ada-lovelace', 'grace-hopper', 'alan-turing', 'katherine-j'];
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const HOUR = 3_600_000;

/** The Tuesday the runs happen on: 10:00 in Los Angeles, business hours, Grace Primary. */
export const WATCH_START = '2026-12-01T18:00:00Z';

export function watchScenario(n) {
  const end = Date.parse(WATCH_START) - 2 * 86_400_000;
  const span = 400 * 86_400_000;
  const discussions = Array.from({ length: n }, (_, i) => {
    const created = end - span + Math.floor((i * span) / Math.max(1, n));
    const user = `user${i}`;
    const member = TEAM[i % TEAM.length];
    const at = (h) => iso(created + h * HOUR);
    const comments = [
      {
        author: member,
        association: 'MEMBER',
        createdAt: at(2),
        body: 'Have you tried the latest release?',
        replies: Array.from({ length: i % 4 }, (_r, r) => ({
          author: r % 2 ? member : user,
          association: r % 2 ? 'MEMBER' : 'NONE',
          createdAt: at(3 + r),
          body: r % 2 ? 'Thanks, that helps.' : 'Not yet, I will.',
        })),
      },
    ];
    // One in four has a second exchange; the team has the last word, except in one in twenty.
    if (i % 4 === 0)
      comments.push({ author: user, association: 'NONE', createdAt: at(30), body: 'It works now, one more thing…', replies: [] });
    if (i % 4 === 0 && i % 20 !== 0)
      comments.push({ author: member, association: 'MEMBER', createdAt: at(31), body: 'Here is how.', replies: [] });
    if (i % 4 !== 0 && (i % 4) % 2 === 1)
      comments.at(-1).replies.push({ author: member, association: 'MEMBER', createdAt: at(9), body: 'Glad to help.' });
    return {
      number: 2 + i,
      author: user,
      association: 'NONE',
      createdAt: iso(created),
      title: `Question ${i}: rendering a mesh`,
      body: 'How do I …?',
      category: CATEGORIES[i % 3],
      comments,
    };
  });
  return {
    token: 'watch',
    viewer: 'grace-hopper',
    repositories: [
      {
        owner: 'visit-dav',
        name: 'visit',
        categories: CATEGORIES.map((slug) => ({ slug })),
        labels: ['wontfix'],
        discussions,
        issues: [{ number: 1, title: 'Support desk', body: 'Pinned by the support team.\n' }],
      },
    ],
  };
}

/** The few things that happen between two runs: a new question, a user's follow-up, a team reply. */
export function watchChanges(store, step, at) {
  const repo = store.repos[0];
  const find = (number) => repo.discussions.find((d) => d.number === number);
  const open = repo.discussions.filter((d) => !d.closed);
  const when = iso(Date.parse(at) - 5 * 60_000);
  store.addDiscussion(repo, {
    author: `newcomer${step}`,
    association: 'NONE',
    createdAt: when,
    title: `New question ${step}`,
    body: 'Something broke',
    category: CATEGORIES[step % 3],
  });
  store.addComment(find(open[10 + step * 7].number), {
    author: `user${10 + step * 7}`,
    association: 'NONE',
    createdAt: when,
    body: 'Still broken.',
  });
  const waiting = open.filter((d) => d.comments.at(-1)?.author?.login?.startsWith('user'));
  const answer = waiting[step % Math.max(1, waiting.length)];
  if (answer) store.addComment(answer, { author: 'ada-lovelace', association: 'MEMBER', createdAt: when, body: 'Fixed in 3.4.2.' });
}
