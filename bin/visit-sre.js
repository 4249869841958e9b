#!/usr/bin/env node
import { main } from '../dist/main.js';
import { processDeps } from '../dist/shell/deps.js';

// A reader that has seen enough (`visit-sre who | head -1`) closes the pipe:
// end quietly, as git does, instead of dying on EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
process.exitCode = await main(process.argv.slice(2), processDeps());
