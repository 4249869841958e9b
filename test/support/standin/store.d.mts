/** The stand-in's in-memory GitHub; its records are plain objects shaped like GitHub's GraphQL types. */
export class Store {
  constructor(scenario: object);
  viewerLogin: string;
  token: string | null;
  /** more accounts: token -> login */
  tokens: Record<string, string>;
  nodes: Map<string, any>;
  repos: any[];
  repository(owner: string, name: string): any | null;
  snapshot(): import('./server.d.mts').Snapshot[];
  thread(nameWithOwner: string, number: number): ReturnType<import('./server.d.mts').Standin['store']['thread']>;
  addDiscussion(repo: unknown, spec: object): any;
  addComment(discussion: unknown, spec: object, parent?: unknown): any;
}
