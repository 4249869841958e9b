// The `stats --html` report: Observable Plot renders static SVG in Node against
// linkedom's document, so the file has no script, font or network reference.
// Loaded only when --html is given (Plot, d3 and linkedom take ~200 ms to load).
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { DateTime } from 'luxon';
import type { Stats } from '../../core/stats.js';
import { isoUtc, localDay, localStamp } from '../../core/timeText.js';
import { plural } from '../../core/words.js';
import { breakdowns, emptyWeekText, headline, hours, weeks } from './render.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Mid-tone colours that keep a 3:1 contrast on both the light and the dark page.
const BLUE = '#4e79a7';
const RED = '#d6404e';
const GREY = '#8a8f98';
const ORANGE = '#c46a0c';
const WIDTH = 760;

type Mark = Plot.Markish;
// The project compiles without the DOM library: Plot's own type of the document it is given.
type Document = NonNullable<Plot.PlotOptions['document']>;
interface HTMLish {
  tagName: string;
  outerHTML: string;
  textContent: string | null;
  parentNode: HTMLish | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selector: string): HTMLish | null;
  querySelectorAll(selector: string): Iterable<HTMLish>;
  prepend(...nodes: HTMLish[]): void;
  append(...nodes: HTMLish[]): void;
  replaceWith(node: HTMLish): void;
  /** on the element Plot returns: the scale it drew with */
  scale?(name: 'x' | 'y'): { type: string; domain: unknown[] } | undefined;
}
type Created = { createElement(tag: string): HTMLish; createElementNS(ns: string, tag: string): HTMLish };

/**
 * A table; with a `label`, in a box that scrolls sideways on a narrow screen,
 * reachable by keyboard and named (a focusable box needs a role: a region).
 */
