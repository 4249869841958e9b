export class WordsError extends Error {}
export function splitWords(text: string): string[];
