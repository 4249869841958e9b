export const ENTRY: Record<string, string>;
export const BUNDLE: string;
export interface Chunk {
  file: string;
  modules: string[];
}
export function bundle(outdir: string): Promise<Chunk[]>;
export function staleFiles(): Promise<string[]>;
