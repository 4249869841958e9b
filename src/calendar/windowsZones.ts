import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * node-ical's table of Windows and Outlook zone display names, read from its
 * folder (its package exports do not name the file). The bundle replaces this
 * module with the table inlined (scripts/bundle.mjs), as it has no node_modules.
 */
export function windowsZonesTable(): Record<string, { iana?: string[] }> {
  const dir = path.dirname(createRequire(import.meta.url).resolve('node-ical/package.json'));
  return JSON.parse(readFileSync(path.join(dir, 'windowsZones.json'), 'utf8')) as Record<string, { iana?: string[] }>;
}
