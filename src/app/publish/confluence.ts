import { confluenceStorage } from '../../domain/publish/confluenceStorage';
import type { ReportDocument } from '../../domain/publish/weeklyDocument';
import type { HttpRequest, HttpResponse } from '../../platform/urlfetch';
import { apiCaller, parseJson, PublishError, type ApiDeps } from './apiClient';
import type { PublishedPage } from './notion';

export interface ConfluenceTarget {
  /** https://team.atlassian.net */
  baseUrl: string;
  email: string;
  apiToken: string;
  spaceId: string;
  parentId: string;
}

function confluenceApi(deps: ApiDeps, target: ConfluenceTarget) {
  const call = apiCaller(deps, 'Confluence', 0);
  return (method: NonNullable<HttpRequest['method']>, path: string, json?: unknown): HttpResponse & { body: Record<string, unknown> } => {
    const request: HttpRequest = {
      url: `${target.baseUrl}/wiki/api/v2${path}`,
      method,
      // Basic auth with the account's email and an API token, as Atlassian asks of scripts.
      headers: { Authorization: `Basic ${deps.base64(`${target.email}:${target.apiToken}`)}`, Accept: 'application/json' },
    };
    if (json !== undefined) request.json = json;
    const response = call(request);
    return { ...response, body: parseJson(response.text) };
  };
}

function fail(response: { status: number; body: Record<string, unknown> }, what: string): never {
  const first = (response.body['errors'] as Array<{ title?: string; detail?: string | null }> | undefined)?.[0];
  const message = first ? [first.title, first.detail].filter(Boolean).join(': ') : `HTTP ${response.status}`;
  throw new PublishError('Confluence', response.status, `${what}: ${message}`);
}

interface PageJson {
  id?: string;
  title?: string;
  version?: { number?: number };
  _links?: { webui?: string; base?: string };
}

/**
 * The week's page in the space: found by its stored id, else by its title (Confluence allows one page of a title in
 * a space), then updated with the next version number; made under CONFLUENCE_PARENT_ID when there is none.
 */
export function publishToConfluence(deps: ApiDeps, target: ConfluenceTarget, doc: ReportDocument, storedId: string | null): PublishedPage {
  const api = confluenceApi(deps, target);
  const body = { representation: 'storage', value: confluenceStorage(doc) };
  let page: PageJson | null = null;
  if (storedId) {
    const got = api('get', `/pages/${encodeURIComponent(storedId)}`);
    if (got.status === 200) page = got.body as PageJson;
    else if (got.status !== 404) fail(got, 'reading the stored page');
  }
  if (!page) {
    const found = api('get', `/pages?space-id=${encodeURIComponent(target.spaceId)}&title=${encodeURIComponent(doc.title)}&status=current&limit=1`);
    if (found.status !== 200) fail(found, 'looking for the week’s page');
    page = ((found.body['results'] as PageJson[] | undefined) ?? [])[0] ?? null;
  }
  const link = (p: PageJson) => (p._links?.webui ? `${p._links.base ?? `${target.baseUrl}/wiki`}${p._links.webui}` : '');
  if (page?.id) {
    const next = (page.version?.number ?? 0) + 1;
    const update: Record<string, unknown> = {
      id: page.id,
      status: 'current',
      title: doc.title,
      spaceId: target.spaceId,
      body,
      version: { number: next, message: 'shinchoku' },
    };
    if (target.parentId) update['parentId'] = target.parentId;
    const put = api('put', `/pages/${encodeURIComponent(page.id)}`, update);
    if (put.status !== 200) fail(put, 'updating the page');
    return { id: page.id, url: link(put.body as PageJson), action: 'updated' };
  }
  const create: Record<string, unknown> = { spaceId: target.spaceId, status: 'current', title: doc.title, body };
  if (target.parentId) create['parentId'] = target.parentId;
  const made = api('post', '/pages', create);
  if (made.status !== 200) fail(made, 'creating the page');
  const p = made.body as PageJson;
  return { id: String(p.id), url: link(p), action: 'created' };
}
