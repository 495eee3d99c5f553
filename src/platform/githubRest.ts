import { ConfigError } from '../domain/errors';
import { DEFAULT_API_URL } from './github';
import type { HttpClient, HttpResponse } from './urlfetch';

/**
 * GitHub's REST API over the shared HttpClient: `https://api.github.com`, or GitHub Enterprise Server's
 * `https://HOST/api/v3` (GITHUB_API_URL). Answers come back as they are; the use case reads GitHub's status codes
 * and its permission headers (X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Accepted-GitHub-Permissions).
 */
export interface GitHubRest {
  readonly root: string;
  call(method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: unknown): HttpResponse;
  /** GETs sent together (UrlFetchApp.fetchAll). */
  getAll(paths: readonly string[]): HttpResponse[];
}

export function restRoot(apiUrl: string | undefined): string {
  const base = (apiUrl || DEFAULT_API_URL).trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(base))
    throw new ConfigError(`GITHUB_API_URL must be a URL such as ${DEFAULT_API_URL} or https://github.example.com/api/v3, got "${base}"`);
  return base;
}

export function gitHubRest(http: HttpClient, options: { apiUrl: string | undefined; token: string | undefined }): GitHubRest {
  if (!options.token) throw new ConfigError('GITHUB_TOKEN is not set: add a GitHub token to the Script Properties');
  const root = restRoot(options.apiUrl);
  const headers = {
    Authorization: `Bearer ${options.token}`,
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
  };
  return {
    root,
    call: (method, path, body) => http.request({ url: `${root}${path}`, method, headers, ...(body !== undefined ? { json: body } : {}) }),
    getAll: (paths) => http.requestAll(paths.map((p) => ({ url: `${root}${p}`, method: 'get' as const, headers }))),
  };
}