function table(label: string | null, head: readonly string[], rows: readonly (readonly string[])[], headRows = false): string {
  const cell = (c: string, i: number) => (headRows && i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`);
  const thead = head.length ? `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>` : '';
  const html = `<table>${thead}<tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
  return label === null ? html : `<div class="scroll" tabindex="0" role="region" aria-label="${esc(label)}">${html}</div>`;
}

const round = (x: number) => String(Math.round(x * 100) / 100);

/** "vertical axis: inquiries (count), 0 to 35": an axis's title and extent in words, for the chart's description. */
function axisWords(side: 'horizontal' | 'vertical', o: Plot.ScaleOptions, scale: { type: string; domain: unknown[] } | undefined): string {
  const label = typeof o.label === 'string' ? o.label : '';
  const domain = scale?.domain ?? [];
  const format = typeof o.tickFormat === 'function' ? (o.tickFormat as (v: unknown, i: number) => string) : (v: unknown) => String(v);
  let extent: string;
  if (Array.isArray(o.ticks) && o.ticks.length) extent = `${format(o.ticks[0], 0)} to ${format(o.ticks[o.ticks.length - 1], 0)}`;
  else if (scale?.type === 'band' || scale?.type === 'point')
    extent = domain.length <= 8 ? domain.map((v, i) => format(v, i)).join(', ') : `${format(domain[0], 0)} to ${format(domain.at(-1), 0)}`;
  else extent = `${round(Number(domain[0]))} to ${round(Number(domain.at(-1)))}`;
  return `${side} axis: ${label}, ${extent}`;
}

/** Every chart: gridlines, axis titles with units, readable type; text marks use the page's colour. */
function chart(
  doc: Document,
  o: {
    /** unique in the page: the prefix of the chart's element ids */
    id: string;
    title: string;
    subtitle: string;
    marks: Mark[];
    x: Plot.ScaleOptions;
    y: Plot.ScaleOptions;
    color?: Plot.ScaleOptions;
    height?: number;
    marginLeft?: number;
    marginRight?: number;
    marginBottom?: number;
    table: { head: string[]; rows: string[][] };
  },
): string {
  const figure = Plot.plot({
    document: doc,
    width: WIDTH,
    height: o.height ?? 300,
    marginLeft: o.marginLeft ?? 56,
    marginRight: o.marginRight ?? 24,
    marginTop: 28,
    marginBottom: o.marginBottom ?? 48,
    style: { fontSize: '12px', background: 'transparent', overflow: 'visible' },
    title: o.title,
    subtitle: o.subtitle,
    x: o.x,
    y: o.y,
    ...(o.color ? { color: o.color } : {}),
    marks: o.marks,
  }) as unknown as HTMLish;
  const svg = figure.tagName.toLowerCase() === 'svg' ? figure : figure.querySelector(':scope > svg')!;
  // One image named by its <title> and described by its <desc>: the subtitle and both axes in words.
  // Plot's labelled inner groups would be ARIA on role-less elements.
  for (const g of svg.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label');
  const made = doc as unknown as Created;
  const title = made.createElementNS(SVG, 'title');
  title.setAttribute('id', `${o.id}-title`);
  title.textContent = o.title;
  const desc = made.createElementNS(SVG, 'desc');
  desc.setAttribute('id', `${o.id}-desc`);
  desc.textContent = `${o.subtitle} ${capital(axisWords('horizontal', o.x, figure.scale?.('x')))}; ${axisWords('vertical', o.y, figure.scale?.('y'))}. The numbers are in the table below the chart.`;
  svg.prepend(title, desc);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${o.id}-title`);
  svg.setAttribute('aria-describedby', `${o.id}-desc`);
  // On a narrow screen the chart keeps its size and type and scrolls sideways, rather than shrinking to an illegible 5 px.
  const box = made.createElement('div');
  box.setAttribute('class', 'scroll');
  box.setAttribute('tabindex', '0');
  box.setAttribute('role', 'region');
  box.setAttribute('aria-labelledby', `${o.id}-title`);
  if (svg.parentNode) svg.replaceWith(box);
  box.append(svg);
  const numbers = `<details><summary>The numbers behind “${esc(o.title)}”</summary>${table(`the numbers behind “${o.title}”`, o.table.head, o.table.rows)}</details>`;
  const hint = '<p class="hint note">A wide chart: scroll it sideways, or open its numbers below.</p>';
  return `<section class="chart">${(figure.tagName.toLowerCase() === 'svg' ? box : figure).outerHTML}${hint}${numbers}</section>`;
}

const SVG = 'http://www.w3.org/2000/svg';
const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** "2026-W49, Nov 30 – Dec 6": an ISO week with its days, for the tables. */
function weekDays(week: string): string {
  const monday = DateTime.fromISO(week, { zone: 'UTC' }).setLocale('en-US');
  return `${week}, ${monday.toFormat('LLL d')} – ${monday.plus({ days: 6 }).toFormat('LLL d')}`;
}

/** "ISO week of 2026 (Monday to Sunday, America/Los_Angeles)": the week axes' title. */
function weekAxis(weeks: readonly string[], zone: string): string {
  const years = [...new Set(weeks.map((w) => w.slice(0, 4)))];
  const of = years.length > 1 ? `, ${years[0]}–${years.at(-1)}` : years.length ? ` of ${years[0]}` : '';
  return `ISO week${of} (Monday to Sunday, ${zone})`;
}

/** Whole-number ticks for counts: no "0.5 inquiries" on a small axis. */
const countTicks = (xs: number[]) => Math.max(1, Math.min(8, Math.max(0, ...xs)));

/** Week tick labels: every week when they fit, else every 2nd or 4th. */
function weekTicks(weeks: readonly string[]): string[] {
  const step = weeks.length > 26 ? 4 : weeks.length > 13 ? 2 : 1;
  return weeks.filter((_, i) => i % step === 0);
}

function volumeChart(doc: Document, s: Stats, zone: string): string {
  const weeks = s.byWeek.map((w) => w.week);
  const series = [
    { key: 'GitHub', field: 'github' as const, color: BLUE },
    { key: 'logged call', field: 'calls' as const, color: ORANGE },
    { key: 'classified (this machine’s journal)', field: 'classified' as const, color: GREY },
  ].filter((x) => x.field === 'github' || s.byWeek.some((w) => w[x.field] > 0));
  const data = s.byWeek.flatMap((w) => series.map((x) => ({ week: w.week, source: x.key, n: w[x.field] })));
  return chart(doc, {
    id: 'volume',
    title: 'Inquiries per week',
    subtitle: 'Every inquiry by the week it was opened; the number above each bar is the week’s total.',
    x: {
      type: 'band',
      domain: weeks,
      ticks: weekTicks(weeks),
      tickFormat: (w: string) => w.replace(/^\d{4}-/, ''),
      label: weekAxis(weeks, zone),
      tickRotate: weeks.length > 13 ? -45 : 0,
    },
    y: { label: 'inquiries (count)', grid: true, nice: true, ticks: countTicks(s.byWeek.map((w) => w.inquiries)) },
    color: { legend: true, domain: series.map((x) => x.key), range: series.map((x) => x.color) },
    marks: [
      Plot.barY(data, { x: 'week', y: 'n', fill: 'source', insetLeft: 1, insetRight: 1 }),
      Plot.text(s.byWeek, {
        x: 'week',
        y: 'inquiries',
        text: (w: Stats['byWeek'][number]) => String(w.inquiries),
        dy: -7,
        fill: 'currentColor',
        fontSize: weeks.length > 20 ? 9 : 12,
      }),
      Plot.ruleY([0], { stroke: 'currentColor' }),
    ],
    table: {
      head: ['week', 'inquiries', ...series.map((x) => x.key)],
      rows: s.byWeek.map((w) => [weekDays(w.week), String(w.inquiries), ...series.map((x) => String(w[x.field]))]),
    },
  });
}

/** Buckets scaled to the goal (for 4 h: < 1, 1–2, 2–3, 3–4 | 4–8, 8–16, 16–40, ≥ 40), then "no response yet". */
function buckets(goal: number): Array<{ lo: number; hi: number; label: string }> {
  const edges = [0, goal / 4, goal / 2, (3 * goal) / 4, goal, 2 * goal, 4 * goal, 10 * goal];
  const h = (x: number) => `${Math.round(x * 100) / 100}`;
  return edges.map((lo, i) => {
    const hi = edges[i + 1] ?? Infinity;
    return { lo, hi, label: i === 0 ? `< ${h(hi)} h` : hi === Infinity ? `≥ ${h(lo)} h` : `${h(lo)}–${h(hi)} h` };
  });
}

function distributionChart(doc: Document, s: Stats): string {
  const b = buckets(s.goalHours);
  const rows = [
    ...b.map((x, i) => ({
      i,
      label: x.label,
      n: s.distribution.answeredHours.filter((h) => h >= x.lo && h < x.hi).length,
      kind: x.hi <= s.goalHours ? 'within the goal' : 'over the goal',
    })),
    { i: b.length, label: 'no response yet', n: s.distribution.unansweredHours.length, kind: 'no response, past the due time' },
  ];
  const goalAt = b.filter((x) => x.hi <= s.goalHours).length;
  return chart(doc, {
    id: 'distribution',
    title: `First team response on GitHub, against the ${s.goalHours} h goal`,
    subtitle: `${plural(s.firstResponse.count, 'inquiry', 'inquiries')} answered or past their due time; ${s.distribution.notYetDue} not yet due ${s.distribution.notYetDue === 1 ? 'is' : 'are'} left out. Logged calls are reported apart.`,
    x: {
      type: 'linear',
      domain: [0, rows.length],
      ticks: rows.map((r) => r.i + 0.5),
      tickFormat: (t: number) => rows[Math.floor(t)]?.label ?? '',
      label: 'business hours to the team’s first response',
      labelAnchor: 'center',
      labelArrow: 'none',
    },
    y: { label: 'GitHub inquiries (count)', grid: true, nice: true, ticks: countTicks(rows.map((r) => r.n)) },
    color: { legend: true, domain: ['within the goal', 'over the goal', 'no response, past the due time'], range: [BLUE, RED, GREY] },
    marks: [
      Plot.rectY(rows, {
        x1: (r: (typeof rows)[number]) => r.i + 0.08,
        x2: (r: (typeof rows)[number]) => r.i + 0.92,
        y: 'n',
        fill: 'kind',
      }),
      Plot.text(rows, {
        x: (r: (typeof rows)[number]) => r.i + 0.5,
        y: 'n',
        text: (r: (typeof rows)[number]) => String(r.n),
        dy: -7,
        fill: 'currentColor',
      }),
      Plot.ruleX([goalAt], { stroke: RED, strokeWidth: 2, strokeDasharray: '6 4' }),
      Plot.text([goalAt], {
        x: (d: number) => d,
        frameAnchor: 'top',
        text: () => `${s.goalHours} h goal`,
        dx: 4,
        dy: -14,
        textAnchor: 'start',
        fill: RED,
        fontWeight: 'bold',
        className: 'goal',
      }),
      Plot.ruleY([0], { stroke: 'currentColor' }),
    ],
    table: { head: ['business hours', 'inquiries'], rows: rows.map((r) => [r.label, String(r.n)]) },
  });
}

function medianChart(doc: Document, s: Stats, zone: string): string {
  type W = Stats['byWeek'][number];
  const weeks = s.byWeek.map((w) => w.week);
  const counted = s.byWeek.filter((w) => w.medianFirstResponseHours !== null);
  const empty = s.byWeek.filter((w) => w.medianFirstResponseHours === null);
  const value = (w: W) => w.medianFirstResponseHours!;
  // One slow week must not flatten the others: the axis stops at twice the goal or the 90th-percentile week,
  // and a taller bar is cut there with its value written on it.
  const sorted = counted.map(value).sort((x, y) => x - y);
  const top = Math.ceil(Math.max(s.goalHours * 2, (sorted[Math.floor(sorted.length * 0.9)] ?? 0) * 1.25));
  const dense = weeks.length > 20;
  const fontSize = dense ? 9 : 12;
  return chart(doc, {
    id: 'median',
    title: 'Weekly median first response on GitHub',
    subtitle: `The number above each bar is how many inquiries the median counts (answered, or unanswered past their due time at their wait so far). Shaded columns: no inquiry to measure. Bars above ${top} h are cut, with their value on them.`,
    x: {
      type: 'band',
      domain: weeks,
      ticks: weekTicks(weeks),
      tickFormat: (w: string) => w.replace(/^\d{4}-/, ''),
      label: weekAxis(weeks, zone),
      tickRotate: weeks.length > 13 ? -45 : 0,
      padding: 0.15,
    },
    y: { label: 'median first response (business hours)', grid: true, domain: [0, top], ticks: Math.min(top, 10) },
    marginRight: 70,
    color: { legend: true, domain: ['within the goal', 'over the goal', 'no inquiry to measure'], range: [BLUE, RED, GREY] },
    marks: [
      Plot.barY(empty, { x: 'week', y: top, fill: GREY, fillOpacity: 0.18 }),
      Plot.text(empty, {
        x: 'week',
        y: top / 2,
        text: (w: W) => (dense && !w.inquiries ? 'none' : emptyWeekText(w)),
        rotate: -90,
        fill: 'currentColor',
        fontSize: 11,
      }),
      Plot.barY(counted, {
        x: 'week',
        y: (w: W) => Math.min(value(w), top),
        fill: (w: W) => (value(w) > s.goalHours ? 'over the goal' : 'within the goal'),
      }),
      Plot.text(
        counted.filter((w) => value(w) > top),
        {
          x: 'week',
          y: top,
          text: (w: W) => `${Math.round(value(w))} h`,
          rotate: -90,
          textAnchor: 'end',
          dy: 0,
          dx: -4,
          fill: 'white',
          fontSize: 10,
          fontWeight: 'bold',
        },
      ),
      // A week whose median is 0 h still shows a mark at zero, unlike an empty week.
      Plot.dot(
        counted.filter((w) => value(w) === 0),
        { x: 'week', y: 0, r: 3, fill: BLUE },
      ),
      Plot.text(counted, {
        x: 'week',
        y: (w: W) => Math.min(value(w), top),
        text: (w: W) => (dense ? String(w.counted) : `n=${w.counted}`),
        dy: -7,
        fill: 'currentColor',
        fontSize,
      }),
      Plot.ruleY([s.goalHours], { stroke: RED, strokeWidth: 2, strokeDasharray: '6 4' }),
      // In the right margin, clear of the bars.
      Plot.text([s.goalHours], {
        y: (d: number) => d,
        frameAnchor: 'right',
        text: () => `${s.goalHours} h goal`,
        dx: 6,
        textAnchor: 'start',
        fill: RED,
        fontWeight: 'bold',
        className: 'goal',
      }),
      Plot.ruleY([0], { stroke: 'currentColor' }),
    ],
    table: {
      head: ['week', 'inquiries', 'counted', 'median', 'no response yet'],
      rows: s.byWeek.map((w) => [
        weekDays(w.week),
        String(w.inquiries),
        String(w.counted),
        hours(w.medianFirstResponseHours),
        String(w.unanswered),
      ]),
    },
  });
}

function developerChart(doc: Document, s: Stats): string {
  const rows = s.byPrimary;
  type R = (typeof rows)[number];
  const top = Math.max(s.goalHours * 1.5, ...rows.map((r) => (r.medianFirstResponseHours ?? 0) * 1.1));
  // The figures sit in a column to the right of the frame, clear of the bars and the goal line.
  const label = (r: R) =>
    r.medianFirstResponseHours === null
      ? `no inquiry to measure (${r.inquiries} as Primary)`
      : `${r.medianFirstResponseHours} h · ${plural(r.inquiries, 'inquiry', 'inquiries')} · ${Math.round((r.withinGoal ?? 0) * 100)}% within${r.unanswered ? ` · ${r.unanswered} unanswered` : ''}`;
  return chart(doc, {
    id: 'developer',
    title: 'First response by developer, as the Primary on duty',
    subtitle: 'Median of the GitHub inquiries that arrived during each developer’s Primary shifts.',
    height: 60 + rows.length * 34,
    marginLeft: 120,
    marginRight: 340,
    // Centred under the frame: at the right it would sit under the figures' column.
    x: { label: 'median first response (business hours)', labelAnchor: 'center', grid: true, domain: [0, top], nice: true },
    y: { label: 'developer (Primary)', labelAnchor: 'top', domain: rows.map((r) => r.login) },
    marks: [
      Plot.barX(rows, {
        y: 'login',
        x: (r: R) => r.medianFirstResponseHours ?? 0,
        fill: (r: R) => ((r.medianFirstResponseHours ?? 0) > s.goalHours ? RED : BLUE),
        insetTop: 4,
        insetBottom: 4,
      }),
      Plot.text(rows, { y: 'login', frameAnchor: 'right', text: label, dx: 12, textAnchor: 'start', fill: 'currentColor' }),
      Plot.ruleX([s.goalHours], { stroke: RED, strokeWidth: 2, strokeDasharray: '6 4' }),
      Plot.text([s.goalHours], {
        x: (d: number) => d,
        frameAnchor: 'top',
        text: () => `${s.goalHours} h goal`,
        dy: -14,
        fill: RED,
        fontWeight: 'bold',
        className: 'goal',
      }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
    table: { head: breakdowns(s)[0]!.head, rows: breakdowns(s)[0]!.rows },
  });
}

function loadChart(doc: Document, s: Stats): string {
  const held = s.byPerson.reduce((a, p) => a + p.primaryWeeks, 0);
  const rows = s.byPerson.map((p) => ({ ...p, target: Math.round(p.targetShare * held * 10) / 10 }));
  type R = (typeof rows)[number];
  return chart(doc, {
    id: 'load',
    title: 'Primary weeks per developer against their percent-time target',
    subtitle: 'Bars: weeks held as Primary in the range; the upright ticks: the weeks their percent-time asks for.',
    height: 60 + rows.length * 30,
    marginLeft: 120,
    x: {
      label: 'Primary weeks',
      grid: true,
      nice: true,
      domain: [0, Math.max(1, ...rows.map((r) => Math.max(r.primaryWeeks, r.target))) * 1.5],
    },
    y: { label: 'developer', labelAnchor: 'top', domain: rows.map((r) => r.login) },
    marks: [
      Plot.barX(rows, { y: 'login', x: 'primaryWeeks', fill: BLUE, insetTop: 4, insetBottom: 4 }),
      Plot.tickX(rows, { y: 'login', x: 'target', stroke: 'currentColor', strokeWidth: 3 }),
      Plot.text(rows, {
        y: 'login',
        x: (r: R) => Math.max(r.primaryWeeks, r.target),
        text: (r: R) => `${weeks(r.primaryWeeks)} wk (target ${r.target})`,
        dx: 8,
        textAnchor: 'start',
        fill: 'currentColor',
      }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
    table: { head: breakdowns(s)[3]!.head, rows: breakdowns(s)[3]!.rows },
  });
}

const CSS = `:root{color-scheme:light dark}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:${WIDTH + 40}px;margin:2em auto;padding:0 1em;color:#1f2328;background:#fff;line-height:1.4}
table{border-collapse:collapse;margin:.6em 0}th,td{padding:.25em .8em;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}th{font-weight:600}
td:not(:first-child){font-variant-numeric:tabular-nums}h1{font-size:1.5em}h2{font-size:1.15em;margin:1.6em 0 .2em}h3{font-size:1em;font-weight:normal;margin:0 0 .4em;color:#505862}
.scroll{overflow-x:auto}.scroll td:first-child{white-space:nowrap}.scroll:focus-visible{outline:2px solid #0550ae;outline-offset:2px}.chart .scroll svg{min-width:${WIDTH}px}.hint{display:none;margin:.2em 0;font-size:.9em}@media (max-width:${WIDTH + 40}px){.hint{display:block}}
.chart{margin:1.5em 0 2em}.chart figure{margin:0}.chart figure>div{font-size:12px}.note{color:#505862}details{margin:.3em 0 0}summary{cursor:pointer;color:#0550ae}.goal text{fill:#b3261e}
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}th,td{border-color:#30363d}.note,h3{color:#9da7b3}summary{color:#79c0ff}.goal text{fill:#ff8182}}`;

/** What the report needs beyond the figures: the repository, when it was made and the team's zone (the weeks' and days' zone). */
export interface ReportContext {
  repo: string;
  now: number;
  zone: string;
}

/** A self-contained HTML report: no scripts, fonts or network; static SVG charts with their numbers beside them. */
export function statsHtml(s: Stats, { repo, now, zone }: ReportContext): string {
  const doc = parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  const tables = breakdowns(s)
    .slice(1, 3)
    .filter((b) => b.rows.length)
    .map((b) => `<h2>${esc(b.title)}</h2>${table(b.title, b.head, b.rows)}`)
    .join('\n');
  const last = DateTime.fromISO(s.until, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;
  const day = (d: string) => `<time datetime="${d}">${esc(localDay(d))}</time>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support report ${esc(repo)} ${esc(s.since)} – ${esc(last)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<style>${CSS}</style>
</head><body><main>
<h1>Support report: ${esc(repo)}</h1>
<p class="note">${day(s.since)} to ${day(last)} (days and weeks in ${esc(zone)}). Generated <time datetime="${isoUtc(now)}">${esc(localStamp(now, zone))}</time> by visit-sre.</p>
<p class="note">Times are business hours; the first response is the team’s first human reply. An inquiry with no response past its due time counts as outside the goal, at its wait so far.</p>
${table(
  null,
  [],
  headline(s).map(([k, v]) => [k, v]),
  true,
)}
${volumeChart(doc, s, zone)}
${distributionChart(doc, s)}
${medianChart(doc, s, zone)}
${developerChart(doc, s)}
${tables}
${loadChart(doc, s)}
</main></body></html>
`;
}
