/** A request as the fake sees it, and its answer. */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: ReadonlyArray<readonly [string, string]>;
  text: string;
  contentType: string;
  /** The execution clock (ms) at the request, for timestamps in answers. */
  now: number;
  /** How many requests the fake has seen before this one (for ids that differ between calls). */
  seq: number;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Answer this late (the tests' loopback server only: a client that gives up first sees a timeout). */
  delayMs?: number;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): FakeResponse {
  return { status, headers: body === '' ? {} : { 'Content-Type': contentType }, body };
}

export function header(req: FakeRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return req.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** The parsed body: a JSON object (whatever the declared type, as the real services are lenient), form fields, or {}. */
export function fields(req: FakeRequest): Record<string, unknown> {
  const body = req.text.trim();
  if (body.startsWith('{')) {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  if (body === '' || /json/i.test(req.contentType)) return {};
  return Object.fromEntries(new URLSearchParams(body));
}

/** A stable short id from text, for fake user and channel ids. */
export function shortId(text: string, length = 9): string {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36).toUpperCase().padStart(length, '0').slice(-length);
}
