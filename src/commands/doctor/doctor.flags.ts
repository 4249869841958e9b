import { Command, examples } from '../../shell/commandKit.js';

export const doctorCommand = () =>
  new Command('doctor')
    .description('check config, token, GitHub access, categories, labels, calendar coverage and outbox')
    .addHelpText('after', examples('visit-sre doctor', 'visit-sre doctor --json'));
