import type { PingEvent, WebhookEventName } from '@octokit/webhooks-types';

/**
 * GitHub's REST endpoints the script calls: repository webhooks (list, create, update, delete) and a commit's
 * line counts (`GET /repos/{owner}/{repo}/commits/{ref}`, `GET …/compare/{base}...{head}`). Requests are checked
 * the way GitHub checks them (docs.github.com ▸ REST ▸ Repository webhooks / Commits): the methods and paths,
 * the body fields and their types (422 "Validation Failed" otherwise), and the token's permission — a classic
 * token needs a `*:repo_hook` scope or `repo` (GitHub answers 404 without, naming the accepted scopes in
 * X-Accepted-OAuth-Scopes), a fine-grained token the "Webhooks" repository permission (403 without, naming it in
 * X-Accepted-GitHub-Permissions). A stored hook has the shape of GitHub's own hook object (the ping event's
 * `hook`, typed by @octokit/webhooks-types), so a drift in GitHub's definition breaks the type check.
 */

type StoredHook = PingEvent['hook'];

export interface FakeTokenAccess {
  /** A classic token's scopes (sent back in X-OAuth-Scopes). */
  scopes?: string[];
  /** A fine-grained token's repository permissions, e.g. `{ webhooks: 'read' }`. */
  permissions?: Record<string, 'read' | 'write'>;
}

export interface FakeRestConfig {
  /** Tokens with limited access; any other token may do everything. */
  tokens?: Record<string, FakeTokenAccess>;
  /** Repositories the REST side knows (`owner/name`); others answer 404. Empty: every repository exists. */
  repositories?: string[];
  /** Line counts of commits by SHA (others get a deterministic count from the SHA). */
  commitLines?: Record<string, { additions: number; deletions: number }>;
}

export interface RestAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const HOOK_EVENTS: ReadonlySet<string> = new Set<WebhookEventName | '*'>([
  '*',
  'push',
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
  'issues',
  'issue_comment',
  'deployment',
  'deployment_status',
  'workflow_run',
  'workflow_job',
  'check_run',
  'check_suite',
  'release',
  'create',
  'delete',
  'status',
]);

const READ_SCOPES = ['read:repo_hook', 'write:repo_hook', 'admin:repo_hook', 'repo'];
const WRITE_SCOPES = ['write:repo_hook', 'admin:repo_hook', 'repo'];

export class FakeGitHubRest {
  private hooks = new Map<string, StoredHook[]>();
  private tokens: Record<string, FakeTokenAccess> = {};
  private repositories = new Set<string>();
  private commitLines: Record<string, { additions: number; deletions: number }> = {};
  private nextId = 1000;
  /** Every REST request, for tests. */
  readonly requests: Array<{ method: string; path: string; body: unknown }> = [];

  configure(config: FakeRestConfig): void {
    if (config.tokens) this.tokens = config.tokens;
    if (config.repositories) this.repositories = new Set(config.repositories.map((r) => r.toLowerCase()));
    if (config.commitLines) this.commitLines = config.commitLines;
  }

  hooksOf(repository: string): StoredHook[] {
    return this.hooks.get(repository.toLowerCase()) ?? [];
  }

