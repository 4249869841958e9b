import { UsageError } from './errors.js';
import { isIsoDate } from './timeInput.js';
import { parseDuration } from './duration.js';
import { makeBusinessCalendar } from './businessTime.js';
import type { HolidayRule } from './holidays.js';

export interface Unavailability {
  from: string;
  to: string;
  reason?: string;
}

export interface TeamMember {
  login: string;
  name: string;
  email?: string;
  percentTime: number;
  experienced: boolean;
  classifiedAccess: boolean;
  unavailable: Unavailability[];
}

/** The configuration as written in the file, with every default filled in. */
export interface Config {
  repository: string;
  discussions: { categories: string[]; label: string | null };
  productRepository: string;
  labels: { wontfix: string; reviewed: string; lowHangingFruit: string };
  timeZone: string;
  businessHours: { days: string[]; windows: string[] };
  holidays: HolidayRule;
  responseGoal: string;
  staleAfterDays: number;
  rotation: string | null;
  team: TeamMember[] | string;
  teamAssociations: string[];
  templates: { postmortem: string | null; handoff: string | null; closing: string | null };
  desk: DeskConfig;
  escalation: EscalationRule[];
  /** bots whose markers are trusted as the team's (their comments still never answer a user) */
  trustedBots: string[];
  /** the escalation path for major incidents: who `postmortem --incident` @mentions (`team`, `primary`, `backup` or logins) */
  incident: { notify: Recipient[] };
}

/** The duty desk (docs/process.md#duty-desk): the thread holding the board and the notification feed. */
export interface DeskConfig {
  /** "OWNER/NAME#NUMBER", an issue or a discussion */
  thread: string | null;
  labelNew: boolean;
  closeStale: boolean;
  notifyOutsideBusinessHours: boolean;
  /** a Slack- or Teams-compatible incoming webhook; a secret */
  webhook: string | null;
}

/** `new`, `due-soon`, `overdue` or `overdue+DURATION` */
export type EscalationWhen = string;
/** `owner`, `primary`, `backup`, `team` or a login */
export type Recipient = string;

export interface EscalationRule {
  when: EscalationWhen;
  notify: Recipient[];
}

/**
 * The default asks nobody but the owner and the acting Primary: the process
 * calls the Backup and other developers into action only at the Primary's
 * request (`escalate`). Paging the Backup or the team is a team's own choice,
 * written in `escalation` (docs/config.md#escalation-policy).
 */
export const DEFAULT_ESCALATION: readonly EscalationRule[] = [
  { when: 'new', notify: ['owner'] },
  { when: 'due-soon', notify: ['owner'] },
  { when: 'overdue', notify: ['owner', 'primary'] },
];

const DESK_THREAD = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)#([1-9]\d*)$/;

/** Parses "OWNER/NAME#NUMBER"; null when it is not that form. */
export function parseDeskThread(text: string): { owner: string; name: string; number: number } | null {
  const m = DESK_THREAD.exec(text.trim());
  return m ? { owner: m[1]!, name: m[2]!, number: Number(m[3]) } : null;
}

/** The business minutes past due that an escalation `when` waits for; null when it is not an overdue stage. */
export function overdueStage(when: EscalationWhen): number | null {
  if (when === 'overdue') return 0;
  const m = /^overdue\+(.+)$/.exec(when);
  return m ? parseDuration(m[1]!) : null;
}

/**
 * What is wrong with a webhook URL, or null: it must be https, or http to
 * this very machine (a test server or a local relay). The URL is a secret,
 * so the answer never repeats it. One rule for `desk.webhook` and
 * `VISIT_SRE_WEBHOOK` (docs/config.md).
 */
export function webhookUrlProblem(text: string): string | null {
  const must = 'must be an https:// URL (http:// only to this machine: localhost, 127.0.0.1, [::1])';
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return `${must}; it is not a URL`;
  }
  if (url.protocol === 'https:' && url.hostname) return null;
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol === 'http:' && loopback) return null;
  return must;
}

