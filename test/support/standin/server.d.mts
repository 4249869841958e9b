export interface Fault {
  type: 'status' | 'secondary' | 'drop' | 'stall' | 'lose' | 'revoke' | 'partial';
  status?: number;
  retryAfter?: number;
  /** how long a stall holds the request before closing it unanswered; default 10 minutes */
  ms?: number;
  times?: number;
  when?: 'query' | 'mutation' | 'any';
}

export interface LogEntry {
  at: number;
  method: string;
  path: string;
  operationName: string | null;
  kind: 'query' | 'mutation' | 'subscription' | null;
  status: number | 'dropped' | 'lost' | 'stalled';
  variables: Record<string, unknown> | null;
  fault?: string;
  invalid?: boolean;
  /** the error type GitHub refuses the document with before running it */
  refused?: string;
  /** the points the call costs, by GitHub's published formula */
  cost?: number;
}

export interface Snapshot {
  repository: string;
  discussions: Array<{
    number: number;
    title: string;
    closed: boolean;
    labels: string[];
    answer: string | null;
    body: string;
    comments: Array<{ author: string | null; body: string; replies: Array<{ author: string | null; body: string }> }>;
  }>;
  issues: Array<{ number: number; title: string; body: string; labels: string[]; comments: string[] }>;
}

export interface Standin {
  url: string;
  token: string;
  log: LogEntry[];
  store: {
    snapshot(): Snapshot[];
    token: string | null;
    /** more accounts: token -> login (scenario `tokens`), each acting as that person */
    tokens: Record<string, string>;
    requestCount: number;
    /** the raw repositories, for what a snapshot leaves out (comment URLs, ids) */
    repos: any[];
    /** an issue or discussion's body and top-level comments (the desk thread) */
    thread(
      nameWithOwner: string,
      number: number,
    ): { body: string; updatedAt: string; comments: Array<{ id: string; author: string | null; body: string; createdAt: string }> } | null;
  };
  inject(fault: Fault): void;
  onStall(listener: (entry: LogEntry) => void): void;
  setLatency(ms: number): void;
  /** how long every mutation takes before it is applied */
  setWriteLatency(ms: number): void;
  setClock(iso: string | null): void;
  graphqlRequests(): LogEntry[];
  /** the points the GraphQL calls logged since `from` (an index into the log) cost, by GitHub's formula */
  points(from?: number): number;
  close(): Promise<void>;
}

export function startStandin(
  scenario: object | string,
  options?: { latencyMs?: number; writeLatencyMs?: number; now?: () => string; port?: number },
): Promise<Standin>;