  /** `path` without the API root (`/repos/o/r/hooks`). */
  handle(method: string, path: string, authorization: string | undefined, text: string, now: number): RestAnswer | undefined {
    const route = /^\/repos\/([^/]+)\/([^/]+)\/(hooks(?:\/(\d+))?|commits\/([^/]+)|compare\/([^/]+)\.\.\.([^/]+))$/.exec(path.split('?')[0] ?? '');
    if (!route) return undefined;
    const repository = `${route[1]}/${route[2]}`;
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return answer(400, { message: 'Problems parsing JSON' });
      }
    }
    this.requests.push({ method, path, body });
    const token = /^(?:bearer|token)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return answer(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
    const access = this.tokens[token];
    const classic = access?.scopes !== undefined ? { 'X-OAuth-Scopes': access.scopes.join(', ') } : {};
    if (this.repositories.size > 0 && !this.repositories.has(repository.toLowerCase())) return answer(404, notFound(), classic);

    if (route[3]?.startsWith('hooks')) {
      const write = method !== 'GET';
      const refused = this.refuse(access, write);
      if (refused) return refused;
      const id = route[4] ? Number(route[4]) : null;
      return { ...this.hookRoute(method, repository, id, body, now), headers: { ...classic } };
    }
    if (method !== 'GET') return answer(404, notFound(), classic);
    if (route[5]) return answer(200, this.commit(repository, route[5]), classic);
    const head = route[7] ?? '';
    const lines = this.linesOf(head);
    // GitHub's compare: the commits (without stats) and the files changed between the two, with their counts.
    const files = [
      {
        sha: head,
        filename: 'src/change.ts',
        status: 'modified',
        additions: lines.additions,
        deletions: lines.deletions,
        changes: lines.additions + lines.deletions,
      },
    ];
    const { stats: _stats, files: _files, ...withoutStats } = this.commit(repository, head);
    return answer(200, { status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [withoutStats], files }, classic);
  }

  private refuse(access: FakeTokenAccess | undefined, write: boolean): RestAnswer | null {
    if (!access) return null;
    if (access.scopes) {
      const accepted = write ? WRITE_SCOPES : READ_SCOPES;
      if (access.scopes.some((s) => accepted.includes(s))) return null;
      // GitHub hides what a classic token may not see behind a 404, and says which scopes would do.
      return answer(404, notFound(), { 'X-OAuth-Scopes': access.scopes.join(', '), 'X-Accepted-OAuth-Scopes': accepted.join(', ') });
    }
    const level = access.permissions?.['webhooks'];
    if (level === 'write' || (level === 'read' && !write)) return null;
    return answer(
      403,
      {
        message: 'Resource not accessible by personal access token',
        documentation_url: 'https://docs.github.com/rest/repos/webhooks',
        status: '403',
      },
      { 'X-Accepted-GitHub-Permissions': `webhooks=${write ? 'write' : 'read'}` },
    );
  }

  private hookRoute(method: string, repository: string, id: number | null, body: unknown, now: number): RestAnswer {
    const key = repository.toLowerCase();
    const list = this.hooks.get(key) ?? [];
    this.hooks.set(key, list);
    const at = new Date(now).toISOString();
    const found = id === null ? undefined : list.find((h) => h.id === id);
    if (id !== null && !found) return answer(404, notFound());
    if (method === 'GET') return answer(200, id === null ? list.map(shown) : shown(found as StoredHook));
    if (method === 'DELETE' && found) {
      list.splice(list.indexOf(found), 1);
      return answer(204, '');
    }
    if (method === 'POST' && id === null) {
      const problem = checkHookBody(body, true);
      if (problem) return invalid(problem);
      const b = body as { name?: string; config: Record<string, unknown>; events?: string[]; active?: boolean };
      const events = (b.events ?? ['push']) as StoredHook['events'];
      if (list.some((h) => h.config.url === b.config['url'] && sameEvents(h.events, events)))
        return invalid('Hook already exists on this repository');
      const hookId = this.nextId++;
      const hook: StoredHook = {
        type: 'Repository',
        id: hookId,
        name: 'web',
        active: b.active ?? true,
        events,
        config: {
          url: String(b.config['url']),
          content_type: b.config['content_type'] === 'json' ? 'json' : 'form',
          insecure_ssl: String(b.config['insecure_ssl'] ?? '0') === '1' ? '1' : '0',
          ...(typeof b.config['secret'] === 'string' ? { secret: b.config['secret'] } : {}),
        },
        updated_at: at,
        created_at: at,
        url: `https://api.github.com/repos/${repository}/hooks/${hookId}`,
        test_url: `https://api.github.com/repos/${repository}/hooks/${hookId}/test`,
        ping_url: `https://api.github.com/repos/${repository}/hooks/${hookId}/pings`,
        deliveries_url: `https://api.github.com/repos/${repository}/hooks/${hookId}/deliveries`,
      };
      list.push(hook);
      return answer(201, shown(hook));
    }
    if (method === 'PATCH' && found) {
      const problem = checkHookBody(body, false);
      if (problem) return invalid(problem);
      const b = body as { config?: Record<string, unknown>; events?: string[]; active?: boolean };
      if (b.config) {
        found.config = {
          url: String(b.config['url'] ?? found.config.url),
          content_type: b.config['content_type'] === 'json' ? 'json' : b.config['content_type'] === 'form' ? 'form' : found.config.content_type,
          insecure_ssl: String(b.config['insecure_ssl'] ?? found.config.insecure_ssl) === '1' ? '1' : '0',
          ...(typeof b.config['secret'] === 'string' ? { secret: b.config['secret'] } : {}),
        };
      }
      if (b.events) found.events = b.events as StoredHook['events'];
      if (b.active !== undefined) found.active = b.active;
      found.updated_at = at;
      return answer(200, shown(found));
    }
    return answer(404, notFound());
  }

  private linesOf(sha: string): { additions: number; deletions: number } {
    return this.commitLines[sha] ?? { additions: (parseInt(sha.slice(0, 4), 16) || 7) % 200, deletions: (parseInt(sha.slice(4, 8), 16) || 3) % 50 };
  }

  private commit(repository: string, sha: string): Record<string, unknown> {
    const lines = this.linesOf(sha);
    return {
      sha,
      html_url: `https://github.com/${repository}/commit/${sha}`,
      stats: { additions: lines.additions, deletions: lines.deletions, total: lines.additions + lines.deletions },
      files: [],
    };
  }
}

