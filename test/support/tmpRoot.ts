import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * vitest globalSetup: one folder for every temporary folder of the run
 * (`tempDir()` makes them inside it), removed when the run ends, so a long-lived
 * machine does not collect thousands of them in /tmp. Workers inherit the
 * variable, since they start after this runs. KEEP_TEST_TMP=1 keeps it.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'visit-sre-run-'));
  process.env.VISIT_SRE_TEST_TMP = root;
  return () => {
    if (process.env.KEEP_TEST_TMP) return;
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
