import type { Stats } from '../core/stats.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (x: number | null, unit = '') => (x === null ? '–' : `${x}${unit}`);

function bars(title: string, data: Array<{ label: string; value: number; color?: string; note?: string; mark?: number }>, o: { unit?: string; line?: { value: number; label: string } } = {}): string {
  const w = 720;
  const h = 240;
  const left = 40;
  const bottom = 40;
  const top = 30;
  const max = Math.max(1, o.line?.value ?? 0, ...data.map((d) => Math.max(d.value, d.mark ?? 0))) * 1.1;
  const bw = (w - left - 10) / Math.max(1, data.length);
  const y = (v: number) => top + (h - top - bottom) * (1 - v / max);
  const rects = data
    .map((d, i) => {
      const x = left + i * bw + bw * 0.15;
      const label = data.length > 16 && i % 2 ? '' : `<text x="${x + bw * 0.35}" y="${h - bottom + 14}" font-size="10" text-anchor="middle">${esc(d.label)}</text>`;
      const mark = d.mark === undefined ? '' : `<line x1="${(x - bw * 0.08).toFixed(1)}" x2="${(x + bw * 0.78).toFixed(1)}" y1="${y(d.mark).toFixed(1)}" y2="${y(d.mark).toFixed(1)}" stroke="#222" stroke-width="3"><title>target ${d.mark}${o.unit ?? ''}</title></line>`;
      return `<rect x="${x.toFixed(1)}" y="${y(d.value).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${(h - bottom - y(d.value)).toFixed(1)}" fill="${d.color ?? '#4a78b5'}"><title>${esc(d.label)}: ${d.value}${o.unit ?? ''}${d.note ? ` (${esc(d.note)})` : ''}</title></rect>${mark}${label}`;
    })
    .join('');
  const goal = o.line
    ? `<line x1="${left}" x2="${w - 10}" y1="${y(o.line.value)}" y2="${y(o.line.value)}" stroke="#c0392b" stroke-dasharray="6 4"/><text x="${w - 12}" y="${y(o.line.value) - 4}" font-size="11" fill="#c0392b" text-anchor="end">${esc(o.line.label)}</text>`
    : '';
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="${esc(title)}"><text x="${left}" y="18" font-size="14" font-weight="bold">${esc(title)}</text><line x1="${left}" x2="${w - 10}" y1="${h - bottom}" y2="${h - bottom}" stroke="#888"/><text x="${left - 6}" y="${y(max / 1.1) + 4}" font-size="10" text-anchor="end">${Math.round(max / 1.1)}</text>${rects}${goal}</svg></figure>`;
}

const BUCKETS: Array<[number, number, string]> = [
  [0, 1, '< 1 h'],
  [1, 2, '1–2 h'],
  [2, 3, '2–3 h'],
  [3, 4, '3–4 h'],
  [4, 8, '4–8 h'],
  [8, 16, '8–16 h'],
  [16, Infinity, '≥ 16 h'],
];

/** A self-contained HTML report: no scripts, fonts or network, inline SVG charts. */
export function statsHtml(s: Stats, repo: string, generatedAt: string): string {
  const volume = bars('Inquiries per week', s.byWeek.map((w) => ({ label: w.week.slice(5), value: w.inquiries })));
  const distribution = bars(
    `First team response, business hours (goal ${s.goalHours} h)`,
    BUCKETS.map(([lo, hi, label]) => ({ label, value: s.firstResponseHours.filter((h) => h >= lo && h < hi).length, color: hi <= s.goalHours ? '#3c8d5a' : '#c0392b' })),
  );
  const medians = bars('Weekly median first response (business hours)', s.byWeek.map((w) => ({ label: w.week.slice(5), value: w.medianFirstResponseHours ?? 0, color: (w.medianFirstResponseHours ?? 0) > s.goalHours ? '#c0392b' : '#4a78b5' })), { unit: ' h', line: { value: s.goalHours, label: `goal ${s.goalHours} h` } });
  const weeksHeld = s.byPerson.reduce((a, p) => a + p.primaryWeeks, 0);
  const load = bars(
    'Primary weeks per developer (bars) and their percent-time target (black ticks)',
    s.byPerson.map((p) => ({ label: p.login, value: p.primaryWeeks, mark: Math.round(p.targetShare * weeksHeld * 10) / 10, note: `target ${Math.round(p.targetShare * 100)}%, actual ${Math.round(p.actualShare * 100)}%` })),
    { unit: ' weeks' },
  );
  const rows = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support report ${esc(repo)} ${esc(s.since)} – ${esc(s.until)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:780px;margin:2em auto;color:#222;padding:0 1em}table{border-collapse:collapse;margin:1em 0}th,td{padding:.25em .8em;border-bottom:1px solid #ddd;text-align:left}th{font-weight:600}figure{margin:1.5em 0}h1{font-size:1.5em}small{color:#666}</style>
</head><body>
<h1>Support report: ${esc(repo)}</h1>
<p><small>${esc(s.since)} to ${esc(s.until)} (end exclusive) · generated ${esc(generatedAt)} by visit-sre. Times are business hours; the first response is the team's first human reply.</small></p>
<table>${rows([
    ['Inquiries', String(s.inquiries)],
    ['By contact method', Object.entries(s.byVia).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['First response (median / p90)', `${fmt(s.firstResponse.medianHours, ' h')} / ${fmt(s.firstResponse.p90Hours, ' h')}`],
    [`Within the ${s.goalHours} h goal`, s.firstResponse.withinGoal === null ? '–' : `${Math.round(s.firstResponse.withinGoal * 100)}% of ${s.firstResponse.count}`],
    ['Resolution (median)', fmt(s.resolution.medianHours, ' h')],
    ['Closed as wontfix', String(s.wontfix)],
    ['Escalations / handoffs / promotions', `${s.escalations} / ${s.handoffs} / ${s.promotions}`],
    ['Recorded effort', `${s.effortHours} h`],
  ])}</table>
${volume}
${distribution}
${medians}
${load}
</body></html>
`;
}

/** A small terminal chart of the weekly median against the goal. */
export function terminalChart(s: Stats, color: (text: string, over: boolean) => string): string {
  const max = Math.max(s.goalHours * 1.5, ...s.byWeek.map((w) => w.medianFirstResponseHours ?? 0));
  const width = 40;
  const goalAt = Math.round((s.goalHours / max) * width);
  return s.byWeek
    .map((w) => {
      const v = w.medianFirstResponseHours;
      const n = v === null ? 0 : Math.max(v > 0 ? 1 : 0, Math.round((v / max) * width));
      const bar = Array.from({ length: width + 1 }, (_, i) => (i === goalAt ? '|' : i < n ? '█' : ' ')).join('');
      return `${w.week}  ${color(bar, (v ?? 0) > s.goalHours)}  ${v === null ? '–' : `${v} h`} (${w.inquiries})`;
    })
    .join('\n');
}
