import { UsageError } from './errors.js';

/**
 * Fills {{name}} placeholders. An unknown placeholder is a usage error that
 * names it and the template, so a typo never reaches a user.
 */
export function fillTemplate(template: string, values: Record<string, string>, source: string): string {
  const unknown = [...template.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!).filter((name) => !(name in values));
  if (unknown.length) {
    throw new UsageError(
      `unknown placeholder {{${unknown[0]}}} in ${source}`,
      `the placeholders are: ${Object.keys(values)
        .map((k) => `{{${k}}}`)
        .join(', ')}`,
    );
  }
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_m, name: string) => values[name]!);
}
