/**
 * Every GraphQL query the sync sends, as constants, so a test validates each against GitHub's published schema
 * (@octokit/graphql-schema). One request fetches a page of each connection still to be read: 100 pull requests
 * with up to 100 reviews each, 100 deployments with their statuses, 100 incident issues, 100 default-branch
 * commits with their line counts. `@include` leaves out the connections already done, so a repository with 500
 * pull requests and nothing else new costs 5 requests (GraphQL cost about 1 point each).
 */
export const SYNC_QUERY = `query ShinchokuSync(
  $owner: String!
  $name: String!
  $withPulls: Boolean!
  $pullsAfter: String
  $withDeployments: Boolean!
  $deploymentsAfter: String
  $withIncidents: Boolean!
  $incidentsAfter: String
  $incidentLabels: [String!]
  $incidentsSince: DateTime
  $withCommits: Boolean!
  $commitsAfter: String
  $commitsSince: GitTimestamp
) {
  rateLimit {
    cost
    remaining
    resetAt
  }
  repository(owner: $owner, name: $name) {
    nameWithOwner
    pullRequests(first: 100, after: $pullsAfter, orderBy: { field: UPDATED_AT, direction: DESC }) @include(if: $withPulls) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        number
        title
        url
        state
        isDraft
        headRefName
        body
        createdAt
        updatedAt
        mergedAt
        closedAt
        additions
        deletions
        changedFiles
        author {
          login
        }
        timelineItems(last: 1, itemTypes: [READY_FOR_REVIEW_EVENT]) {
          nodes {
            ... on ReadyForReviewEvent {
              createdAt
            }
          }
        }
        reviews(first: 100) {
          totalCount
          nodes {
            databaseId
            state
            submittedAt
            author {
              login
            }
          }
        }
      }
    }
    deployments(first: 100, after: $deploymentsAfter, orderBy: { field: CREATED_AT, direction: DESC }) @include(if: $withDeployments) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        databaseId
        environment
        createdAt
        commitOid
        statuses(first: 20) {
          nodes {
            state
            createdAt
            logUrl
          }
        }
      }
    }
    issues(first: 100, after: $incidentsAfter, filterBy: { labels: $incidentLabels, since: $incidentsSince }, orderBy: { field: UPDATED_AT, direction: DESC }) @include(if: $withIncidents) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        number
        title
        url
        body
        createdAt
        closedAt
        updatedAt
        labels(first: 20) {
          nodes {
            name
          }
        }
      }
    }
    defaultBranchRef @include(if: $withCommits) {
      target {
        ... on Commit {
          history(first: 100, after: $commitsAfter, since: $commitsSince) {
            pageInfo {
              hasNextPage
              endCursor
            }
            nodes {
              oid
              message
              committedDate
              additions
              deletions
              url
              author {
                name
                user {
                  login
                }
              }
            }
          }
        }
      }
    }
  }
}`;

export const ALL_QUERIES: Readonly<Record<string, string>> = { SYNC_QUERY };
