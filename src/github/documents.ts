/**
 * Every GraphQL document the tool sends, by name. A test validates each one
 * against GitHub's published schema (@octokit/graphql-schema).
 */

const AUTHOR = 'author { __typename login }';

const MESSAGE = `id url createdAt body authorAssociation ${AUTHOR}`;

/**
 * What a threaded reply needs for judging state: who and when. The tool writes
 * its markers in top-level comments only, so reply bodies stay unread until a
 * command needs the whole thread.
 */
const REPLY_TURN = `id createdAt authorAssociation ${AUTHOR} isMinimized deletedAt`;

export const DISCUSSION_HEAD = `
  id number title url createdAt closed closedAt isAnswered answerChosenAt
  body authorAssociation ${AUTHOR}
  category { id slug name isAnswerable }
  labels(first: 30) { nodes { name } }`;

/** The latest comments and their latest replies: enough to judge an ordinary thread. */
const RECENT_THREAD = `
  comments(last: $comments) {
    totalCount
    nodes {
      ${MESSAGE} isAnswer isMinimized deletedAt
      replies(last: $replies) { totalCount nodes { ${REPLY_TURN} } }
    }
  }`;

export const OPEN_DISCUSSIONS = `
query OpenDiscussions($owner: String!, $name: String!, $categoryId: ID, $pageSize: Int!, $comments: Int!, $replies: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: $pageSize, after: $cursor, categoryId: $categoryId, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${DISCUSSION_HEAD} ${RECENT_THREAD} }
    }
  }
}`;

export const SEARCH_DISCUSSIONS = `
query SearchDiscussions($searchQuery: String!, $pageSize: Int!, $comments: Int!, $replies: Int!, $cursor: String) {
  search(query: $searchQuery, type: DISCUSSION, first: $pageSize, after: $cursor) {
    discussionCount
    pageInfo { hasNextPage endCursor }
    nodes { ... on Discussion { ${DISCUSSION_HEAD} ${RECENT_THREAD} } }
  }
}`;

export const DISCUSSION_THREAD = `
query DiscussionThread($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    discussion(number: $number) {
      ${DISCUSSION_HEAD}
      comments(first: 100, after: $cursor) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          ${MESSAGE} isAnswer isMinimized deletedAt
          replies(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ${MESSAGE} isMinimized deletedAt } }
        }
      }
    }
  }
}`;

export const COMMENT_REPLIES = `
query CommentReplies($id: ID!, $cursor: String) {
  node(id: $id) {
    ... on DiscussionComment {
      replies(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { ${MESSAGE} isMinimized deletedAt } }
    }
  }
}`;

export const REPOSITORY_SCOPE = `
query RepositoryScope($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id nameWithOwner hasDiscussionsEnabled
    discussionCategories(first: 100) { nodes { id slug name isAnswerable } }
  }
}`;

export const REPOSITORY_LABELS = `
query RepositoryLabels($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    labels(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { id name } }
  }
}`;

export const LOW_HANGING_FRUIT = `
query LowHangingFruit($owner: String!, $name: String!, $label: String!) {
  repository(owner: $owner, name: $name) {
    issues(first: 10, states: [OPEN], labels: [$label], orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { number title url }
    }
  }
}`;

export const VIEWER = `
query Viewer {
  viewer { login }
  rateLimit { limit remaining resetAt used }
}`;

export const ALL_DOCUMENTS: Record<string, string> = {
  OpenDiscussions: OPEN_DISCUSSIONS,
  SearchDiscussions: SEARCH_DISCUSSIONS,
  DiscussionThread: DISCUSSION_THREAD,
  CommentReplies: COMMENT_REPLIES,
  RepositoryScope: REPOSITORY_SCOPE,
  RepositoryLabels: REPOSITORY_LABELS,
  LowHangingFruit: LOW_HANGING_FRUIT,
  Viewer: VIEWER,
};
