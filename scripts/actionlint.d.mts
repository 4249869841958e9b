export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}
export function actionInputs(text?: string): string[];
export function selfWorkflow(inputs?: string[]): string;
export function lintWorkflow(text: string, file: string, inputs?: string[]): Promise<Problem[]>;
export function lintWorkflows(): Promise<{ files: string[]; problems: Problem[] }>;
