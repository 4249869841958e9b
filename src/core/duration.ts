import { UsageError } from './errors.js';

const UNIT_MINUTES: Record<string, number> = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 };

/**
 * Parses durations such as `90m`, `1.5h`, `2h30m`, `3d` or ISO-8601 `PT2H30M`
 * into minutes. Throws a UsageError naming the value otherwise.
 */
export function parseDuration(text: string, what = 'duration'): number {
  const raw = text.trim().toLowerCase();
  const iso = /^pt(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?$/.exec(raw);
  if (iso && (iso[1] || iso[2])) return Number(iso[1] ?? 0) * 60 + Number(iso[2] ?? 0);
  const parts = raw.match(/\d+(?:\.\d+)?\s*(?:w|d|h|m|min)(?![a-z])/g);
  if (parts && parts.join('').replace(/\s/g, '') === raw.replace(/\s/g, '')) {
    let minutes = 0;
    for (const part of parts) {
      const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(part)!;
      minutes += Number(m[1]) * UNIT_MINUTES[m[2]![0]!]!;
    }
    if (minutes > 0) return minutes;
  }
  throw new UsageError(`invalid ${what} "${text}"`, 'write durations like 90m, 1.5h or 2h30m');
}

/** 150 → "2h30m", 45 → "45m", 240 → "4h". */
export function formatDuration(minutes: number): string {
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}
