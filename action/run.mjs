// What action.yml runs (`runs.using: node24`): the runner's own Node 24, the
// committed bundle, no install. Inputs arrive as INPUT_* variables.
import { appendFileSync } from 'node:fs';
import { splitWords, WordsError } from './words.mjs';

const input = (name, fallback = '') => process.env[`INPUT_${name.toUpperCase()}`]?.trim() || fallback;

let args;
try {
  args = splitWords(input('command', 'notify'));
} catch (error) {
  if (!(error instanceof WordsError)) throw error;
  process.stderr.write(`error: the command input: ${error.message}\n`);
  process.exit(2);
}
// A webhook that did not come from a secret is masked all the same.
const webhook = input('webhook');
if (webhook) process.stdout.write(`::add-mask::${webhook}\n`);
const env = process.env;
if (input('token')) env.GH_TOKEN = input('token');
if (input('config')) env.VISIT_SRE_CONFIG = input('config');
if (webhook) env.VISIT_SRE_WEBHOOK = webhook;

const { main, processDeps } = await import('../bundle/lib/visit-sre.js');
const deps = processDeps();
const summary = input('summary') === 'true' ? env.GITHUB_STEP_SUMMARY : undefined;
// With `summary: true` the command's output also goes to the job's summary page.
const stdout = summary ? { isTTY: false, write: (chunk) => (appendFileSync(summary, chunk), process.stdout.write(chunk)) } : deps.stdout;
process.exitCode = await main(args, { ...deps, stdout });
