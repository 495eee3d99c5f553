import { header, json, type FakeRequest, type FakeResponse } from './types';

/**
 * Confluence Cloud's REST API v2 pages (/wiki/api/v2/…), as far as a report publisher uses it. Atlassian publishes
 * no typed client for v2; the request and answer shapes below are written from its published OpenAPI description of
 * v2 (developer.atlassian.com/cloud/confluence/rest/v2: "Create page" takes PageCreateRequest — spaceId required,
 * status, title, parentId, body {representation, value}; "Update page" takes PageUpdateRequest — id, status, title
 * and body required, version {number, message}; errors are {errors: [{status, code, title, detail}]}). Refused as
 * Confluence refuses: no or wrong Basic credentials (email:API token), a body that is not storage-format XHTML
 * that parses, a second page with a title the space already has, a parent outside the space, an update whose
 * version number is not the current one plus one (409).
 */

type Representation = 'storage' | 'atlas_doc_format' | 'wiki';

/** The v2 OpenAPI's PageCreateRequest. */
interface PageCreateRequest {
  spaceId: string;
  status?: 'current' | 'draft';
  title?: string;
  parentId?: string;
  body?: { representation: Representation; value: string };
}

/** The v2 OpenAPI's PageUpdateRequest. */
interface PageUpdateRequest {
  id: string;
  status: 'current' | 'draft';
  title: string;
  spaceId?: string;
  parentId?: string;
  body: { representation: Representation; value: string };
  version: { number: number; message?: string };
}

export interface ConfluencePage {
  id: string;
  status: 'current' | 'draft';
  title: string;
  spaceId: string;
  parentId: string | null;
  body: string;
  version: { number: number; createdAt: string; message: string };
  createdAt: string;
}

export interface ConfluenceMode {
  email: string;
  token: string;
  /** Spaces by id, with their pages that may be parents. */
  spaces: Array<{ id: string; key: string; name: string }>;
  down: boolean;
  rateLimit: number;
  retryAfter: number;
}

export interface ConfluenceData {
  mode: ConfluenceMode;
  pages: ConfluencePage[];
  seq: number;
}

export function freshConfluenceData(): ConfluenceData {
  return {
    mode: { email: 'lead@example.com', token: 'ATATT-fake-confluence-token', spaces: [], down: false, rateLimit: 0, retryAfter: 1 },
    pages: [],
    seq: 0,
  };
}

export function configureConfluence(data: ConfluenceData, mode: Partial<ConfluenceMode> & { pages?: ConfluencePage[] }): ConfluenceMode {
  const { pages, ...rest } = mode;
  Object.assign(data.mode, rest);
  if (pages) data.pages.push(...pages);
  return data.mode;
}

export function isConfluenceApi(url: URL): boolean {
  return url.pathname.startsWith('/wiki/api/v2/');
}

const failure = (status: number, code: string, title: string, detail: string | null = null, headers: Record<string, string> = {}) =>
  json(status, { errors: [{ status, code, title, detail }] }, headers);

/**
 * Whether storage-format text is well-formed XML (Confluence refuses a body it cannot parse): tags balanced,
 * entities known, no stray `<` or `&`. Macros (`ac:`/`ri:`) are elements like any other here.
 */
