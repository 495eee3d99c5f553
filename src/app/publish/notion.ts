import type { ReportDocument } from '../../domain/publish/weeklyDocument';
import {
  missingNotionProperties,
  notionBatches,
  notionBlocks,
  notionId,
  notionPropertyValues,
  NOTION_PROPERTIES,
  richText,
} from '../../domain/publish/notionBlocks';
import type { HttpRequest, HttpResponse } from '../../platform/urlfetch';
import { apiCaller, parseJson, PublishError, type ApiDeps } from './apiClient';

/** The Notion-Version this publisher speaks: the one with data sources (pages in a database go into its data source). */
export const NOTION_VERSION = '2025-09-03';
const API = 'https://api.notion.com/v1';

export interface NotionTarget {
  token: string;
  /** NOTION_PARENT as typed: a page or database, by URL or id. */
  parent: string;
}

export interface PublishedPage {
  id: string;
  url: string;
  action: 'created' | 'updated';
}

type Parent = { kind: 'page'; id: string } | { kind: 'dataSource'; id: string; databaseId: string; titleProperty: string };

export function notionApi(deps: ApiDeps, token: string) {
  const call = apiCaller(deps, 'Notion', 340);
  return (method: NonNullable<HttpRequest['method']>, path: string, json?: unknown): HttpResponse & { body: Record<string, unknown> } => {
    const request: HttpRequest = {
      url: `${API}${path}`,
      method,
      headers: { Authorization: `Bearer ${token}`, 'Notion-Version': NOTION_VERSION },
    };
    if (json !== undefined) request.json = json;
    const response = call(request);
    return { ...response, body: parseJson(response.text) };
  };
}

type Api = ReturnType<typeof notionApi>;

function fail(response: { status: number; body: Record<string, unknown> }, what: string): never {
  const message = typeof response.body['message'] === 'string' ? response.body['message'] : `HTTP ${response.status}`;
  throw new PublishError('Notion', response.status, `${what}: ${message}`);
}

/** NOTION_PARENT: a database (its data source) when Notion knows it as one, else a page shared with the integration. */
function resolveParent(api: Api, parentText: string): Parent {
  const id = notionId(parentText);
  if (!id) throw new PublishError('Notion', 0, `NOTION_PARENT "${parentText}" holds no Notion page or database id`);
  const db = api('get', `/databases/${id}`);
  if (db.status === 200) {
    const sources = Array.isArray(db.body['data_sources']) ? (db.body['data_sources'] as Array<{ id?: string }>) : [];
    const dataSourceId = sources[0]?.id;
    if (!dataSourceId) throw new PublishError('Notion', 200, `the database ${id} has no data source`);
    const ds = api('get', `/data_sources/${dataSourceId}`);
    if (ds.status !== 200) fail(ds, 'reading the database');
    const schema = (ds.body['properties'] ?? {}) as Record<string, { type?: unknown }>;
    const titleProperty = Object.entries(schema).find(([, p]) => p.type === 'title')?.[0] ?? 'Name';
    const missing = missingNotionProperties(schema);
    if (Object.keys(missing).length > 0) {
      const added = api('patch', `/data_sources/${dataSourceId}`, { properties: missing });
      if (added.status !== 200) fail(added, `adding the properties ${Object.keys(missing).join(', ')} to the database`);
    }
    return { kind: 'dataSource', id: dataSourceId, databaseId: id, titleProperty };
  }
  if (db.status !== 404 && db.status !== 400) fail(db, 'reading NOTION_PARENT');
  const page = api('get', `/pages/${id}`);
  if (page.status === 200) return { kind: 'page', id };
  return fail(page, `NOTION_PARENT ${id} (share the page or database with the integration)`);
}

/** The week's page if it is still there: the stored one, else found under the parent by its week or title. */
function findPage(api: Api, parent: Parent, doc: ReportDocument, storedId: string | null): string | null {
  if (storedId) {
    const got = api('get', `/pages/${storedId}`);
    if (got.status === 200 && got.body['in_trash'] !== true && got.body['archived'] !== true) return storedId;
    if (got.status !== 404 && got.status !== 200) fail(got, 'reading the stored page');
  }
  if (parent.kind === 'dataSource') {
    const q = api('post', `/data_sources/${parent.id}/query`, {
      filter: { property: NOTION_PROPERTIES.week.name, rich_text: { equals: doc.facts.week } },
      page_size: 10,
    });
    if (q.status !== 200) fail(q, 'looking for the week’s page');
    const first = (q.body['results'] as Array<{ id?: string }> | undefined)?.[0]?.id;
    return first ?? null;
  }
  let cursor: string | null = null;
  do {
    const list = api('get', `/blocks/${parent.id}/children?page_size=100${cursor ? `&start_cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (list.status !== 200) fail(list, 'listing the parent page');
    const results = (list.body['results'] ?? []) as Array<{ id?: string; type?: string; child_page?: { title?: string } }>;
    const found = results.find((b) => b.type === 'child_page' && b.child_page?.title === doc.title);
    if (found?.id) return found.id;
    cursor = list.body['has_more'] === true && typeof list.body['next_cursor'] === 'string' ? list.body['next_cursor'] : null;
  } while (cursor);
  return null;
}

/**
 * The week's page under NOTION_PARENT: made once, then updated in place on every rerun — its properties set again,
 * its blocks erased and written anew — so a week never has two pages.
 */
export function publishToNotion(deps: ApiDeps, target: NotionTarget, doc: ReportDocument, storedId: string | null): PublishedPage {
  const api = notionApi(deps, target.token);
  const parent = resolveParent(api, target.parent);
  const properties =
    parent.kind === 'dataSource' ? notionPropertyValues(doc, parent.titleProperty) : { title: { title: richText([{ text: doc.title }]) } };
  const batches = notionBatches(notionBlocks(doc));
  const existing = findPage(api, parent, doc, storedId);
  let id: string;
  let url: string;
  let rest = batches;
  if (existing) {
    const updated = api('patch', `/pages/${existing}`, { properties, erase_content: true });
    if (updated.status !== 200) fail(updated, 'updating the page');
    id = existing;
    url = String(updated.body['url'] ?? '');
  } else {
    const created = api('post', '/pages', {
      parent: parent.kind === 'dataSource' ? { type: 'data_source_id', data_source_id: parent.id } : { type: 'page_id', page_id: parent.id },
      properties,
      children: batches[0] ?? [],
    });
    if (created.status !== 200) fail(created, 'creating the page');
    id = String(created.body['id']);
    url = String(created.body['url'] ?? '');
    rest = batches.slice(1);
  }
  for (const batch of rest) {
    const appended = api('patch', `/blocks/${id}/children`, { children: batch });
    if (appended.status !== 200) fail(appended, 'writing the page’s blocks');
  }
  return { id, url, action: existing ? 'updated' : 'created' };
}
