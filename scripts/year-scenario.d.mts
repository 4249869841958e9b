export function yearDiscussions(n?: number, year?: number): Array<Record<string, unknown>>;
export function yearScenario(n?: number, year?: number): { token: string; viewer: string; repositories: Array<Record<string, unknown>> };
