import type { Context } from '../../shell/context.js';
import type { Prompter } from '../../app/context.js';
import { readTeamFile } from '../../store/config.js';
import { UsageError, VisitSreError } from '../../core/errors.js';
import type { InitOptions } from './init.flags.js';
import { experiencedOf, parseMembers, teamProblem } from './steps.js';

export interface TeamPlan {
  /** the team file's text to write, when init writes it */
  text?: string;
  members: number;
  /** why `schedule generate` could not plan with this team */
  problem?: string;
  missing: boolean;
}

const LOGIN_FIRST = /^@?[A-Za-z0-9][A-Za-z0-9-]{0,38}(\s|$)/;

/**
 * The team file the config names must exist, or every command that needs the
 * team fails at once. `--members`, or on a terminal the members typed in,
 * give a new one, with who is experienced (docs/config.md#team), so the
 * rotation can be planned at once; without either init refuses, since a team
 * cannot be guessed and an empty one would make `who` and `handoff` name nobody.
 */
export async function planTeam(
  ctx: Context,
  file: string,
  shown: string,
  opts: Pick<InitOptions, 'members' | 'experienced' | 'dryRun'>,
  ask: Prompter | undefined,
): Promise<TeamPlan> {
  if (await ctx.deps.fs.exists(file)) {
    if (opts.members !== undefined || opts.experienced !== undefined)
      throw new UsageError(
        `the team file ${shown} exists: --members and --experienced write a new one only`,
        `edit ${shown} instead, or drop those flags`,
      );
    return { missing: false, ...(await existingTeam(ctx, file, shown)) };
  }
  const refuse = () =>
    new UsageError(
      `the team file ${shown} does not exist`,
      `pass --members "login Full Name, login Full Name", or create it (a JSON array of members), or run \`visit-sre init\` on a terminal`,
    );
  let members: Array<{ login: string; name: string }>;
  let experienced: Set<string>;
  if (opts.members !== undefined) {
    members = parseMembers(opts.members);
    experienced = experiencedOf(opts.experienced, members);
  } else {
    if (opts.experienced !== undefined)
      throw new UsageError('--experienced needs --members', 'give the members of the new team file with --members');
    if (opts.dryRun) return { members: 0, missing: true };
    if (!ask || !(await ask.confirm(`The team file ${shown} does not exist. Create it now?`, true))) throw refuse();
    members = [];
    for (;;) {
      const line = (
        await ask.input('Team member: GitHub login and full name (empty to finish)', {
          validate: (v) => {
            if (!v.trim()) return true;
            if (!LOGIN_FIRST.test(v.trim())) return 'start with a GitHub login';
            const login = v.trim().split(/\s/)[0]!.replace(/^@/, '').toLowerCase();
            return !members.some((m) => m.login.toLowerCase() === login) || `${login} is listed already`;
          },
        })
      ).trim();
      if (!line) break;
      members.push(...parseMembers(line.replace(/,/g, ' '), 'member'));
    }
    if (members.length === 0) throw refuse();
    const all = members.map((m) => m.login).join(', ');
    const answer = await ask.input('Experienced members, who may back up a newcomer (logins, or "none")', {
      default: all,
      validate: (v) => {
        try {
          experiencedOf(v, members, 'the answer');
          return true;
        } catch (e) {
          return (e as Error).message;
        }
      },
    });
    experienced = experiencedOf(answer, members, 'the answer');
  }
  const written = members.map((m) => ({ ...m, percentTime: 50, experienced: experienced.has(m.login) }));
  return {
    text: `${JSON.stringify(written, null, 2)}\n`,
    members: written.length,
    problem: teamProblem(written, shown),
    missing: false,
  };
}

/** An existing team file: how many members, and whether the rotation can be planned with them. */
async function existingTeam(ctx: Context, file: string, shown: string): Promise<{ members: number; problem?: string }> {
  try {
    const team = (await readTeamFile(ctx.deps.fs, file)) ?? [];
    return { members: team.length, problem: teamProblem(team, shown) };
  } catch (e) {
    if (!(e instanceof VisitSreError)) throw e;
    return { members: 0, problem: `fix the team file: ${e.message}` };
  }
}