/** GitHub never shows a hook's secret again: `********` in its place. */
function shown(hook: StoredHook): StoredHook {
  return { ...hook, config: { ...hook.config, ...(hook.config.secret !== undefined ? { secret: '********' } : {}) } };
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** The body rules of "Create a repository webhook" / "Update a repository webhook". */
function checkHookBody(body: unknown, create: boolean): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return "Invalid request.\n\nFor 'links/0/schema', nil is not an object.";
  const b = body as Record<string, unknown>;
  const allowed = create ? ['name', 'config', 'events', 'active'] : ['config', 'events', 'add_events', 'remove_events', 'active'];
  const extra = Object.keys(b).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    return `Invalid request.\n\n${extra.map((k) => `"${k}"`).join(', ')} ${extra.length === 1 ? 'is not a permitted key' : 'are not permitted keys'}.`;
  if (create && b['name'] !== undefined && b['name'] !== 'web') return 'Invalid request.\n\nname must be "web".';
  if (b['active'] !== undefined && typeof b['active'] !== 'boolean') return "Invalid request.\n\nFor 'properties/active', not a boolean.";
  if (b['events'] !== undefined) {
    if (!Array.isArray(b['events']) || b['events'].some((e) => typeof e !== 'string'))
      return "Invalid request.\n\nFor 'properties/events', not an array of strings.";
    const unknown = (b['events'] as string[]).filter((e) => !HOOK_EVENTS.has(e));
    if (unknown.length > 0) return `Invalid request.\n\n${unknown.join(', ')} is not a valid event name.`;
  }
  const config = b['config'];
  if (create && config === undefined) return 'Invalid request.\n\n"config" wasn\'t supplied.';
  if (config !== undefined) {
    if (config === null || typeof config !== 'object') return "Invalid request.\n\nFor 'properties/config', not an object.";
    const c = config as Record<string, unknown>;
    if (create && typeof c['url'] !== 'string') return 'Config must contain URL.';
    if (c['url'] !== undefined && (typeof c['url'] !== 'string' || !/^https?:\/\/\S+$/.test(c['url']))) return 'Config url is not a valid URL.';
    if (c['content_type'] !== undefined && c['content_type'] !== 'json' && c['content_type'] !== 'form')
      return 'Config content_type must be json or form.';
    if (c['secret'] !== undefined && typeof c['secret'] !== 'string') return "Invalid request.\n\nFor 'properties/secret', not a string.";
    if (c['insecure_ssl'] !== undefined && !['0', '1', 0, 1].includes(c['insecure_ssl'] as never)) return 'Config insecure_ssl must be "0" or "1".';
  }
  return null;
}

function notFound(): Record<string, string> {
  return { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };
}

function invalid(message: string): RestAnswer {
  return answer(422, {
    message: 'Validation Failed',
    errors: [{ resource: 'Hook', code: 'custom', message }],
    documentation_url: 'https://docs.github.com/rest/repos/webhooks',
  });
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): RestAnswer {
  return { status, headers, body };
}
