// A year of VisIt-like support traffic for the GitHub stand-in, the same on
// every run: the report's screenshot test, `render-report.mjs --year` and the
// `stats --html` bench read it. Answers mostly inside the 4 h goal, some late,
// a few never answered; logged calls, escalations, promotions, wontfix,
// effort; two empty weeks (early July and Christmas).
const CATEGORIES = ['help-using-visit', 'help-building-visit', 'help-developing-visit'];
const TEAM = ['ada-lovelace', 'grace-hopper', 'alan-turing', 'katherine-j', 'edsger-d', 'barbara-l'];
const LABELS = ['bug', 'enhancement', 'low hanging fruit'];
const marker = (o) => `<!-- visit-sre ${JSON.stringify({ v: 1, ...o })} -->`;
const SLOTS = 1.37; // day slots per discussion: weekends and the quiet weeks skip most of theirs
const iso = (ms) => new Date(ms).toISOString().replace('.000', '');

/** A small deterministic generator (mulberry32), so the scenario never changes. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function yearDiscussions(n = 1500, year = 2026) {
  const rnd = random(1500);
  const start = Date.UTC(year, 0, 1);
  const span = Date.UTC(year + 1, 0, 1) - start;
  const quiet = [
    [Date.UTC(year, 5, 29), Date.UTC(year, 6, 6)],
    [Date.UTC(year, 11, 21), Date.UTC(year, 11, 28)],
  ];
  const out = [];
  for (let i = 0; out.length < n; i++) {
    // Mostly in Pacific business hours (16:00–01:00 UTC), one in ten at night or on a weekend.
    const day = start + Math.floor(((i + 0.5) / (n * SLOTS)) * (span / 86_400_000)) * 86_400_000;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    if (weekend && rnd() < 0.85) continue;
    const created = day + Math.floor((rnd() < 0.9 ? 16 + rnd() * 8.5 : rnd() * 24) * 60) * 60_000;
    if (created >= start + span) break;
    if (quiet.some(([a, b]) => created >= a && created < b)) continue;
    const number = 1000 + out.length;
    const who = TEAM[Math.floor(rnd() * TEAM.length)];
    const category = CATEGORIES[Math.floor(rnd() * 10) % 3 === 0 ? 1 : rnd() < 0.8 ? 0 : 2];
    const labels = rnd() < 0.2 ? [LABELS[Math.floor(rnd() * LABELS.length)]] : [];
    const r = rnd();
    if (r < 0.05) {
      const at = created - Math.floor(rnd() * 30) * 60_000;
      out.push({
        number,
        title: `Call ${number}`,
        category,
        labels,
        author: who,
        association: 'MEMBER',
        createdAt: iso(created),
        body: `Logged call.\n${marker({ kind: 'contact', via: rnd() < 0.6 ? 'hotline' : 'walk-in', at: iso(at), handler: who, id: `c-${number}`, effortMinutes: 15 })}`,
      });
      continue;
    }
    // Minutes to the first team response, in wall-clock time; about 3% never get one.
    const delay = r < 0.45 ? 5 + rnd() * 110 : r < 0.8 ? 100 + rnd() * 150 : r < 0.97 ? 240 + rnd() * 2400 : null;
    const comments = [];
    if (delay !== null) {
      const answer = created + Math.round(delay) * 60_000;
      comments.push({ author: who, association: 'MEMBER', createdAt: iso(answer), body: 'Try this.', isAnswer: rnd() < 0.55 });
      if (rnd() < 0.06)
        comments.push({
          author: who,
          association: 'MEMBER',
          createdAt: iso(answer + 3_600_000),
          body: `@${TEAM[(TEAM.indexOf(who) + 1) % TEAM.length]} can you look?\n${marker({ kind: 'escalation', to: [TEAM[(TEAM.indexOf(who) + 1) % TEAM.length]], effortMinutes: 30 })}`,
        });
      if (rnd() < 0.04)
        comments.push({
          author: who,
          association: 'MEMBER',
          createdAt: iso(answer + 7_200_000),
          body: `Tracked in #9${number}\n${marker({ kind: 'promotion', repo: 'visit-dav/visit', number: 9000 + number, effortMinutes: 45 })}`,
        });
    }
    const wontfix = delay !== null && rnd() < 0.05;
    if (wontfix)
      comments.push({
        author: who,
        association: 'MEMBER',
        createdAt: iso(created + 22 * 86_400_000),
        body: `Closing.\n${marker({ kind: 'stale', wontfix: true })}`,
      });
    out.push({
      number,
      title: `Question ${number}`,
      category,
      labels: wontfix ? [...labels, 'wontfix'] : labels,
      author: `user${number}`,
      association: 'NONE',
      createdAt: iso(created),
      body: 'How do I …?',
      comments,
    });
  }
  return out;
}

export function yearScenario(n = 1500, year = 2026) {
  return {
    token: 'year-token',
    viewer: 'grace-hopper',
    repositories: [
      {
        owner: 'visit-dav',
        name: 'visit',
        categories: [
          ...CATEGORIES.map((slug) => ({ slug, name: slug.replace(/-/g, ' ') })),
          { slug: 'ideas', name: 'Ideas', isAnswerable: false },
        ],
        labels: ['wontfix', 'reviewed', ...LABELS],
        discussions: yearDiscussions(n, year),
      },
    ],
  };
}
