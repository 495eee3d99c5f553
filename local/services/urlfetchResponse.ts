import type { Execution } from '../runtime/execution';
import { charsetOf, makeBlob } from './blob';
import { decodeBytes, toScriptBytes } from './bytes';
import { emulated } from './implemented';

export interface ReceivedResponse {
  status: number;
  rawHeaders: string[];
  body: Buffer;
  url: string;
}

/** HTTPResponse. Header names keep the case the server sent, as Apps Script's do. */
type HTTPResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;

export function httpResponse(exec: Execution, r: ReceivedResponse): HTTPResponse {
  const first: Record<string, string> = {};
  const all: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < r.rawHeaders.length; i += 2) {
    const name = r.rawHeaders[i] as string;
    const value = r.rawHeaders[i + 1] as string;
    if (!(name in first)) first[name] = value;
    const existing = all[name];
    all[name] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  const contentType = Object.entries(first).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? null;
  const name = decodeURIComponent(new URL(r.url).pathname.split('/').pop() ?? '') || null;
  const blob = () => makeBlob(exec, { bytes: Buffer.from(r.body), contentType: contentType?.split(';')[0]?.trim() ?? null, name });
  // Not counted: reading a response is local, the call was the fetch.
  return emulated<HTTPResponse>(
    'HTTPResponse',
    {
      getResponseCode: () => r.status,
      getContentText: (charset?: unknown) =>
        decodeBytes(r.body, charset === undefined || charset === null ? (charsetOf(contentType) ?? 'UTF-8') : String(charset)),
      getContent: () => toScriptBytes(exec.realm, r.body),
      getHeaders: () => exec.realm.toScript(first),
      getAllHeaders: () => exec.realm.toScript(all),
      getBlob: blob,
      getAs: (type: unknown) => blob().getAs(String(type)),
      toString: () => 'HTTPResponse',
    },
    exec,
  );
}

/**
 * Apps Script's error for a failed status: the URL cut to scheme and host, and the body's first 147 characters
 * followed by "..." when longer than 150 (the length seen in real messages).
 */
export function statusError(exec: Execution, r: ReceivedResponse): Error {
  const origin = new URL(r.url).origin;
  const text = decodeBytes(r.body, 'UTF-8');
  const shown = text.length > 150 ? `${text.slice(0, 147)}...` : text;
  return exec.realm.exception(
    `Request failed for ${origin} returned code ${r.status}. Truncated server response: ${shown} (use muteHttpExceptions option to examine full response)`,
  );
}