export function storageProblem(value: string): string | null {
  const stack: string[] = [];
  const re =
    /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?:#\d+|#x[0-9a-f]+|[a-z]+);|&/gi;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const all = m[0];
    if (all.startsWith('<![CDATA[') || all.startsWith('<!--')) continue;
    if (all === '<') return `unexpected "<" at ${m.index}`;
    if (all === '&') return `unescaped "&" at ${m.index}`;
    if (all.startsWith('&')) {
      if (/^&[a-z]+;$/i.test(all) && !['&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&nbsp;'].includes(all)) return `unknown entity ${all}`;
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      if (stack.pop() !== name) return `</${name}> closes nothing open at ${m.index}`;
    } else stack.push(name ?? '');
  }
  if (value.includes(']]>') && !/<!\[CDATA\[/.test(value)) return '"]]>" outside a CDATA section';
  return stack.length ? `<${stack[stack.length - 1]}> is never closed` : null;
}

function pageJson(p: ConfluencePage, base: string, withBody: boolean) {
  return {
    id: p.id,
    status: p.status,
    title: p.title,
    spaceId: p.spaceId,
    parentId: p.parentId,
    parentType: p.parentId ? 'page' : null,
    authorId: 'fake-account',
    createdAt: p.createdAt,
    version: { number: p.version.number, message: p.version.message, minorEdit: false, authorId: 'fake-account', createdAt: p.version.createdAt },
    ...(withBody ? { body: { storage: { representation: 'storage', value: p.body } } } : {}),
    _links: { webui: `/spaces/${p.spaceId}/pages/${p.id}`, editui: `/pages/resumedraft.action?draftId=${p.id}`, tinyui: `/x/${p.id}`, base },
  };
}

export function answerConfluence(data: ConfluenceData, req: FakeRequest): FakeResponse {
  const mode = data.mode;
  if (mode.down) return failure(503, 'SERVICE_UNAVAILABLE', 'Service Unavailable');
  if (mode.rateLimit > 0) {
    mode.rateLimit--;
    return failure(429, 'TOO_MANY_REQUESTS', 'Too Many Requests', 'Rate limited', { 'Retry-After': String(mode.retryAfter) });
  }
  const auth = header(req, 'authorization') ?? '';
  const expected = `Basic ${Buffer.from(`${mode.email}:${mode.token}`).toString('base64')}`;
  if (auth !== expected) return failure(401, 'UNAUTHORIZED', 'Unauthorized', 'Basic authentication with email and API token failed');
  const base = `${req.url.protocol}//${req.url.host}/wiki`;
  const path = req.url.pathname.replace(/^\/wiki\/api\/v2/, '').replace(/\/+$/, '');
  const now = new Date(req.now).toISOString();
  let body: Record<string, unknown> = {};
  if (req.method === 'POST' || req.method === 'PUT') {
    if (!/application\/json/i.test(req.contentType)) return failure(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type');
    try {
      body = JSON.parse(req.text || '{}') as Record<string, unknown>;
    } catch {
      return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', 'The request body is not JSON');
    }
  }
  const space = (id: unknown) => mode.spaces.find((s) => s.id === String(id));
  const current = () => data.pages.filter((p) => p.status === 'current');
  let m: RegExpExecArray | null;

  if (req.method === 'GET' && (m = /^\/spaces\/(\d+)$/.exec(path))) {
    const s = space(m[1]);
    return s
      ? json(200, { id: s.id, key: s.key, name: s.name, type: 'global', status: 'current', _links: { webui: `/spaces/${s.key}`, base } })
      : notFound();
  }
  if (req.method === 'GET' && path === '/pages') {
    const q = req.url.searchParams;
    const spaceIds = (q.get('space-id') ?? '').split(',').filter(Boolean);
    const title = q.get('title');
    const results = current().filter((p) => (spaceIds.length === 0 || spaceIds.includes(p.spaceId)) && (title === null || p.title === title));
    return json(200, { results: results.map((p) => pageJson(p, base, q.get('body-format') === 'storage')), _links: { base } });
  }
  if ((m = /^\/pages\/(\d+)$/.exec(path))) {
    const page = data.pages.find((p) => p.id === m?.[1]);
    if (req.method === 'GET') return page ? json(200, pageJson(page, base, req.url.searchParams.get('body-format') === 'storage')) : notFound();
    if (req.method === 'PUT') {
      if (!page) return notFound();
      const u = body as Partial<PageUpdateRequest>;
      const missing = (['id', 'status', 'title', 'body', 'version'] as const).filter((k) => u[k] === undefined);
      if (missing.length) return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', `missing ${missing.join(', ')}`);
      if (String(u.id) !== page.id) return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', 'id in the body does not match the path');
      const problem = bodyProblem(u.body) ?? titleProblem(u.title);
      if (problem) return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', problem);
      if (typeof u.version?.number !== 'number' || u.version.number !== page.version.number + 1)
        return failure(409, 'CONFLICT', 'Conflict', `Version must be incremented on update. Current version is: ${page.version.number}`);
      if (current().some((p) => p.id !== page.id && p.spaceId === page.spaceId && p.title === u.title))
        return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', 'A page with this title already exists in this space');
      page.title = u.title as string;
      page.status = u.status as 'current';
      page.body = (u.body as { value: string }).value;
      page.version = { number: u.version.number, createdAt: now, message: u.version.message ?? '' };
      if (u.parentId) page.parentId = String(u.parentId);
      return json(200, pageJson(page, base, true));
    }
  }
  if (req.method === 'POST' && path === '/pages') {
    const c = body as Partial<PageCreateRequest>;
    if (typeof c.spaceId !== 'string' && typeof c.spaceId !== 'number')
      return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', 'spaceId is required');
    const s = space(c.spaceId);
    if (!s) return failure(404, 'NOT_FOUND', 'Not Found', `space ${String(c.spaceId)} not found or not permitted`);
    const problem = bodyProblem(c.body) ?? titleProblem(c.title);
    if (problem) return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', problem);
    if (c.parentId !== undefined && !current().some((p) => p.id === String(c.parentId) && p.spaceId === s.id))
      return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', `parent ${String(c.parentId)} is not a page of space ${s.id}`);
    if (current().some((p) => p.spaceId === s.id && p.title === c.title))
      return failure(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', 'A page with this title already exists in this space');
    data.seq++;
    // After every page the fake holds, those a test or the demo put there included.
    const id = Math.max(3_000_000 + data.seq, ...data.pages.map((p) => Number(p.id) + 1).filter(Number.isFinite));
    const page: ConfluencePage = {
      id: String(id),
      status: c.status ?? 'current',
      title: c.title as string,
      spaceId: s.id,
      parentId: c.parentId === undefined ? null : String(c.parentId),
      body: (c.body as { value: string }).value,
      version: { number: 1, createdAt: now, message: '' },
      createdAt: now,
    };
    data.pages.push(page);
    return json(200, pageJson(page, base, true));
  }
  return notFound();
}

function bodyProblem(body: unknown): string | null {
  const b = body as { representation?: unknown; value?: unknown } | undefined;
  if (!b || typeof b.value !== 'string') return 'body.value is required';
  if (!['storage', 'atlas_doc_format', 'wiki'].includes(String(b.representation)))
    return `body.representation "${String(b.representation)}" is not one of storage, atlas_doc_format, wiki`;
  if (b.representation === 'storage') {
    const p = storageProblem(b.value);
    if (p) return `Error parsing xhtml: ${p}`;
  }
  return null;
}

function titleProblem(title: unknown): string | null {
  if (typeof title !== 'string' || title.trim() === '') return 'title is required';
  return title.length > 255 ? 'Title cannot be longer than 255 characters' : null;
}

function notFound(): FakeResponse {
  return failure(404, 'NOT_FOUND', 'Not Found');
}
