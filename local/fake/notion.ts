import type {
  AppendBlockChildrenParameters,
  BlockObjectRequest,
  CreatePageParameters,
  QueryDataSourceParameters,
  UpdateDataSourceParameters,
  UpdatePageParameters,
} from '@notionhq/client';
import { header, json, shortId, type FakeRequest, type FakeResponse } from './types';

/**
 * The Notion API (https://api.notion.com/v1) as far as a report publisher uses it, checking requests as Notion
 * does. The request bodies are typed by @notionhq/client's own parameter types (CreatePageParameters,
 * UpdatePageParameters, AppendBlockChildrenParameters, and the 2025-09-03 data-source API's
 * QueryDataSourceParameters and UpdateDataSourceParameters), so a change of Notion's shapes breaks the type check
 * here. Refused as Notion refuses: a missing or wrong `Notion-Version` or token, a parent the integration cannot
 * see, a `database_id` parent under 2025-09-03 (where pages go into a data source), more than 100 blocks in one
 * request, a rich text over 2,000 characters or an array of more than 100, a table row whose cells do not match
 * the table's width, properties the data source does not have. 429 with Retry-After when steered to.
 */

export const NOTION_VERSIONS = ['2022-06-28', '2025-09-03'];
const CURRENT_VERSION = '2025-09-03';

export interface NotionMode {
  token: string;
  /** Pages shared with the integration that reports may go under. */
  parentPages: string[];
  /** A database shared with the integration, with its one data source. */
  database: { id: string; dataSourceId: string; title: string } | null;
  /** The next N requests are answered 429 with Retry-After: retryAfter (seconds). */
  rateLimit: number;
  retryAfter: number;
  down: boolean;
}

type Block = { id: string; type: string; [k: string]: unknown };

export interface NotionPage {
  id: string;
  parent: { type: 'page_id'; page_id: string } | { type: 'data_source_id'; data_source_id: string; database_id: string };
  properties: Record<string, unknown>;
  title: string;
  blocks: Block[];
  in_trash: boolean;
  created_time: string;
  last_edited_time: string;
  url: string;
}

export interface NotionData {
  mode: NotionMode;
  pages: NotionPage[];
  /** The data source's property schema, by name. */
  schema: Record<string, { id: string; type: string; [k: string]: unknown }>;
  requests: Array<{ method: string; path: string; version: string | undefined }>;
  seq: number;
}

export function freshNotionData(): NotionData {
  return {
    mode: { token: 'ntn_fake_token_for_tests', parentPages: [], database: null, rateLimit: 0, retryAfter: 1, down: false },
    pages: [],
    schema: { Name: { id: 'title', type: 'title', title: {} } },
    requests: [],
    seq: 0,
  };
}

export function configureNotion(data: NotionData, mode: Partial<NotionMode>): NotionMode {
  Object.assign(data.mode, mode);
  return data.mode;
}

export function isNotionApi(url: URL): boolean {
  return url.hostname === 'api.notion.com';
}

const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json(status, { object: 'error', status, code, message }, headers);

const dashed = (id: string) => {
  const h = id.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(h) ? `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` : null;
};

function newId(data: NotionData, salt: string): string {
  data.seq++;
  const hex = (shortId(`${salt}:${data.seq}`, 12) + shortId(`${data.seq}:${salt}`, 12) + shortId(`x${data.seq}`, 8))
    .toLowerCase()
    .replace(/[^0-9a-f]/g, (c) => (c.charCodeAt(0) % 16).toString(16));
  return dashed(hex.slice(0, 32)) as string;
}

type Check = string | null;

const RICH_TEXT_MAX = 2000;
const RICH_TEXT_ITEMS = 100;
const BLOCKS_PER_REQUEST = 100;

