import * as crypto from 'node:crypto';
import type { Execution } from '../runtime/execution';
import { isPlainObject } from '../runtime/realm';
import { blobData, charsetOf, type BlobData } from './blob';
import { bytesFromScript, encodeString } from './bytes';
import type { WireRequest } from './wire';

/** Quotas page and Google's UrlFetch limits. */
export const MAX_URL_CHARS = 2082;
export const MAX_BYTES = 50 * 1024 * 1024;
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const DEFAULT_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** Google documents its User-Agent as this, ending with the script's id. */
const USER_AGENT = 'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: UAEmdDd-local)';

export interface PreparedRequest {
  wire: WireRequest;
  mute: boolean;
  /** For UrlFetchApp.getRequest. */
  described: GoogleAppsScript.URL_Fetch.URLFetchRequest;
}

/** Turns fetch(url, params) into the bytes to send, with Apps Script's defaults and its errors for bad input. */
export function prepareRequest(exec: Execution, url: unknown, params: unknown): PreparedRequest {
  if (typeof url !== 'string') throw exec.realm.exception('Invalid argument: url');
  if (url.length > MAX_URL_CHARS) throw exec.realm.exception('Limit Exceeded: URLFetch URL Length.');
  const href = parseUrl(exec, url);
  const p = isPlainObject(params) ? params : {};
  const method = String(p['method'] ?? 'get').toLowerCase();
  if (!METHODS.has(method)) throw exec.realm.exception(`Invalid argument: method`);

  const headers: Array<[string, string]> = [];
  let userAgent = true;
  let headerContentType: string | undefined;
  if (isPlainObject(p['headers'])) {
    for (const [k, v] of Object.entries(p['headers'])) {
      if (/^content-type$/i.test(k)) headerContentType = String(v);
      else headers.push([k, String(v)]);
      if (/^user-agent$/i.test(k)) userAgent = false;
    }
  }
  if (userAgent) headers.push(['User-Agent', USER_AGENT]);

  const declared = p['contentType'] === undefined || p['contentType'] === null ? headerContentType : String(p['contentType']);
  const payload = encodePayload(exec, p['payload'], declared);
  if (payload && payload.bytes.length > MAX_BYTES) throw exec.realm.exception('Limit Exceeded: URLFetch POST Size.');
  if (payload) headers.push(['Content-Type', payload.contentType]);

  const wire: WireRequest = {
    url: href,
    method: method.toUpperCase(),
    headers,
    body: payload ? new Uint8Array(payload.bytes) : null,
    followRedirects: p['followRedirects'] !== false,
    validateHttpsCertificates: p['validateHttpsCertificates'] !== false,
  };
  const described: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: href,
    method: method as GoogleAppsScript.URL_Fetch.HttpMethod,
    headers: Object.fromEntries(headers.filter(([k]) => !/^user-agent$/i.test(k))),
    payload: payload ? payload.bytes.toString('utf8') : '',
    contentType: payload?.contentType ?? declared ?? DEFAULT_CONTENT_TYPE,
    followRedirects: wire.followRedirects,
    validateHttpsCertificates: wire.validateHttpsCertificates,
    muteHttpExceptions: p['muteHttpExceptions'] === true,
    useIntranet: false,
  };
  return { wire, mute: p['muteHttpExceptions'] === true, described };
}

/**
 * Apps Script refuses characters that may not appear in a URL (a space, a quote, braces…) with
 * "Invalid argument: <url>", and anything but http(s). Non-ASCII text is percent-encoded as UTF-8.
 */
function parseUrl(exec: Execution, url: string): string {
  if (/[\s"<>{}|\\^`]/.test(url)) throw exec.realm.exception(`Invalid argument: ${url}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw exec.realm.exception(`Invalid argument: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw exec.realm.exception(`Invalid argument: ${url}`);
  return parsed.href;
}

function encodePayload(exec: Execution, payload: unknown, declared: string | undefined): { bytes: Buffer; contentType: string } | undefined {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload === 'string') {
    const contentType = declared ?? DEFAULT_CONTENT_TYPE;
    return { bytes: encodeString(payload, charsetOf(contentType) ?? 'UTF-8'), contentType };
  }
  const blob = blobData(payload);
  if (blob) return { bytes: blob.bytes, contentType: declared ?? blob.contentType ?? DEFAULT_CONTENT_TYPE };
  const bytes = bytesFromScript(payload);
  if (bytes) return { bytes, contentType: declared ?? DEFAULT_CONTENT_TYPE };
  if (payload !== null && typeof payload === 'object') {
    const entries = Object.entries(payload as Record<string, unknown>);
    const files = entries.map(([k, v]) => [k, blobData(v)] as const);
    // An object holding a Blob goes as multipart/form-data (the declared type is ignored, as Apps Script does).
    if (files.some(([, b]) => b)) return multipart(entries, new Map(files.filter((f): f is readonly [string, BlobData] => f[1] !== undefined)));
    return {
      bytes: Buffer.from(entries.map(([k, v]) => `${javaUrlEncode(k)}=${javaUrlEncode(String(v))}`).join('&'), 'utf8'),
      contentType: declared ?? DEFAULT_CONTENT_TYPE,
    };
  }
  throw exec.realm.exception('Invalid argument: payload');
}

/** java.net.URLEncoder (UTF-8): unreserved are letters, digits and . - * _; a space becomes "+". */
export function javaUrlEncode(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (b) => {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9.\-*_]/.test(c)) return c;
    if (b === 0x20) return '+';
    return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

function multipart(entries: Array<[string, unknown]>, files: Map<string, BlobData>): { bytes: Buffer; contentType: string } {
  const boundary = `----LocalAppsScript${crypto.randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of entries) {
    const file = files.get(name);
    const disposition = `Content-Disposition: form-data; name="${name}"${file ? `; filename="${file.name ?? name}"` : ''}`;
    const type = file ? `\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(
      Buffer.from(`--${boundary}\r\n${disposition}${type}\r\n\r\n`, 'utf8'),
      file ? file.bytes : Buffer.from(String(value), 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { bytes: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
