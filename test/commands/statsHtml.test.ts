// The HTML report as a reader and a screen reader get it: every chart axis has
// a drawn title and is named in the chart's <desc>, and the header gives the
// time in the team's zone with the zone named, beside a machine-readable UTC
// <time>. The zones are the team's, never the host's: the suite passes under
// any TZ (try TZ=Pacific/Kiritimati).
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { InquiryFigures } from '../../src/core/stats.js';
import { computeStats } from '../../src/core/stats.js';
import type { Segment } from '../../src/core/rotation.js';
import type { TeamMember } from '../../src/core/config.js';
import { statsHtml } from '../../src/commands/stats/html.js';

const member = (login: string): TeamMember => ({
  login,
  name: login,
  percentTime: 20,
  experienced: true,
  classifiedAccess: false,
  unavailable: [],
});

/** Two weeks, Nov 30 to Dec 13, 2026 in `zone`: Ada is Primary in the first, Grace in the second; one inquiry a weekday, answered in `hours`. */
function report(zone: string, now: string) {
  const day = (d: string) => DateTime.fromISO(d, { zone });
  const from = day('2026-11-30').toMillis();
  const mid = day('2026-12-07').toMillis();
  const to = day('2026-12-14').toMillis();
  const shift = (login: string, start: number, end: number): Segment => ({
    start,
    end,
    primary: { role: 'primary', login, name: login, raw: `SRE Primary: @${login}`, start, end },
    backup: null,
  });
  const figures: InquiryFigures[] = [1, 2, 3, 8, 9].map((d, i) => {
    const createdAt = day('2026-11-30').plus({ days: d, hours: 10 }).toMillis();
    const primary = createdAt < mid ? 'ada-lovelace' : 'grace-hopper';
    const hours = i + 1;
    return {
      number: i + 1,
      url: `https://github.com/o/r/discussions/${i + 1}`,
      category: 'q-a',
      labels: [],
      createdAt,
      week: DateTime.fromMillis(createdAt, { zone }).toFormat("kkkk-'W'WW"),
      via: 'github',
      primary,
      owner: primary,
      status: 'answered',
      firstResponseAt: createdAt + hours * 3_600_000,
      firstResponseHours: hours,
      waitingHours: null,
      resolvedAt: null,
      resolutionHours: null,
      wontfix: false,
      escalations: 0,
      handoffs: 0,
      promotions: 0,
      workaround: false,
      longTermFix: false,
      effortMinutes: 0,
    };
  });
  const stats = computeStats(figures, {
    since: '2026-11-30',
    until: '2026-12-14',
    zone,
    goalHours: 4,
    timeline: [shift('ada-lovelace', from, mid), shift('grace-hopper', mid, to)],
    team: [member('ada-lovelace'), member('grace-hopper')],
    from,
    to,
  });
  return statsHtml(stats, { repo: 'o/r', now: Date.parse(now), zone });
}

/** Each chart's section: its SVG's accessible name and description, and the texts it draws. */
function charts(html: string) {
  return html
    .split('<section class="chart">')
    .slice(1)
    .map((c) => {
      const svg = c.match(/<svg[^>]*role="img"[^>]*>/)![0];
      const by = (attr: string) => {
        const id = svg.match(new RegExp(`${attr}="([^"]+)"`))![1];
        return c.match(new RegExp(`<(?:title|desc) id="${id}">([^<]*)<`))?.[1];
      };
      const texts = [...c.split('<details>')[0]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/^↑ | →$/g, ''));
      return { name: by('aria-labelledby'), desc: by('aria-describedby'), texts };
    });
}

describe('stats --html: labelled axes and the team’s local time', () => {
  const html = report('America/Los_Angeles', '2026-12-08T17:00:00Z');

  it('draws a title on both axes of every chart and names them in the chart’s description', () => {
    const week = 'ISO week of 2026 (Monday to Sunday, America/Los_Angeles)';
    const expected: Array<[name: string, x: string, y: string]> = [
      ['Inquiries per week', week, 'inquiries (count)'],
      ['First team response on GitHub, against the 4 h goal', 'business hours to the team’s first response', 'GitHub inquiries (count)'],
      ['Weekly median first response on GitHub', week, 'median first response (business hours)'],
      ['First response by developer, as the Primary on duty', 'median first response (business hours)', 'developer (Primary)'],
      ['Primary weeks per developer against their percent-time target', 'Primary weeks', 'developer'],
    ];
    const seen = charts(html);
    expect(seen.map((c) => c.name)).toEqual(expected.map(([name]) => name));
    seen.forEach((c, i) => {
      const [, x, y] = expected[i]!;
      expect(c.texts, c.name).toEqual(expect.arrayContaining([x, y]));
      expect(c.desc, c.name).toContain(`Horizontal axis: ${x}, `);
      expect(c.desc, c.name).toContain(`; vertical axis: ${y}, `);
    });
    // The extents in words: the weeks drawn, and the developers on the vertical axis.
    expect(seen[0]!.desc).toContain(`Horizontal axis: ${week}, W49 to W50;`);
    expect(seen[3]!.desc).toContain('vertical axis: developer (Primary), ada-lovelace, grace-hopper.');
    // Every chart has its numbers as a table too, the weeks with their days.
    expect(html.match(/<summary>The numbers behind/g)).toHaveLength(5);
    expect(html).toContain('<td>2026-W49, Nov 30 – Dec 6</td>');
  });

  it('gives the time it was made in the team’s zone, named, beside the UTC instant', () => {
    expect(html).toContain('Generated <time datetime="2026-12-08T17:00:00Z">Tue Dec 8, 2026, 09:00 PST (America/Los_Angeles)</time>');
    expect(html).toContain(
      '<time datetime="2026-11-30">Mon Nov 30, 2026</time> to <time datetime="2026-12-13">Sun Dec 13, 2026</time> (days and weeks in America/Los_Angeles)',
    );
    expect(html).not.toMatch(/>[^<]*\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it.each([
    ['Pacific/Kiritimati', 'Wed Dec 9, 2026, 07:00 GMT+14 (Pacific/Kiritimati)'],
    ['Asia/Kolkata', 'Tue Dec 8, 2026, 22:30 GMT+5:30 (Asia/Kolkata)'],
    ['Europe/Berlin', 'Tue Dec 8, 2026, 18:00 GMT+1 (Europe/Berlin)'],
  ])('in %s, the header says %s', (zone, text) => {
    const other = report(zone, '2026-12-08T17:00:00Z');
    expect(other).toContain(`Generated <time datetime="2026-12-08T17:00:00Z">${text}</time>`);
    expect(other).toContain(`ISO week of 2026 (Monday to Sunday, ${zone})`);
  });
});
