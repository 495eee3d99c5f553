import { FakeGitLab } from './gitlabModel';
import { header, type FakeRequest, type FakeResponse } from './types';

/**
 * GitLab for the demo and the benchmark (network `fake`): gitlab.com or any host named gitlab…, answered by the
 * same model the tests' loopback server uses (gitlabModel.ts), with one project of 500 merge requests for the
 * benchmark and a small one for the demo. Any token is accepted, as the demo has none of its own.
 */
export const FAKE_GITLAB_PROJECTS = { demo: 'shinchoku-demo/gitlab-app', bench: 'shinchoku-bench/merge-requests-500' } as const;

const models = new Map<string, FakeGitLab>();

function modelAt(now: number): FakeGitLab {
  const anchor = new Date(Math.floor(now / 86_400_000) * 86_400_000).toISOString();
  let model = models.get(anchor);
  if (!model) {
    model = new FakeGitLab();
    model.configure({
      token: null,
      projects: [
        {
          path: FAKE_GITLAB_PROJECTS.demo,
          now: anchor,
          mergeRequests: 20,
          approvalsPerMr: 1,
          commentsPerMr: 2,
          pipelines: 10,
          deployments: 10,
          incidents: 1,
        },
        { path: FAKE_GITLAB_PROJECTS.bench, now: anchor, mergeRequests: 500, approvalsPerMr: 2, commentsPerMr: 1 },
      ],
    });
    models.set(anchor, model);
  }
  return model;
}

export function isGitLabApi(url: URL): boolean {
  return /(^|\.)gitlab\./.test(url.hostname) && /^\/api\/(v4\/|graphql$)/.test(url.pathname);
}

export function gitlab(req: FakeRequest): FakeResponse {
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'private-token', 'content-type']) {
    const value = header(req, name);
    if (value !== undefined) headers[name] = value;
  }
  const answer = modelAt(req.now).handle(req.method, req.url.pathname, Object.fromEntries(req.url.searchParams), headers, req.text);
  return { status: answer.status, headers: answer.headers, body: answer.body };
}