export function defaultConfig(): Config {
  return {
    repository: 'visit-dav/visit',
    discussions: { categories: ['help-using-visit', 'help-building-visit', 'help-developing-visit'], label: null },
    productRepository: 'visit-dav/visit',
    labels: { wontfix: 'wontfix', reviewed: 'reviewed', lowHangingFruit: 'low hanging fruit' },
    timeZone: 'America/Los_Angeles',
    businessHours: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], windows: ['08:00-12:00', '13:00-17:00'] },
    holidays: { country: 'US', region: null, dates: [], except: [], calendar: null },
    responseGoal: '4h',
    staleAfterDays: 21,
    rotation: 'schedules/rotation.ics',
    team: 'schedules/team.json',
    teamAssociations: ['OWNER', 'MEMBER'],
    templates: { postmortem: null, handoff: null, closing: null },
    desk: { thread: null, labelNew: false, closeStale: false, notifyOutsideBusinessHours: false, webhook: null },
    escalation: DEFAULT_ESCALATION.map((r) => ({ when: r.when, notify: [...r.notify] })),
    trustedBots: ['github-actions[bot]'],
    incident: { notify: ['team'] },
  };
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const ASSOCIATIONS = ['OWNER', 'MEMBER', 'COLLABORATOR', 'CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'FIRST_TIMER', 'MANNEQUIN', 'NONE'];

/** OWNER/NAME, as the config's repository keys and `-R/--repo` take it. */
export function isRepo(text: string): boolean {
  return REPO.test(text);
}

export function isLogin(text: string): boolean {
  return LOGIN.test(text);
}

type Check = (value: unknown, key: string) => unknown;

class Validator {
  constructor(private readonly source: string) {}

  fail(key: string, expected: string): never {
    throw new UsageError(
      `config key "${key}" ${expected} (in ${this.source})`,
      'fix the file, or run `visit-sre init --force` to write a fresh one',
    );
  }

  object(value: unknown, key: string, fields: Record<string, Check>): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(key, 'must be an object');
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const path = key ? `${key}.${k}` : k;
      if (!(k in fields)) this.fail(path, 'is not a known key');
      out[k] = fields[k]!((value as Record<string, unknown>)[k], path);
    }
    return out;
  }

  string = (value: unknown, key: string): string => {
    if (typeof value !== 'string' || value.trim() === '') this.fail(key, 'must be a non-empty string');
    return value;
  };

  nullableString = (value: unknown, key: string): string | null => (value === null ? null : this.string(value, key));

  matching(re: RegExp, what: string): Check {
    return (value, key) => {
      const s = this.string(value, key);
      if (!re.test(s)) this.fail(key, `must be ${what}, not "${s}"`);
      return s;
    };
  }

  stringArray = (value: unknown, key: string): string[] => {
    if (!Array.isArray(value)) this.fail(key, 'must be an array of strings');
    return value.map((v, i) => this.string(v, `${key}[${i}]`));
  };

  boolean = (value: unknown, key: string): boolean => {
    if (typeof value !== 'boolean') this.fail(key, 'must be true or false');
    return value;
  };

  number(min: number, max: number, integer = false): Check {
    return (value, key) => {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
        this.fail(key, `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
      }
      return value;
    };
  }

  date = (value: unknown, key: string): string => {
    const s = this.string(value, key);
    if (!isIsoDate(s)) this.fail(key, `must be a date YYYY-MM-DD, not "${s}"`);
    return s;
  };

  member = (value: unknown, key: string): TeamMember => {
    const m = this.object(value, key, {
      login: this.matching(LOGIN, 'a GitHub login'),
      name: this.string,
      email: this.matching(/^[^\s@]+@[^\s@]+$/, 'an email address'),
      percentTime: this.number(0, 100),
      experienced: this.boolean,
      classifiedAccess: this.boolean,
      unavailable: (v, k) => {
        if (!Array.isArray(v)) this.fail(k, 'must be an array of { "from", "to", "reason"? }');
        return v.map((r, i) => {
          const range = this.object(r, `${k}[${i}]`, { from: this.date, to: this.date, reason: this.string });
          if (range.from === undefined || range.to === undefined) this.fail(`${k}[${i}]`, 'needs both "from" and "to"');
          if ((range.to as string) < (range.from as string)) this.fail(`${k}[${i}]`, 'ends before it starts');
          return range as unknown as Unavailability;
        });
      },
    });
    if (m.login === undefined) this.fail(key, 'needs a "login"');
    return {
      login: m.login as string,
      name: (m.name as string | undefined) ?? (m.login as string),
      ...(m.email !== undefined ? { email: m.email as string } : {}),
      percentTime: (m.percentTime as number | undefined) ?? 50,
      experienced: (m.experienced as boolean | undefined) ?? false,
      classifiedAccess: (m.classifiedAccess as boolean | undefined) ?? false,
      unavailable: (m.unavailable as Unavailability[] | undefined) ?? [],
    };
  };

  team = (value: unknown, key: string): TeamMember[] => {
    if (!Array.isArray(value)) this.fail(key, 'must be an array of team members');
    const team = value.map((v, i) => this.member(v, `${key}[${i}]`));
    const seen = new Set<string>();
    team.forEach((m, i) => {
      const login = m.login.toLowerCase();
      if (seen.has(login)) this.fail(`${key}[${i}].login`, `repeats "${m.login}"`);
      seen.add(login);
    });
    return team;
  };
}

/** Validates a parsed config file, filling in defaults. `source` names the file in errors. */
export function validateConfig(raw: unknown, source: string): Config {
  const v = new Validator(source);
  const d = defaultConfig();
  const dateList = (y: unknown, kk: string): string[] => {
    if (!Array.isArray(y)) v.fail(kk, 'must be an array of dates YYYY-MM-DD');
    return (y as unknown[]).map((s, i) => v.date(s, `${kk}[${i}]`));
  };
  const c = v.object(raw, '', {
    $schema: v.string,
    repository: v.matching(REPO, 'OWNER/NAME'),
    discussions: (x, k) => v.object(x, k, { categories: v.stringArray, label: v.nullableString }),
    productRepository: v.matching(REPO, 'OWNER/NAME'),
    labels: (x, k) => v.object(x, k, { wontfix: v.string, reviewed: v.string, lowHangingFruit: v.string }),
    timeZone: v.string,
    businessHours: (x, k) => v.object(x, k, { days: v.stringArray, windows: v.stringArray }),
    holidays: (x, k) =>
      v.object(x, k, {
        country: (y: unknown, kk: string): string | null => {
          const s = v.nullableString(y, kk);
          if (s !== null && !/^[A-Za-z]{2}$/.test(s.trim()))
            v.fail(kk, `must be an ISO 3166 country code such as "US", or null, not "${s}"`);
          return s === null ? null : s.trim().toUpperCase();
        },
        region: (y: unknown, kk: string): string | null => {
          const s = v.nullableString(y, kk);
          if (s !== null && !/^[A-Za-z0-9]{1,3}(-[A-Za-z0-9]{1,3})?$/.test(s.trim()))
            v.fail(kk, `must be a region code such as "CA" (ISO 3166-2 without the country), or null, not "${s}"`);
          return s === null ? null : s.trim().toUpperCase();
        },
        dates: dateList,
        except: dateList,
        calendar: v.nullableString,
      }),
    responseGoal: (x, k) => {
      const s = v.string(x, k);
      try {
        parseDuration(s);
      } catch {
        v.fail(k, `must be a duration such as "4h", not "${s}"`);
      }
      return s;
    },
    staleAfterDays: v.number(1, 3650, true),
    rotation: v.nullableString,
    team: (x, k) => (typeof x === 'string' ? v.string(x, k) : v.team(x, k)),
    teamAssociations: (x, k) =>
      v.stringArray(x, k).map((s, i) => {
        if (!ASSOCIATIONS.includes(s)) v.fail(`${k}[${i}]`, `must be one of ${ASSOCIATIONS.join(', ')}`);
        return s;
      }),
    templates: (x, k) => v.object(x, k, { postmortem: v.nullableString, handoff: v.nullableString, closing: v.nullableString }),
    desk: (x, k) =>
      v.object(x, k, {
        thread: (y: unknown, kk: string) => {
          const s = v.nullableString(y, kk);
          if (s !== null && !parseDeskThread(s)) v.fail(kk, `must be "OWNER/NAME#NUMBER" (an issue or discussion), not "${s}"`);
          return s;
        },
        labelNew: v.boolean,
        closeStale: v.boolean,
        notifyOutsideBusinessHours: v.boolean,
        webhook: (y: unknown, kk: string) => {
          const s = v.nullableString(y, kk);
          const problem = s === null ? null : webhookUrlProblem(s);
          if (problem) v.fail(kk, problem);
          return s;
        },
      }),
    escalation: (x, k) => {
      if (!Array.isArray(x)) v.fail(k, 'must be an array of { "when", "notify" }');
      return (x as unknown[]).map((r, i) => {
        const rule = v.object(r, `${k}[${i}]`, { when: v.string, notify: v.stringArray });
        if (rule.when === undefined || rule.notify === undefined) v.fail(`${k}[${i}]`, 'needs both "when" and "notify"');
        const when = rule.when as string;
        let stage: number | null = null;
        try {
          stage = overdueStage(when);
        } catch {
          stage = null;
        }
        if (when !== 'new' && when !== 'due-soon' && stage === null)
          v.fail(`${k}[${i}].when`, `must be new, due-soon, overdue or overdue+DURATION (such as overdue+2h), not "${when}"`);
        (rule.notify as string[]).forEach((n, j) => {
          if (!['owner', 'primary', 'backup', 'team'].includes(n) && !LOGIN.test(n.replace(/^@/, '')))
            v.fail(`${k}[${i}].notify[${j}]`, `must be owner, primary, backup, team or a GitHub login, not "${n}"`);
        });
        return { when, notify: (rule.notify as string[]).map((n) => n.replace(/^@/, '')) };
      });
    },
    trustedBots: v.stringArray,
    incident: (x, k) =>
      v.object(x, k, {
        notify: (y: unknown, kk: string) =>
          v.stringArray(y, kk).map((n, j) => {
            if (!['primary', 'backup', 'team'].includes(n) && !LOGIN.test(n.replace(/^@/, '')))
              v.fail(`${kk}[${j}]`, `must be primary, backup, team or a GitHub login, not "${n}"`);
            return n.replace(/^@/, '');
          }),
      }),
  });
  type Part = Record<string, unknown>;
  const merged: Config = {
    ...d,
    ...(c as Partial<Config>),
    discussions: { ...d.discussions, ...((c.discussions as Part) ?? {}) },
    labels: { ...d.labels, ...((c.labels as Part) ?? {}) },
    businessHours: { ...d.businessHours, ...((c.businessHours as Part) ?? {}) },
    // A holidays object written before holidays by rule (a list of dates) keeps meaning that list alone:
    // a team outside the US must not wake up to US holidays. doctor says when such a list runs out.
    holidays: c.holidays ? { ...d.holidays, country: null, ...(c.holidays as Part) } : d.holidays,
    templates: { ...d.templates, ...((c.templates as Part) ?? {}) },
    desk: { ...d.desk, ...((c.desk as Part) ?? {}) },
    incident: { ...d.incident, ...((c.incident as Part) ?? {}) },
  } as Config;
  delete (merged as Partial<Config> & { $schema?: string }).$schema;
  try {
    makeBusinessCalendar({ zone: merged.timeZone, days: merged.businessHours.days, windows: merged.businessHours.windows, holidays: [] });
  } catch (e) {
    const key = /zone/.test((e as Error).message) ? 'timeZone' : 'businessHours';
    v.fail(key, `is invalid: ${(e as Error).message}`);
  }
  return merged;
}

/** Validates a team given as its own JSON file. */
export function validateTeam(raw: unknown, source: string): TeamMember[] {
  return new Validator(source).team(raw, 'team');
}
