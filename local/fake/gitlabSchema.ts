import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The part of GitLab's GraphQL API the product may query, written from GitLab's GraphQL API reference
 * (docs.gitlab.com/api/graphql/reference: `Query.project`, `Project.mergeRequests`, `Project.issues`, the
 * `MergeRequest`, `Note`, `UserCore`, `DiffStatsSummary`, `Issue`, `Label` objects and the `IssueType`,
 * `MergeRequestSort`, `IssueSort`, `MergeRequestState`, `IssueState` enums), with the reference's names, types,
 * nullability and argument lists for these fields. GitLab's schema is much larger; a query naming a field or an
 * argument not written here fails validation as an unknown one would on GitLab, so adding a field to the
 * product's query means adding it here from the reference first.
 */
const SDL = /* GraphQL */ `
  scalar Time
  scalar NoteID
  scalar MergeRequestID
  scalar IssueID
  scalar UserID

  type Query {
    project(fullPath: ID!): Project
    currentUser: UserCore
    queryComplexity: QueryComplexity
  }

  type QueryComplexity {
    limit: Int
    score: Int
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  enum MergeRequestState {
    opened
    closed
    locked
    all
    merged
  }
  enum IssueState {
    opened
    closed
    locked
    all
  }
  enum IssueType {
    ISSUE
    INCIDENT
    TEST_CASE
    REQUIREMENT
    TASK
    TICKET
    OBJECTIVE
    KEY_RESULT
    EPIC
  }
  enum MergeRequestSort {
    updated_desc
    updated_asc
    created_desc
    created_asc
    UPDATED_DESC
    UPDATED_ASC
    CREATED_DESC
    CREATED_ASC
    MERGED_AT_ASC
    MERGED_AT_DESC
    CLOSED_AT_ASC
    CLOSED_AT_DESC
    PRIORITY_ASC
    PRIORITY_DESC
    LABEL_PRIORITY_ASC
    LABEL_PRIORITY_DESC
    MILESTONE_DUE_ASC
    MILESTONE_DUE_DESC
    TITLE_ASC
    TITLE_DESC
    POPULARITY_ASC
    POPULARITY_DESC
  }
  enum IssueSort {
    updated_desc
    updated_asc
    created_desc
    created_asc
    UPDATED_DESC
    UPDATED_ASC
    CREATED_DESC
    CREATED_ASC
    DUE_DATE_ASC
    DUE_DATE_DESC
    RELATIVE_POSITION_ASC
    SEVERITY_ASC
    SEVERITY_DESC
    TITLE_ASC
    TITLE_DESC
    POPULARITY_ASC
    POPULARITY_DESC
    PRIORITY_ASC
    PRIORITY_DESC
  }

  type Project {
    id: ID!
    fullPath: ID!
    name: String!
    webUrl: String
    mergeRequests(
      iids: [String!]
      sourceBranches: [String!]
      targetBranches: [String!]
      state: MergeRequestState
      draft: Boolean
      createdAfter: Time
      createdBefore: Time
      updatedAfter: Time
      updatedBefore: Time
      mergedAfter: Time
      mergedBefore: Time
      labels: [String!]
      authorUsername: String
      reviewerUsername: String
      sort: MergeRequestSort = created_desc
      after: String
      before: String
      first: Int
      last: Int
    ): MergeRequestConnection
    issues(
      iid: String
      iids: [String!]
      state: IssueState
      labelName: [String]
      types: [IssueType!]
      createdAfter: Time
      createdBefore: Time
      updatedAfter: Time
      updatedBefore: Time
      closedAfter: Time
      closedBefore: Time
      search: String
      sort: IssueSort = created_desc
      after: String
      before: String
      first: Int
      last: Int
    ): IssueConnection
  }

  type MergeRequestConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [MergeRequest]
  }

  type MergeRequest {
    id: MergeRequestID!
    iid: String!
    title: String!
    description: String
    state: MergeRequestState!
    draft: Boolean!
    createdAt: Time!
    updatedAt: Time!
    mergedAt: Time
    closedAt: Time
    webUrl: String
    sourceBranch: String!
    targetBranch: String!
    author: MergeRequestAuthor
    approved: Boolean!
    approvedBy(after: String, before: String, first: Int, last: Int): UserCoreConnection
    reviewers(after: String, before: String, first: Int, last: Int): MergeRequestReviewerConnection
    diffStatsSummary: DiffStatsSummary
    notes(filter: NotesFilterType = ALL_NOTES, after: String, before: String, first: Int, last: Int): NoteConnection!
  }

  enum NotesFilterType {
    ALL_NOTES
    ONLY_COMMENTS
    ONLY_ACTIVITY
  }

  type DiffStatsSummary {
    additions: Int!
    deletions: Int!
    changes: Int!
    fileCount: Int!
  }

  type MergeRequestAuthor {
    id: UserID!
    username: String!
    name: String!
  }

  type UserCore {
    id: UserID!
    username: String!
    name: String!
  }

  type UserCoreConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [UserCore]
  }

  type MergeRequestReviewer {
    id: UserID!
    username: String!
    name: String!
  }

  type MergeRequestReviewerConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [MergeRequestReviewer]
  }

  type NoteConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [Note]
  }

  type Note {
    id: NoteID!
    body: String!
    system: Boolean!
    internal: Boolean
    createdAt: Time!
    updatedAt: Time!
    url: String
    author: UserCore
  }

  type IssueConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [Issue]
  }

  type Issue {
    id: IssueID!
    iid: String!
    title: String!
    description: String
    state: IssueState!
    type: IssueType
    createdAt: Time!
    updatedAt: Time!
    closedAt: Time
    webUrl: String!
    labels(after: String, before: String, first: Int, last: Int): LabelConnection
  }

  type LabelConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [Label]
  }

  type Label {
    id: ID!
    title: String!
    color: String!
  }
`;

let schema: GraphQLSchema | undefined;

export function gitlabSchema(): GraphQLSchema {
  schema ??= buildSchema(SDL);
  return schema;
}
