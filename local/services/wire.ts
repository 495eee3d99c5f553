/** What crosses to the HTTP worker and back: plain data only (structured clone). */
export interface WireRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: Uint8Array | null;
  followRedirects: boolean;
  validateHttpsCertificates: boolean;
}

export type WireResult =
  | { ok: true; status: number; rawHeaders: string[]; body: Uint8Array; url: string }
  | { ok: false; kind: 'timeout' | 'dns' | 'unavailable' | 'tooLarge'; detail: string };

export interface WireJob {
  id: number;
  requests: WireRequest[];
  /** http://host:port of LOCAL_FETCH_PROXY: every request goes there in absolute form. */
  proxy: string | null;
  timeoutMs: number;
  maxBytes: number;
}
