/**
 * Every GraphQL document the tool sends, by name. `allDocuments.ts` collects
 * every export of this module, and a test validates each one against GitHub's
 * published schema (@octokit/graphql-schema) and its node limit.
 */

const AUTHOR = 'author { __typename login }';

/** What GitHub charged for the query, in points of the hourly limit: every query asks, so `--verbose` and `notify --json` can say. */
const COST = 'rateLimit { cost }';

const MESSAGE = `id url createdAt body authorAssociation ${AUTHOR}`;

/**
 * What a threaded reply needs for judging state: who and when. The tool writes
 * its markers in top-level comments only, so reply bodies stay unread until a
 * command needs the whole thread.
 */
const REPLY_TURN = `id createdAt authorAssociation ${AUTHOR} isMinimized deletedAt`;

/** A reply with its words: stats reads `Effort:` lines typed in replies (docs/markers.md); fields cost no points. */
const REPLY_WITH_BODY = `${REPLY_TURN} body`;

export const DISCUSSION_HEAD = `
  id number title url createdAt updatedAt closed closedAt isAnswered answerChosenAt
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
  ${COST}
}`;

export const SEARCH_DISCUSSIONS = `
query SearchDiscussions($searchQuery: String!, $pageSize: Int!, $comments: Int!, $replies: Int!, $cursor: String) {
  search(query: $searchQuery, type: DISCUSSION, first: $pageSize, after: $cursor) {
    discussionCount
    pageInfo { hasNextPage endCursor }
    nodes { ... on Discussion { ${DISCUSSION_HEAD} ${RECENT_THREAD} } }
  }
  ${COST}
}`;

/**
 * What changed since an instant, cheaply (docs/process.md#cost-of-a-watch):
 * every discussion of the repository updated since then, open or closed, with
 * only what tells whether it is in scope. 100 a page cost one point.
 */
export const DISCUSSIONS_UPDATED = `
query DiscussionsUpdated($searchQuery: String!, $cursor: String) {
  search(query: $searchQuery, type: DISCUSSION, first: 100, after: $cursor) {
    discussionCount
    pageInfo { hasNextPage endCursor }
    nodes { ... on Discussion { id number updatedAt closed isAnswered category { id } labels(first: 30) { nodes { name } } } }
  }
  ${COST}
}`;

/** Discussions by id, each with its latest thread: the few that changed. Six at a time cost one point. */
export const DISCUSSIONS_BY_ID = `
query DiscussionsById($ids: [ID!]!, $comments: Int!, $replies: Int!) {
  nodes(ids: $ids) { ... on Discussion { ${DISCUSSION_HEAD} ${RECENT_THREAD} } }
  ${COST}
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
  ${COST}
}`;

export const COMMENT_REPLIES = `
query CommentReplies($id: ID!, $cursor: String) {
  node(id: $id) {
    ... on DiscussionComment {
      replies(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { ${MESSAGE} isMinimized deletedAt } }
    }
  }
  ${COST}
}`;

export const REPOSITORY_SCOPE = `
query RepositoryScope($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id nameWithOwner hasDiscussionsEnabled
    discussionCategories(first: 100) { nodes { id slug name isAnswerable } }
  }
  ${COST}
}`;

export const REPOSITORY_LABELS = `
query RepositoryLabels($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    labels(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { id name } }
  }
  ${COST}
}`;

export const LOW_HANGING_FRUIT = `
query LowHangingFruit($owner: String!, $name: String!, $label: String!) {
  repository(owner: $owner, name: $name) {
    issues(first: 10, states: [OPEN], labels: [$label], orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { number title url }
    }
  }
  ${COST}
}`;

/** `promote --search`: open issues of the product repository matching a search (GitHub's best match first). */
export const SEARCH_ISSUES = `
query SearchIssues($searchQuery: String!) {
  search(query: $searchQuery, type: ISSUE, first: 20) {
    issueCount
    nodes { ... on Issue { number title url labels(first: 10) { nodes { name } } } }
  }
}`;

export const VIEWER = `
query Viewer {
  viewer { login }
  rateLimit { limit remaining resetAt used cost }
}`;

export const LABEL_BY_NAME = `
query LabelByName($owner: String!, $name: String!, $label: String!) {
  repository(owner: $owner, name: $name) { id label(name: $label) { id name } }
  ${COST}
}`;

export const ISSUE_FOR_PROMOTION = `
query IssueForPromotion($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    id
    issue(number: $number) { id number url title state labels(first: 50) { nodes { id name } } }
  }
  ${COST}
}`;

export const RECENT_OWN_ISSUES = `
query RecentOwnIssues($owner: String!, $name: String!, $login: String!) {
  repository(owner: $owner, name: $name) {
    id
    issues(first: 30, orderBy: { field: CREATED_AT, direction: DESC }, filterBy: { createdBy: $login }) {
      nodes { id number url body labels(first: 20) { nodes { name } } }
    }
  }
  ${COST}
}`;

export const ADD_DISCUSSION_COMMENT = `
mutation AddDiscussionComment($discussionId: ID!, $body: String!, $replyToId: ID) {
  addDiscussionComment(input: { discussionId: $discussionId, body: $body, replyToId: $replyToId }) {
    comment { id url createdAt }
  }
}`;