function checkRichText(value: unknown, where: string): Check {
  if (!Array.isArray(value)) return `${where} should be an array, instead was \`${JSON.stringify(value)}\`.`;
  if (value.length > RICH_TEXT_ITEMS) return `${where}.length should be ≤ \`${RICH_TEXT_ITEMS}\`, instead was \`${value.length}\`.`;
  for (const [i, item] of value.entries()) {
    const text = (item as { text?: { content?: unknown; link?: { url?: unknown } | null } }).text;
    if (!text || typeof text.content !== 'string') return `${where}[${i}].text.content should be defined, instead was \`undefined\`.`;
    if (text.content.length > RICH_TEXT_MAX)
      return `${where}[${i}].text.content.length should be ≤ \`${RICH_TEXT_MAX}\`, instead was \`${text.content.length}\`.`;
    const url = text.link?.url;
    if (text.link && (typeof url !== 'string' || url.length > RICH_TEXT_MAX || !/^https?:\/\//.test(url)))
      return `${where}[${i}].text.link.url should be a valid URL.`;
  }
  return null;
}

const TEXT_BLOCKS = ['paragraph', 'heading_1', 'heading_2', 'heading_3', 'bulleted_list_item', 'numbered_list_item', 'quote', 'callout', 'toggle'];

function checkBlocks(blocks: unknown, where: string, depth = 0): Check {
  if (!Array.isArray(blocks)) return `${where} should be an array.`;
  for (const [i, raw] of (blocks as BlockObjectRequest[]).entries()) {
    const b = raw as unknown as Record<string, unknown>;
    const type = b['type'];
    const at = `${where}[${i}]`;
    if (typeof type !== 'string') return `${at}.type should be defined.`;
    const body = b[type] as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return `${at}.${type} should be defined, instead was \`undefined\`.`;
    if (TEXT_BLOCKS.includes(type)) {
      const c = checkRichText(body['rich_text'], `${at}.${type}.rich_text`);
      if (c) return c;
    } else if (type === 'table') {
      const width = body['table_width'];
      if (typeof width !== 'number' || width < 1) return `${at}.table.table_width should be a number.`;
      const rows = body['children'];
      if (!Array.isArray(rows) || rows.length === 0) return `${at}.table.children should be defined, instead was \`undefined\`.`;
      for (const [r, row] of (rows as Array<Record<string, unknown>>).entries()) {
        const cells = (row['table_row'] as { cells?: unknown[] } | undefined)?.cells;
        if (row['type'] !== 'table_row' || !Array.isArray(cells)) return `${at}.table.children[${r}] should be a table_row.`;
        if (cells.length !== width)
          return `Number of cells in table row must match the table width of the parent. (row ${r}: ${cells.length} ≠ ${width})`;
        for (const [c, cell] of cells.entries()) {
          const e = checkRichText(cell, `${at}.table.children[${r}].table_row.cells[${c}]`);
          if (e) return e;
        }
      }
    } else if (type !== 'divider' && type !== 'table_row') {
      return `${at}.type \`${type}\` is not supported by this fake.`;
    }
    const children = body['children'];
    if (children !== undefined && type !== 'table') {
      if (depth >= 1) return `${at}.${type}.children: blocks may nest at most two levels in one request.`;
      const c = checkBlocks(children, `${at}.${type}.children`, depth + 1);
      if (c) return c;
    }
  }
  return null;
}

function countBlocks(blocks: unknown[]): number {
  return blocks.reduce<number>((n, b) => {
    const r = b as Record<string, unknown>;
    const body = r[String(r['type'])] as { children?: unknown[] } | undefined;
    return n + 1 + (Array.isArray(body?.children) ? countBlocks(body.children) : 0);
  }, 0);
}

function stored(data: NotionData, blocks: unknown[]): Block[] {
  return blocks.map((b) => ({ ...(b as Record<string, unknown>), id: newId(data, 'block'), type: String((b as Record<string, unknown>)['type']) }));
}

function plain(richText: unknown): string {
  return Array.isArray(richText) ? richText.map((r) => String((r as { text?: { content?: string } }).text?.content ?? '')).join('') : '';
}

function pageObject(p: NotionPage) {
  return {
    object: 'page',
    id: p.id,
    created_time: p.created_time,
    last_edited_time: p.last_edited_time,
    in_trash: p.in_trash,
    archived: p.in_trash,
    parent: p.parent,
    properties: p.properties,
    url: p.url,
  };
}

function blockResponse(b: Block) {
  const { id, type, ...rest } = b;
  const body = { ...(rest[type] as Record<string, unknown>) };
  const hasChildren = Array.isArray(body['children']) && (body['children'] as unknown[]).length > 0;
  delete body['children'];
  return { object: 'block', id, type, has_children: hasChildren, in_trash: false, [type]: body };
}

export function answerNotion(data: NotionData, req: FakeRequest): FakeResponse {
  const mode = data.mode;
  const path = req.url.pathname.replace(/\/+$/, '');
  const version = header(req, 'notion-version');
  data.requests.push({ method: req.method, path, version });
  if (mode.down) return error(503, 'service_unavailable', 'Notion is unavailable, please try again later.');
  if (mode.rateLimit > 0) {
    mode.rateLimit--;
    return error(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.', { 'Retry-After': String(mode.retryAfter) });
  }
  const auth = header(req, 'authorization') ?? '';
  if (!/^Bearer \S+$/.test(auth)) return error(401, 'unauthorized', 'API token is invalid.');
  if (auth.slice(7) !== mode.token) return error(401, 'unauthorized', 'API token is invalid.');
  if (!version)
    return error(
      400,
      'missing_version',
      'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    );
  if (!NOTION_VERSIONS.includes(version))
    return error(400, 'validation_error', `Notion-Version header failed validation: "${version}" is not a valid version.`);
  let body: Record<string, unknown> = {};
  if (req.method === 'POST' || req.method === 'PATCH') {
    if (!/application\/json/i.test(req.contentType)) return error(400, 'invalid_request', 'Content-Type must be application/json.');
    try {
      body = JSON.parse(req.text || '{}') as Record<string, unknown>;
    } catch {
      return error(400, 'invalid_json', 'Error parsing JSON body.');
    }
  }
  const now = new Date(req.now).toISOString();
  const seg = path.split('/').slice(2); // after /v1
  const route = `${req.method} /${seg.map((s, i) => (i === 1 && seg.length > 1 ? ':id' : s)).join('/')}`;
  const id = seg[1] ? dashed(seg[1]) : null;
  const page = (pid: string | null) => data.pages.find((p) => p.id === pid && !p.in_trash);
  const db = mode.database;
  const dataSourceOf = (did: string | null) => (db && did === dashed(db.dataSourceId) ? db : null);

  switch (route) {
    case 'GET /users/me':
      return json(200, { object: 'user', id: 'fake-bot', type: 'bot', name: 'shinchoku', bot: { owner: { type: 'workspace', workspace: true } } });
    case 'GET /pages/:id': {
      const p = page(id);
      if (p) return json(200, pageObject(p));
      if (id && mode.parentPages.map(dashed).includes(id))
        return json(200, { object: 'page', id, parent: { type: 'workspace', workspace: true }, properties: {} });
      return notFound(seg[1]);
    }
    case 'GET /databases/:id': {
      if (!db || id !== dashed(db.id)) return notFound(seg[1]);
      if (version !== CURRENT_VERSION)
        return json(200, { object: 'database', id, title: [{ type: 'text', text: { content: db.title } }], properties: data.schema });
      return json(200, {
        object: 'database',
        id,
        title: [{ type: 'text', text: { content: db.title } }],
        data_sources: [{ id: dashed(db.dataSourceId), name: db.title }],
      });
    }
    case 'GET /data_sources/:id': {
      const ds = dataSourceOf(id);
      if (!ds) return notFound(seg[1]);
      return json(200, { object: 'data_source', id, parent: { type: 'database_id', database_id: dashed(ds.id) }, properties: data.schema });
    }
    case 'PATCH /data_sources/:id': {
      if (!dataSourceOf(id)) return notFound(seg[1]);
      const params = body as Partial<UpdateDataSourceParameters>;
      for (const [name, spec] of Object.entries(params.properties ?? {})) {
        if (spec === null) {
          delete data.schema[name];
          continue;
        }
        const type = Object.keys(spec as object).find((k) => k !== 'name' && k !== 'description');
        if (!type) return error(400, 'validation_error', `body.properties.${name} should define a type.`);
        data.schema[name] = { id: shortId(name, 4), type, [type]: (spec as Record<string, unknown>)[type] };
      }
      return json(200, { object: 'data_source', id, properties: data.schema });
    }
    case 'POST /data_sources/:id/query': {
      if (!dataSourceOf(id)) return notFound(seg[1]);
      const params = body as Partial<QueryDataSourceParameters>;
      const filter = params.filter as { property?: string; rich_text?: { equals?: string }; title?: { equals?: string } } | undefined;
      const results = data.pages.filter((p) => {
        if (p.in_trash || p.parent.type !== 'data_source_id') return false;
        if (!filter) return true;
        const prop = filter.property ? p.properties[filter.property] : undefined;
        if (prop === undefined) return false;
        const want = filter.rich_text?.equals ?? filter.title?.equals;
        const value = plain((prop as { rich_text?: unknown; title?: unknown }).rich_text ?? (prop as { title?: unknown }).title);
        return want === undefined || value === want;
      });
      return json(200, { object: 'list', results: results.map(pageObject), next_cursor: null, has_more: false, type: 'page_or_data_source' });
    }
    case 'POST /pages': {
      const params = body as Partial<CreatePageParameters>;
      const parent = params.parent as Record<string, string> | undefined;
      if (!parent) return error(400, 'validation_error', 'body failed validation: body.parent should be defined, instead was `undefined`.');
      const children = (params.children ?? []) as unknown[];
      const problem = checkBlocks(children, 'body.children') ?? limit(children);
      if (problem) return error(400, 'validation_error', `body failed validation: ${problem}`);
      let stored_parent: NotionPage['parent'];
      let title = '';
      const props = (params.properties ?? {}) as Record<string, Record<string, unknown>>;
      if (parent['database_id'] !== undefined) {
        if (version === CURRENT_VERSION)
          return error(
            400,
            'validation_error',
            'body failed validation: parent.database_id is not accepted for a database with data sources in 2025-09-03: use parent.data_source_id.',
          );
        return notFound(parent['database_id']);
      } else if (parent['data_source_id'] !== undefined) {
        const ds = dataSourceOf(dashed(parent['data_source_id']));
        if (!ds) return notFound(parent['data_source_id']);
        for (const [name, value] of Object.entries(props)) {
          const spec = data.schema[name];
          if (!spec) return error(400, 'validation_error', `${name} is not a property that exists.`);
          if (!(spec.type in value)) return error(400, 'validation_error', `${name} is expected to be ${spec.type}.`);
          const p = checkRichText(value['title'] ?? value['rich_text'] ?? [], `body.properties.${name}`);
          if (p) return error(400, 'validation_error', `body failed validation: ${p}`);
        }
        const titleName = Object.entries(data.schema).find(([, s]) => s.type === 'title')?.[0] ?? '';
        title = plain(props[titleName]?.['title']);
        stored_parent = { type: 'data_source_id', data_source_id: dashed(parent['data_source_id']) as string, database_id: dashed(ds.id) as string };
      } else if (parent['page_id'] !== undefined) {
        const pid = dashed(parent['page_id']);
        if (!pid || !mode.parentPages.map(dashed).includes(pid)) return notFound(parent['page_id']);
        const keys = Object.keys(props);
        if (keys.some((k) => k !== 'title'))
          return error(400, 'validation_error', 'body failed validation: a page under a page has only a title property.');
        const p = checkRichText(props['title']?.['title'] ?? [], 'body.properties.title.title');
        if (p) return error(400, 'validation_error', `body failed validation: ${p}`);
        title = plain(props['title']?.['title']);
        stored_parent = { type: 'page_id', page_id: pid };
      } else {
        return error(400, 'validation_error', 'body failed validation: body.parent should be a page_id or data_source_id parent.');
      }
      const pid = newId(data, 'page');
      const p: NotionPage = {
        id: pid,
        parent: stored_parent,
        properties: props,
        title,
        blocks: stored(data, children),
        in_trash: false,
        created_time: now,
        last_edited_time: now,
        url: `https://www.notion.so/${pid.replace(/-/g, '')}`,
      };
      data.pages.push(p);
      return json(200, pageObject(p));
    }
    case 'PATCH /pages/:id': {
      const p = page(id);
      if (!p) return notFound(seg[1]);
      const params = body as Partial<UpdatePageParameters>;
      if (params.properties) {
        for (const [name, value] of Object.entries(params.properties as Record<string, Record<string, unknown>>)) {
          if (p.parent.type === 'data_source_id' && !data.schema[name])
            return error(400, 'validation_error', `${name} is not a property that exists.`);
          const c = checkRichText(value['title'] ?? value['rich_text'] ?? [], `body.properties.${name}`);
          if (c) return error(400, 'validation_error', `body failed validation: ${c}`);
          p.properties[name] = value;
          if ('title' in value) p.title = plain(value['title']);
        }
      }
      if (params.erase_content) p.blocks = [];
      if (params.in_trash !== undefined) p.in_trash = params.in_trash;
      p.last_edited_time = now;
      return json(200, pageObject(p));
    }
    case 'GET /blocks/:id': {
      // A page or database is also a block of its parent: child_page / child_database.
      const p = page(id);
      if (p) return json(200, { object: 'block', id, type: 'child_page', has_children: true, child_page: { title: p.title } });
      if (id && mode.parentPages.map(dashed).includes(id))
        return json(200, { object: 'block', id, type: 'child_page', has_children: true, child_page: { title: 'Reports' } });
      if (db && id === dashed(db.id))
        return json(200, { object: 'block', id, type: 'child_database', has_children: false, child_database: { title: db.title } });
      return notFound(seg[1]);
    }
    case 'GET /blocks/:id/children': {
      const p = page(id);
      const parentPage = id && mode.parentPages.map(dashed).includes(id);
      if (!p && !parentPage) return notFound(seg[1]);
      const blocks: Array<Record<string, unknown>> = p
        ? p.blocks.map(blockResponse)
        : data.pages
            .filter((c) => !c.in_trash && c.parent.type === 'page_id' && c.parent.page_id === id)
            .map((c) => ({ object: 'block', id: c.id, type: 'child_page', has_children: true, child_page: { title: c.title } }));
      const size = Math.min(100, Number(req.url.searchParams.get('page_size') ?? 100));
      const start = Number(req.url.searchParams.get('start_cursor') ?? 0);
      const slice = blocks.slice(start, start + size);
      const more = start + size < blocks.length;
      return json(200, { object: 'list', results: slice, next_cursor: more ? String(start + size) : null, has_more: more, type: 'block', block: {} });
    }
    case 'PATCH /blocks/:id/children': {
      const p = page(id);
      if (!p) return notFound(seg[1]);
      const params = body as Partial<AppendBlockChildrenParameters>;
      const children = (params.children ?? []) as unknown[];
      if (children.length === 0)
        return error(400, 'validation_error', 'body failed validation: body.children should be defined, instead was `undefined`.');
      const problem = checkBlocks(children, 'body.children') ?? limit(children);
      if (problem) return error(400, 'validation_error', `body failed validation: ${problem}`);
      const added = stored(data, children);
      p.blocks.push(...added);
      p.last_edited_time = now;
      return json(200, { object: 'list', results: added.map(blockResponse), next_cursor: null, has_more: false, type: 'block', block: {} });
    }
    default:
      return error(400, 'invalid_request_url', `Invalid request URL: ${req.method} ${path}`);
  }
}

function limit(children: unknown[]): Check {
  const n = countBlocks(children);
  return n > BLOCKS_PER_REQUEST ? `body.children.length should be ≤ \`${BLOCKS_PER_REQUEST}\`, instead was \`${n}\`.` : null;
}

function notFound(id: string | undefined): FakeResponse {
  return error(
    404,
    'object_not_found',
    `Could not find object with ID: ${id ?? ''}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}
