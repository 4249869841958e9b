import { Command, examples, writerFlags } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const logCallCommand = () =>
  writerFlags(
    new Command('log-call')
      .description('record a hotline call, walk-in, email or hallway question as a discussion (or, classified, only in the local journal)')
      .option('--via <method>', 'hotline, walk-in, email, chat, hallway or other')
      .option('--customer <who>', 'the customer as given, e.g. "Jane Smith <jane@lab.gov>" (public on GitHub!)')
      .option('--customer-private', "keep only the customer's initials")
      .option('--title <title>', 'the discussion title')
      .option('--body <text>', 'what they asked')
      .option('--body-file <file>', 'what they asked, from a file ("-" for standard input)')
      .option('--at <when>', 'when the contact happened (default: now)')
      .option('--confirm <number>', 'you own this redirected contact and the customer reached you: record the three-way handoff')
      .option('--eml <file>', 'an e-mail message file (.eml, "-" for standard input): Subject, From and text become the inquiry')
      .option('--classified', 'keep everything off GitHub: journal the contact only, and name who has access')
      .option('--needed-by <when>', 'with --classified: when the customer needs an answer (asks the desk thread for someone with access)')
      .option('--answered', 'you are not the acting Primary and you answered the customer: this post counts as the response'),
  ).addHelpText(
    'after',
    `${examples(
      'visit-sre log-call                                   # asks, on a terminal',
      'visit-sre log-call --via hotline --customer "Jane Smith" --customer-private --title "Silo files from 2.x" --body "..." --effort 20m',
      'visit-sre log-call --via walk-in --classified --needed-by +4h',
      'visit-sre log-call --eml ~/Downloads/question.eml --customer-private',
      'visit-sre log-call --confirm 4321                   # the customer someone else took has reached you',
    )}\nWhen GitHub cannot be reached, the inquiry waits in the outbox ($XDG_STATE_HOME/visit-sre/outbox/) for \`visit-sre sync\`.\n`,
  );
export type LogCallOptions = OptionsOf<typeof logCallCommand>;
