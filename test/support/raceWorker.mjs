// One "machine" for the concurrency test: a separate process that runs the
// built CLI's main() each time the test sends it a command line, so that two
// such processes can race without paying Node's start-up on every run.
import { main } from '../../dist/main.js';
import { processDeps } from '../../dist/shell/deps.js';

process.on('message', async ({ args, env }) => {
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const deps = {
    ...processDeps(),
    stdout: { write: (s) => (stdout += s), isTTY: false },
    stderr: { write: (s) => (stderr += s), isTTY: false },
  };
  const code = await main(args, deps);
  process.send({ code, stdout, stderr });
});
