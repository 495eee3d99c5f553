/**
 * Outbound HTTP through UrlFetchApp. Errors never throw on a status code (muteHttpExceptions): callers decide
 * what a 429 or a 5xx means. A network failure (DNS, timeout) still throws, as UrlFetchApp does.
 */
export interface HttpRequest {
  url: string;
  method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  body?: string;
  contentType?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  text: string;
}

export interface HttpClient {
  request(request: HttpRequest): HttpResponse;
  /** Requests sent together (UrlFetchApp.fetchAll: the platform's only parallelism); answers in the same order. */
  requestAll(requests: ReadonlyArray<HttpRequest>): HttpResponse[];
}

export function urlFetchClient(): HttpClient {
  return {
    request: (request) => toResponse(UrlFetchApp.fetch(request.url, toParams(request))),
    requestAll: (requests) => UrlFetchApp.fetchAll(requests.map((r) => ({ url: r.url, ...toParams(r) }))).map(toResponse),
  };
}

function toParams(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: request.method ?? (request.json !== undefined || request.body !== undefined ? 'post' : 'get'),
    muteHttpExceptions: true,
    followRedirects: true,
  };
  if (request.headers) params.headers = request.headers;
  if (request.json !== undefined) {
    params.contentType = 'application/json; charset=utf-8';
    params.payload = JSON.stringify(request.json);
  } else if (request.body !== undefined) {
    params.contentType = request.contentType ?? 'application/x-www-form-urlencoded';
    params.payload = request.body;
  }
  return params;
}

function toResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.getHeaders() as Record<string, unknown>)) headers[name.toLowerCase()] = String(value);
  return { status: response.getResponseCode(), headers, text: response.getContentText() };
}
