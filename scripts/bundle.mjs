#!/usr/bin/env node
// Bundles the CLI with rolldown into bundle/lib/: one ESM entry that holds
// what every command needs (commander, the shell, config), plus chunks that a command's
// dynamic import() loads only when that command runs (Octokit, node-ical,
// ical-generator, inquirer, the HTML report with Plot and linkedom, jq-wasm).
// The bundle carries its dependencies, so neither a release tarball nor the
// Action needs node_modules. It is committed: the Action runs it as checked
// out, and `node scripts/bundle.mjs --check` fails when it is stale.
//
//   node scripts/bundle.mjs            build into bundle/
//   node scripts/bundle.mjs --check    build into a temporary folder and compare with git's HEAD
//   node scripts/bundle.mjs --out DIR  build into DIR (the tests' fresh builds)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The one place that names the CLI's modules: what bin/visit-sre.js imports
 * from bundle/lib/visit-sre.js. (The source layout may move; change it here.)
 */
export const ENTRY = {
  main: 'src/main.ts',
  processDeps: 'src/shell/deps.ts',
};
/** The module every command but --help loads first: it and what it imports make one chunk. */
const CONTEXT = 'src/shell/context.ts';
export const BUNDLE = 'bundle';

// Every output file sits two folders below the package root, as dist/x/y.js
// does for src/x/y.ts, so that `../../templates` and `../../package.json`
// from import.meta.url resolve the same in the module tree and in the bundle.
const LIB = 'lib';

/** The entry: ENTRY's exports, and nothing else. */
const entry = {
  name: 'visit-sre-entry',
  resolveId: (id) => (id === 'visit-sre:entry' ? '\0visit-sre:entry' : null),
  load: (id) =>
    id === '\0visit-sre:entry'
      ? Object.entries(ENTRY)
          .map(([name, file]) => `export { ${name} } from ${JSON.stringify(path.join(root, file))};`)
          .join('\n')
      : null,
};

/**
 * src loads CommonJS builds synchronously through createRequire(import.meta.url),
 * which a bundler cannot follow. In the bundle the same calls become the
 * bundler's own require of the bundled copy: still evaluated only when called.
 */
const bundledRequire = {
  name: 'bundled-require',
  transform: {
    filter: { id: /[\\/]src[\\/].*\.ts$/ },
    handler(code, id) {
      if (id.endsWith(`${path.sep}windowsZones.ts`)) return null;
      const out = code
        .replace(/^\s*const require = createRequire\(import\.meta\.url\);$/gm, '')
        .replace(/createRequire\(import\.meta\.url\)\(/g, 'require(');
      if (/createRequire\(import\.meta\.url\)/.test(out))
        this.error(`createRequire(import.meta.url) in a form the bundle cannot follow: ${path.relative(root, id)}`);
      return out === code ? null : out;
    },
  },
};

/** node-ical's Windows zone names, which the module tree reads from its folder, inlined. */
const windowsZones = {
  name: 'windows-zones',
  load(id) {
    if (!/[\\/]src[\\/]calendar[\\/]windowsZones\.ts$/.test(id)) return null;
    const table = JSON.parse(readFileSync(path.join(root, 'node_modules', 'node-ical', 'windowsZones.json'), 'utf8'));
    // JSON.parse of a string parses faster than an object literal, and only when called.
    return `const TEXT = ${JSON.stringify(JSON.stringify(table))};\nexport function windowsZonesTable() { return JSON.parse(TEXT); }\n`;
  },
};

/**
 * jq-wasm's Emscripten loader reads `__dirname` under Node, which an ES module
 * has not (`--jq` failed in the bundle with "__dirname is not defined"). Its
 * wasm is inlined as a data URL, so no file is ever looked up there.
 */
const emscriptenDirname = {
  name: 'emscripten-dirname',
  transform: {
    filter: { id: /[\\/]jq-wasm[\\/]dist[\\/]build[\\/]jq\.js$/ },
    handler: (code) => `var __dirname = '.';\n${code}`,
  },
};

/** Builds the bundle into `outdir`; returns the chunks, each with the modules it holds. */
export async function bundle(outdir) {
  const lib = path.join(outdir, LIB);
  rmSync(lib, { recursive: true, force: true });
  const { output } = await build({
    cwd: root,
    input: { 'visit-sre': 'visit-sre:entry' },
    platform: 'node',
    logLevel: 'warn',
    // The entry chunk may export more than ENTRY's names, so it can hold the shared code itself: one file fewer.
    preserveEntrySignatures: 'allow-extension',
    plugins: [entry, bundledRequire, windowsZones, emscriptenDirname],
    output: {
      dir: lib,
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      minify: true,
      // Licences are in THIRD-PARTY-NOTICES.txt, whole.
      comments: false,
      // What every command loads (commander, the registry, the error mapping) in the entry chunk itself, not in
      // slivers beside it; the rest splits at each dynamic import(), so only its command loads it.
      codeSplitting: {
        groups: [
          { name: 'visit-sre', tags: ['$initial'], priority: 2 },
          { name: 'context', test: (id) => path.resolve(id) === path.join(root, CONTEXT), priority: 1 },
        ],
      },
    },
  });
  const chunks = output.filter((o) => o.type === 'chunk').map((c) => ({ file: c.fileName, modules: Object.keys(c.modules) }));
  writeFileSync(path.join(outdir, 'THIRD-PARTY-NOTICES.txt'), notices(chunks.flatMap((c) => c.modules)));
  return chunks;
}

/** The licence of every package whose code the bundle carries, as their licences ask. */
function notices(modules) {
  const packages = new Set();
  for (const id of modules) {
    const m = /^(?:.*[\\/])?node_modules[\\/]((?:@[^/\\]+[\\/])?[^/\\]+)[\\/]/.exec(id);
    if (m) packages.add(m[1].replace(/\\/g, '/'));
  }
  const parts = [...packages].sort().map((name) => {
    const dir = path.join(root, 'node_modules', name);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    return `${name}@${pkg.version}\n\n${text}\n`;
  });
  return `visit-sre's bundle includes code from these packages.\n\n${parts.join(`\n${'-'.repeat(72)}\n\n`)}`;
}

/** Files of a folder, relative, sorted. */
function filesOf(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) =>
      path
        .relative(dir, path.join(d.parentPath ?? d.path, d.name))
        .split(path.sep)
        .join('/'),
    )
    .sort();
}

/** What differs between a fresh build and the bundle committed at HEAD: [] when current. */
export async function staleFiles() {
  const fresh = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-bundle-'));
  try {
    await bundle(fresh);
    const committed = execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD', `${BUNDLE}/`], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.slice(BUNDLE.length + 1));
    const built = filesOf(fresh);
    const differ = [...new Set([...committed, ...built])].filter((f) => {
      if (!committed.includes(f) || !built.includes(f)) return true;
      const head = execFileSync('git', ['show', `HEAD:${BUNDLE}/${f}`], { cwd: root, maxBuffer: 64 << 20 });
      return !head.equals(readFileSync(path.join(fresh, f)));
    });
    return differ.sort();
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--check') {
    const stale = await staleFiles();
    if (stale.length) {
      console.error(
        `The committed ${BUNDLE}/ is not what the sources build (${stale.length} files differ: ${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}).\nRun \`npm run build\` and commit ${BUNDLE}/.`,
      );
      process.exit(1);
    }
    console.log(`${BUNDLE}/ is current.`);
  } else {
    const out = args[0] === '--out' ? path.resolve(args[1]) : path.join(root, BUNDLE);
    mkdirSync(out, { recursive: true });
    await bundle(out);
  }
}
