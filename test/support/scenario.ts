/** Builders for stand-in scenarios written in tests. */
export interface MessageSpec {
  author: string | null;
  association?: string;
  createdAt: string;
  body?: string;
  isAnswer?: boolean;
  minimized?: boolean;
  deleted?: boolean;
  replies?: MessageSpec[];
}

export interface DiscussionSpec extends MessageSpec {
  number?: number;
  title?: string;
  category?: string;
  labels?: string[];
  closed?: boolean;
  locked?: boolean;
  comments?: MessageSpec[];
}

export const CATEGORIES = [
  { slug: 'help-using-visit', name: 'Help using VisIt' },
  { slug: 'help-building-visit', name: 'Help building VisIt' },
  { slug: 'help-developing-visit', name: 'Help developing VisIt' },
  { slug: 'ideas', name: 'Ideas', isAnswerable: false },
];

export function scenario(discussions: DiscussionSpec[], extra: Record<string, unknown> = {}) {
  return {
    token: 'test-token',
    viewer: 'grace-hopper',
    repositories: [
      {
        owner: 'visit-dav',
        name: 'visit',
        categories: CATEGORIES,
        labels: ['wontfix', 'reviewed', 'low hanging fruit', 'support'],
        discussions,
        issues: [{ number: 900, title: 'Easy one', labels: ['low hanging fruit'] }],
      },
    ],
    ...extra,
  };
}

export const team = (login: string, createdAt: string, body = 'answer', more: Partial<MessageSpec> = {}): MessageSpec => ({
  author: login,
  association: 'MEMBER',
  createdAt,
  body,
  ...more,
});
export const user = (login: string, createdAt: string, body = 'question', more: Partial<MessageSpec> = {}): MessageSpec => ({
  author: login,
  association: 'NONE',
  createdAt,
  body,
  ...more,
});

/** N ordinary open discussions spread over the three help categories. */
export function manyDiscussions(n: number, start = Date.parse('2026-11-02T17:00:00Z')): DiscussionSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const at = (h: number) => new Date(start + i * 600_000 + h * 3_600_000).toISOString().replace('.000', '');
    return {
      ...user(`user${i}`, at(0), `question ${i}`),
      title: `Question ${i}`,
      category: CATEGORIES[i % 3]!.slug,
      comments: Array.from({ length: 1 + (i % 20) }, (_c, c) => ({
        ...team('ada-lovelace', at(1 + c)),
        replies: Array.from({ length: i % 11 }, (_r, r) => user(`user${i}`, at(1 + c + (r + 1) / 20))),
      })),
    };
  });
}
