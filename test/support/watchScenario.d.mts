/** The Tuesday the runs happen on: 10:00 in Los Angeles, business hours. */
export const WATCH_START: string;
/** N open inquiries in the three default categories, one in twenty waiting on the team, the desk thread as issue #1. */
export function watchScenario(n: number): object;
/** The few things that happen between two runs: a new question, a user's follow-up, a team reply. */
export function watchChanges(store: unknown, step: number, at: string): void;
