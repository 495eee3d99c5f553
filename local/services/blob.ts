import type { Execution } from '../runtime/execution';
import { bytesFromScript, decodeBytes, encodeString, toScriptBytes } from './bytes';
import { emulated, type Implemented } from './implemented';
import { CONVERSION_FAILED, printHtmlToPdf } from './pdf';

type Blob = GoogleAppsScript.Base.Blob;

export interface BlobData {
  bytes: Buffer;
  contentType: string | null;
  name: string | null;
}

// Blobs the runtime made, so a blob handed back (as a payload, an attachment) is read without calling into it.
const registry = new WeakMap<object, BlobData>();

/** An Apps Script Blob over `data`; the object is live, so setters change what `blobData` later reads. */
export function makeBlob(exec: Execution, data: BlobData): Blob {
  const blob = {
    getBytes: () => toScriptBytes(exec.realm, data.bytes),
    setBytes(bytes: unknown) {
      const buf = bytesFromScript(bytes);
      if (!buf) throw exec.realm.exception('Invalid argument: data');
      data.bytes = buf;
      return proxy;
    },
    getDataAsString: (charset?: string) => decodeBytes(data.bytes, charset ?? charsetOf(data.contentType) ?? 'UTF-8'),
    setDataFromString(text: unknown, charset?: string) {
      data.bytes = encodeString(String(text), charset ?? 'UTF-8');
      return proxy;
    },
    getContentType: () => data.contentType,
    setContentType(type: unknown) {
      data.contentType = type === null || type === undefined ? null : String(type);
      return proxy;
    },
    setContentTypeFromExtension() {
      const ext = /\.([^.]+)$/.exec(data.name ?? '')?.[1]?.toLowerCase();
      const type = ext ? EXTENSION_TYPES[ext] : undefined;
      if (!type) throw exec.realm.exception(`Could not determine the content type of ${data.name ?? 'the blob'}.`);
      data.contentType = type;
      return proxy;
    },
    getName: () => data.name,
    setName(name: unknown) {
      data.name = name === null || name === undefined ? null : String(name);
      return proxy;
    },
    isGoogleType: () => false,
    copyBlob: () => makeBlob(exec, { ...data, bytes: Buffer.from(data.bytes) }),
    getBlob: () => makeBlob(exec, { ...data, bytes: Buffer.from(data.bytes) }),
    getAs(contentType: unknown) {
      const target = String(contentType);
      const current = (data.contentType ?? '').split(';')[0]?.trim() ?? '';
      if (target === 'application/pdf' && current === 'text/html') {
        const printed = printHtmlToPdf(data.bytes);
        if ('failure' in printed) {
          exec.log(`Blob.getAs(application/pdf): ${printed.failure}`);
          throw exec.realm.exception(CONVERSION_FAILED);
        }
        const name = data.name ? data.name.replace(/(\.[^.]*)?$/, '.pdf') : data.name;
        return makeBlob(exec, { bytes: printed.pdf, contentType: target, name });
      }
      if (target === 'application/pdf' || target.startsWith('image/')) {
        if (target !== current)
          throw exec.realm.exception(`not implemented in the local runtime: Blob.getAs(${target}) from ${current || 'unknown'}`);
      } else if (target !== current && !(isText(current) && isText(target))) {
        throw exec.realm.exception(`Converting from ${current || 'unknown'} to ${target} is not supported.`);
      }
      const ext = TYPE_EXTENSIONS[target];
      const name = data.name && ext ? data.name.replace(/(\.[^.]*)?$/, `.${ext}`) : data.name;
      return makeBlob(exec, { bytes: Buffer.from(data.bytes), contentType: target, name });
    },
    toString: () => 'Blob',
  } satisfies Implemented<Blob>;
  const proxy: Blob = emulated<Blob>('Blob', blob, exec);
  registry.set(proxy, data);
  return proxy;
}

/**
 * The bytes of a Blob or BlobSource the script passes in: one of ours, or any object with `getBlob()` or
 * `getBytes()` (a blob made by another service, an HTTPResponse, a file).
 */
export function blobData(value: unknown): BlobData | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const own = registry.get(value);
  if (own) return own;
  const v = value as { getBlob?: unknown; getBytes?: unknown; getContentType?: unknown; getName?: unknown };
  if (typeof v.getBlob === 'function' && !('getBytes' in v)) return blobData((v.getBlob as () => unknown).call(value));
  if (typeof v.getBytes === 'function') {
    const bytes = bytesFromScript((v.getBytes as () => unknown).call(value));
    if (!bytes) return undefined;
    const contentType = typeof v.getContentType === 'function' ? (v.getContentType as () => unknown).call(value) : null;
    const name = typeof v.getName === 'function' ? (v.getName as () => unknown).call(value) : null;
    return { bytes, contentType: contentType == null ? null : String(contentType), name: name == null ? null : String(name) };
  }
  return undefined;
}

export function charsetOf(contentType: string | null | undefined): string | undefined {
  return /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
}

function isText(type: string): boolean {
  return type.startsWith('text/') || type === 'application/json' || type === 'application/xml' || type === 'application/javascript';
}

const EXTENSION_TYPES: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  xml: 'application/xml',
  js: 'application/javascript',
  zip: 'application/zip',
  ics: 'text/calendar',
};

const TYPE_EXTENSIONS: Record<string, string> = {
  'text/plain': 'txt',
  'text/html': 'html',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
};
