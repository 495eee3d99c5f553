/**
 * The event object Apps Script hands to doGet/doPost (developers.google.com/apps-script/guides/web):
 * `parameter` (first value per name), `parameters` (all values), `queryString`, `contextPath` (""),
 * `contentLength`, and for POST `postData` {contents, type, length, name}. A form-encoded body is parsed into
 * `parameter` as well, after the query string's values.
 */
export interface WebAppEvent {
  queryString: string;
  parameter: Record<string, string>;
  parameters: Record<string, string[]>;
  contextPath: string;
  contentLength: number;
  postData?: { contents: string; type: string; length: number; name: 'postData' };
}

export function buildWebAppEvent(queryString: string, body?: { contents: string; type: string }): WebAppEvent {
  const qs = queryString.replace(/^\?/, '');
  const parameters: Record<string, string[]> = {};
  addPairs(parameters, qs);
  if (body && /^application\/x-www-form-urlencoded\b/i.test(body.type)) addPairs(parameters, body.contents);
  const parameter: Record<string, string> = {};
  for (const [k, values] of Object.entries(parameters)) parameter[k] = values[0] ?? '';
  const length = body ? Buffer.byteLength(body.contents, 'utf8') : -1;
  const event: WebAppEvent = { queryString: qs, parameter, parameters, contextPath: '', contentLength: length };
  if (body) event.postData = { contents: body.contents, type: body.type, length, name: 'postData' };
  return event;
}

function addPairs(into: Record<string, string[]>, encoded: string): void {
  if (!encoded) return;
  for (const pair of encoded.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    (into[key] ??= []).push(value);
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** What a web app answered, as the client sees it after following the redirect. */
export interface WebAppResponse {
  body: string;
  mimeType: string;
}

/**
 * Turns doGet/doPost's return value into the response body. A TextOutput or HtmlOutput answers its content;
 * nothing returned answers Apps Script's "The script completed but did not return anything." page; a thrown
 * error answers its error page (Apps Script cannot set a status code, so this is still HTTP 200).
 */
export function webAppResponse(value: unknown, error?: { message: string }): WebAppResponse {
  if (error) return { body: errorPage(`Error: ${error.message}`), mimeType: 'text/html' };
  const out = value as { getContent?: () => string; getMimeType?: () => string } | undefined;
  if (out && typeof out.getContent === 'function') {
    // `in`, not typeof: an HtmlOutput has no getMimeType, and its apiObject guard would answer with a throwing stub.
    const mimeType = 'getMimeType' in out && typeof out.getMimeType === 'function' ? out.getMimeType() : 'text/html';
    return { body: out.getContent(), mimeType: mimeType.includes('/') ? mimeType : (MIME[mimeType] ?? 'text/plain') };
  }
  return { body: errorPage('The script completed but did not return anything.'), mimeType: 'text/html' };
}

const MIME: Record<string, string> = {
  JSON: 'application/json',
  TEXT: 'text/plain',
  CSV: 'text/csv',
  JAVASCRIPT: 'application/javascript',
  XML: 'application/xml',
  ICAL: 'text/calendar',
  VCARD: 'text/vcard',
  ATOM: 'application/atom+xml',
  RSS: 'application/rss+xml',
};

function errorPage(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html><html><head><title>Error</title></head><body><div>${escaped}</div></body></html>`;
}
