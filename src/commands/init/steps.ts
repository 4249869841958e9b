import { isLogin, isRepo, parseDeskThread } from '../../core/config.js';
import type { TeamMember } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';

/** Splits a comma-separated answer, dropping empty items. */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const THREAD_URL = /^https?:\/\/[^/]+\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/(?:issues|discussions)\/([1-9]\d*)\/?(?:[?#].*)?$/;

/**
 * `desk.thread` (docs/config.md#desk) from what a person types: a number in
 * the repository, the thread's URL, or OWNER/NAME#NUMBER; null for none.
 * Undefined when it is none of these.
 */
export function deskThreadFrom(text: string, repository: string): string | null | undefined {
  const t = text.trim().replace(/^#(?=\d)/, '');
  if (!t || /^none$/i.test(t)) return null;
  if (/^[1-9]\d*$/.test(t)) return isRepo(repository) ? `${repository}#${t}` : undefined;
  const url = THREAD_URL.exec(t);
  if (url) return `${url[1]}/${url[2]}#${url[3]}`;
  const ref = parseDeskThread(t);
  return ref ? `${ref.owner}/${ref.name}#${ref.number}` : undefined;
}

export const DESK_THREAD_HINT = 'give the number of an issue or discussion the team owns, its URL, or OWNER/NAME#NUMBER';

/** Members from "login Full Name, login Full Name" (the name defaults to the login); a usage error naming the bad one. */
export function parseMembers(text: string, what = '--members'): Array<{ login: string; name: string }> {
  const members = list(text).map((item) => {
    const [login = '', ...name] = item.split(/\s+/);
    if (!isLogin(login.replace(/^@/, '')))
      throw new UsageError(
        `invalid ${what} entry "${item}": it must start with a GitHub login`,
        'write "login Full Name, login Full Name"',
      );
    return { login: login.replace(/^@/, ''), name: name.join(' ') || login.replace(/^@/, '') };
  });
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.login.toLowerCase())) throw new UsageError(`${what} names ${m.login} twice`, 'list each member once');
    seen.add(m.login.toLowerCase());
  }
  return members;
}

/** The experienced logins among `members`: all when not given, none for "none"; a usage error for a login not among them. */
export function experiencedOf(text: string | undefined, members: ReadonlyArray<{ login: string }>, what = '--experienced'): Set<string> {
  if (text === undefined) return new Set(members.map((m) => m.login));
  if (/^\s*none\s*$/i.test(text)) return new Set();
  const byLower = new Map(members.map((m) => [m.login.toLowerCase(), m.login]));
  return new Set(
    list(text).map((l) => {
      const login = byLower.get(l.replace(/^@/, '').toLowerCase());
      if (!login)
        throw new UsageError(
          `${what} names ${l}, who is not among the members`,
          `give logins of ${members.map((m) => m.login).join(', ')}`,
        );
      return login;
    }),
  );
}

/**
 * Why `schedule generate` cannot plan with this team (docs/process.md#rotation-planning):
 * each week needs a Primary and a different Backup, and an inexperienced
 * Primary an experienced Backup. Undefined when it can.
 */
export function teamProblem(members: ReadonlyArray<Pick<TeamMember, 'experienced'>>, teamFile: string): string | undefined {
  if (members.length < 2) return `list at least two members in ${teamFile}: every week needs a Primary and a Backup`;
  if (!members.some((m) => m.experienced))
    return `mark at least one member "experienced": true in ${teamFile}: an inexperienced Primary needs an experienced Backup`;
  return undefined;
}

/** What init learnt about the token (never the token itself). */
export type TokenFacts = { found: false } | { found: true; source: string; login?: string; refused?: string; unchecked?: string };

export interface SetupFacts {
  /** the written file, when commands run here would not read it */
  unreadConfig?: string;
  holidayStep?: string;
  teamProblem?: string;
  token: TokenFacts;
  rotation: string | null;
  rotationMissing: boolean;
  deskThread: string | null;
}

const PLAN = 'visit-sre schedule generate --start "this week" --weeks 13';

/** The next steps after init, in the order they work: each one's command succeeds once the steps before it are done. */
export function nextSteps(f: SetupFacts): string[] {
  const token = f.token;
  return [
    ...(f.unreadConfig ? [`make the commands read it: \`export VISIT_SRE_CONFIG=${f.unreadConfig}\``] : []),
    ...(f.holidayStep ? [f.holidayStep] : []),
    ...(f.teamProblem ? [f.teamProblem] : []),
    ...(!token.found ? ['give visit-sre a token: `export GH_TOKEN=...` (or run `gh auth login`)'] : []),
    ...(token.found && token.refused ? [token.refused] : []),
    ...(f.rotation && f.rotationMissing
      ? [`see the rotation it would plan: \`${PLAN} --dry-run\``, `write it to ${f.rotation}: \`${PLAN}\``]
      : f.rotation
        ? ['check the rotation: `visit-sre schedule check`']
        : []),
    'see who is on duty: `visit-sre who`',
    ...(f.deskThread
      ? []
      : [
          'for the duty desk (notify, away, delegate, claim): set "desk.thread" to an issue the team owns, as OWNER/NAME#NUMBER (docs/config.md#desk)',
        ]),
    'check the setup: `visit-sre doctor`',
  ];
}
