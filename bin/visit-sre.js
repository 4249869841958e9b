#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps the compiled bundle on disk between runs (skipped where the runtime lacks it).
module.enableCompileCache?.();

// A reader that has seen enough (`visit-sre who | head -1`) closes the pipe:
// end quietly, as git does, instead of dying on EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
// Imported after the cache is on, so that the bundle's modules are compiled through it.
const { main, processDeps } = await import('../bundle/lib/visit-sre.js');
process.exitCode = await main(process.argv.slice(2), processDeps());
