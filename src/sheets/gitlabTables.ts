import { defineTable, type RecordOf } from './schema';
import type { GITHUB_EVENTS } from './githubTables';

/**
 * Every accepted GitLab webhook delivery, oldest first, as `GitHub Events` keeps GitHub's: `Data` holds the
 * delivery's facts for the shared tables (`Pull Requests`, `Reviews`, … with Forge `gitlab`) until the next run
 * has merged them. The columns have GitHub Events' keys, so one applier serves both.
 */
export const GITLAB_EVENTS = defineTable({
  name: 'GitLab Events',
  columns: [
    { key: 'receivedAt', header: 'Received At', type: 'datetime', required: true, width: 130 },
    { key: 'event', header: 'Event', type: 'text', width: 130 },
    { key: 'action', header: 'Action', type: 'text', width: 100 },
    { key: 'repository', header: 'Project', type: 'text', width: 200 },
    { key: 'actor', header: 'Actor', type: 'text', width: 120 },
    { key: 'ref', header: 'Reference', type: 'text', width: 110 },
    { key: 'title', header: 'Title', type: 'text', width: 280 },
    { key: 'url', header: 'URL', type: 'text', width: 240 },
    { key: 'dedupeKey', header: 'Dedupe Key', type: 'text', width: 220 },
    { key: 'appliedAt', header: 'Applied At', type: 'datetime', width: 130 },
    { key: 'data', header: 'Data', type: 'text', width: 80 },
  ],
  key: ['dedupeKey'],
});

export const GITLAB_TABLES = [GITLAB_EVENTS] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
/** The applier reads both event tables alike: a column added to one only fails to compile. */
export type GitLabEventsMatch = Holds<Same<RecordOf<typeof GITLAB_EVENTS>, RecordOf<typeof GITHUB_EVENTS>>>;
