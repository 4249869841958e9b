import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/deps.js';

/**
 * The layer rules of docs/architecture.md, read from every import of every
 * source file, static and dynamic (TypeScript's own pre-processor sees
 * `import('…')` as well as `import … from`).
 *
 *   main -> commands -> shell -> app -> calendar, github, store -> core
 */
const LAYERS = ['core', 'calendar|github|store', 'app', 'shell', 'commands', 'main'] as const;

function layerOf(rel: string): number {
  const top = rel.split('/')[1] ?? '';
  if (rel === 'src/main.ts' || rel === 'src/program.ts') return LAYERS.indexOf('main');
  if (top === 'types') return -1;
  const i = LAYERS.findIndex((l) => l.split('|').includes(top));
  if (i < 0) throw new Error(`${rel} is in no layer: add its folder to LAYERS`);
  return i;
}

const commandOf = (rel: string) => (rel.startsWith('src/commands/') ? rel.split('/')[2] : null);

export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

/** Every broken rule in a set of files (paths relative to the repository, `src/...`). */
export function violations(files: ReadonlyMap<string, string>): Violation[] {
  const found: Violation[] = [];
  for (const [file, text] of files) {
    const info = ts.preProcessFile(text, true, true);
    const from = layerOf(file);
    for (const { fileName: spec } of info.importedFiles) {
      if (!spec.startsWith('.')) {
        if (file.startsWith('src/core/') && spec !== 'luxon')
          found.push({ file, imports: spec, rule: 'core imports only luxon and itself (no node:*, no packages)' });
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts');
      if (!target.startsWith('src/')) continue; // package.json, templates: data, not a layer
      const to = layerOf(target);
      if (to > from) found.push({ file, imports: target, rule: `imports point down: ${LAYERS[from]} may not import ${LAYERS[to]}` });
      const [a, b] = [commandOf(file), commandOf(target)];
      if (a && b && a !== b) found.push({ file, imports: target, rule: 'no command imports another command' });
    }
    if (file.startsWith('src/core/')) {
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\bDate\.now\(|\bperformance\.now\(|\bnew Date\(\s*\)/.test(code))
        found.push({ file, imports: '(wall clock)', rule: 'core never reads the wall clock: take `now` as a parameter' });
    }
  }
  return found;
}

function sourceFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts'))
        files.set(path.relative(REPO_ROOT, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

describe('layers', () => {
  const tree = sourceFiles(path.join(REPO_ROOT, 'src'));

  it('the source tree breaks no layer rule', () => {
    expect(tree.size).toBeGreaterThan(50);
    expect(violations(tree)).toEqual([]);
  });

  it.each([
    ['src/core/planted.ts', "import { Context } from '../shell/context.js';", 'imports point down: core may not import shell'],
    ['src/core/planted.ts', "const m = await import('../app/context.js');", 'imports point down: core may not import app'],
    ['src/app/planted.ts', "export const x = () => import('../commands/who/who.js');", 'imports point down: app may not import commands'],
    [
      'src/github/planted.ts',
      "import type { Context } from '../shell/context.js';",
      'imports point down: calendar|github|store may not import shell',
    ],
    ['src/commands/who/planted.ts', "import { runStart } from '../start/start.js';", 'no command imports another command'],
    ['src/core/planted.ts', "import fs from 'node:fs';", 'core imports only luxon and itself (no node:*, no packages)'],
    ['src/core/planted.ts', 'export const t = () => Date.now();', 'core never reads the wall clock: take `now` as a parameter'],
  ])('a planted %s (%s) is caught', (file, text, rule) => {
    const planted = new Map(tree).set(file, text);
    expect(violations(planted).map((v) => v.rule)).toEqual([rule]);
  });

  it('comments cite the reference in docs/, not documents outside the repository', () => {
    const outside = [...tree].flatMap(([file, text]) =>
      text
        .split('\n')
        .map((line, i) => ({ file: `${file}:${i + 1}`, line }))
        .filter(({ line }) => /\bSPEC ?§|\bSTYLE \d/.test(line))
        .map(({ file }) => file),
    );
    expect(outside).toEqual([]);
  });

  it('a downward import and a command importing its own files are allowed', () => {
    const ok = new Map([
      ['src/commands/who/who.ts', "import { render } from './render.js';\nimport { x } from '../../shell/output.js';"],
      ['src/commands/who/render.ts', "import { y } from '../../core/timeText.js';"],
    ]);
    expect(violations(ok)).toEqual([]);
  });
});