export const DELETE_DISCUSSION_COMMENT = `
mutation DeleteDiscussionComment($id: ID!) {
  deleteDiscussionComment(input: { id: $id }) {
    comment { id }
  }
}`;
export const DELETE_DISCUSSION = `
mutation DeleteDiscussion($id: ID!) {
  deleteDiscussion(input: { id: $id }) {
    discussion { id }
  }
}`;
export const MARK_ANSWER = `
mutation MarkAnswer($id: ID!) {
  markDiscussionCommentAsAnswer(input: { id: $id }) { discussion { id isAnswered } }
}`;

export const ADD_LABELS = `
mutation AddLabels($labelableId: ID!, $labelIds: [ID!]!) {
  addLabelsToLabelable(input: { labelableId: $labelableId, labelIds: $labelIds }) { clientMutationId }
}`;

export const REMOVE_LABELS = `
mutation RemoveLabels($labelableId: ID!, $labelIds: [ID!]!) {
  removeLabelsFromLabelable(input: { labelableId: $labelableId, labelIds: $labelIds }) { clientMutationId }
}`;

export const CLOSE_DISCUSSION = `
mutation CloseDiscussion($discussionId: ID!, $reason: DiscussionCloseReason) {
  closeDiscussion(input: { discussionId: $discussionId, reason: $reason }) { discussion { id closed } }
}`;

export const CREATE_ISSUE = `
mutation CreateIssue($repositoryId: ID!, $title: String!, $body: String!) {
  createIssue(input: { repositoryId: $repositoryId, title: $title, body: $body }) { issue { id number url } }
}`;

export const ADD_ISSUE_COMMENT = `
mutation AddIssueComment($subjectId: ID!, $body: String!) {
  addComment(input: { subjectId: $subjectId, body: $body }) { commentEdge { node { id url } } }
}`;

export const CREATE_DISCUSSION = `
mutation CreateDiscussion($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
  createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) {
    discussion { id number url }
  }
}`;

/** Closed discussions, latest change first: what a week closed, read until the changes are older than the week. */
export const CLOSED_DISCUSSIONS = `
query ClosedDiscussions($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: 50, after: $cursor, states: [CLOSED], orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes { number title url updatedAt closedAt category { id } labels(first: 30) { nodes { name } } }
    }
  }
}`;

export const RECENT_DISCUSSIONS = `
query RecentDiscussions($owner: String!, $name: String!, $categoryId: ID) {
  repository(owner: $owner, name: $name) {
    discussions(first: 50, categoryId: $categoryId, orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes { id number url body }
    }
  }
  ${COST}
}`;

/** Discussions created in a date range, for stats: the opening of each thread, where first responses are, with reply bodies for effort lines. */
export const DISCUSSIONS_CREATED = `
query DiscussionsCreated($searchQuery: String!, $cursor: String) {
  search(query: $searchQuery, type: DISCUSSION, first: 100, after: $cursor) {
    discussionCount
    pageInfo { hasNextPage endCursor }
    nodes {
      ... on Discussion {
        ${DISCUSSION_HEAD}
        comments(first: 30) {
          totalCount
          nodes {
            ${MESSAGE} isAnswer isMinimized deletedAt
            replies(first: 10) { totalCount nodes { ${REPLY_WITH_BODY} } }
          }
        }
      }
    }
  }
  ${COST}
}`;

/**
 * The desk thread (docs/process.md#duty-desk): an issue or a discussion, whichever the number is,
 * with its latest comments. GitHub answers NOT_FOUND for the other kind; the
 * adapter reads the part that was found.
 */
const DESK_COMMENT = `id url createdAt body authorAssociation ${AUTHOR} isMinimized`;
export const DESK_THREAD = `
query DeskThread($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue {
        id number title url body
        comments(last: 100, before: $cursor) { pageInfo { hasPreviousPage startCursor } nodes { ${DESK_COMMENT} } }
      }
    }
    discussion(number: $number) {
      id number title url body
      comments(last: 100, before: $cursor) { pageInfo { hasPreviousPage startCursor } nodes { ${DESK_COMMENT} deletedAt } }
    }
  }
  ${COST}
}`;

export const UPDATE_ISSUE_BODY = `
mutation UpdateIssueBody($id: ID!, $body: String!) {
  updateIssue(input: { id: $id, body: $body }) { issue { id } }
}`;

export const UPDATE_DISCUSSION_BODY = `
mutation UpdateDiscussionBody($discussionId: ID!, $body: String!) {
  updateDiscussion(input: { discussionId: $discussionId, body: $body }) { discussion { id } }
}`;

export const UPDATE_ISSUE_COMMENT = `
mutation UpdateIssueComment($id: ID!, $body: String!) {
  updateIssueComment(input: { id: $id, body: $body }) { issueComment { id } }
}`;

export const UPDATE_DISCUSSION_COMMENT = `
mutation UpdateDiscussionComment($commentId: ID!, $body: String!) {
  updateDiscussionComment(input: { commentId: $commentId, body: $body }) { comment { id } }
}`;

export const DELETE_ISSUE_COMMENT = `
mutation DeleteIssueComment($id: ID!) {
  deleteIssueComment(input: { id: $id }) { clientMutationId }
}`;
