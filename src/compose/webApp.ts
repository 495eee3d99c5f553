import type { PostHandler } from '../app/webApp';
import { slackPost } from './chat';
import { reportFailure } from './errors';
import { githubPostHandler } from './github';
import { kpiSnapshotPostHandler } from './kpi';

/** `POST …/exec?source=…`: each source's handler, in the area that owns it. */
export function postHandlers(): Record<string, PostHandler> {
  return {
    slack: (request) => slackPost(request, (error) => reportFailure('doPost', error)),
    progress: kpiSnapshotPostHandler,
    github: githubPostHandler,
  };
}
