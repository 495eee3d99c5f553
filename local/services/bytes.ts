import type { Realm } from '../runtime/realm';

/** Java's byte is signed: Apps Script hands bytes to scripts as integers in -128..127. */
export function toScriptBytes(realm: Realm, bytes: Uint8Array): number[] {
  const out = new realm.Array(bytes.length) as number[];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out[i] = b > 127 ? b - 256 : b;
  }
  return out;
}

/** A byte array from the script (signed or unsigned numbers, or a typed array), or undefined if it is not one. */
export function bytesFromScript(value: unknown): Buffer | undefined {
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (!Array.isArray(value)) return undefined;
  const out = Buffer.alloc(value.length);
  for (let i = 0; i < value.length; i++) {
    const n = Number(value[i]);
    if (!Number.isFinite(n)) return undefined;
    out[i] = n & 0xff;
  }
  return out;
}

/** Apps Script's Charset names and the aliases Java accepts, mapped to what Node can encode. */
export function encodeString(text: string, charset = 'UTF-8'): Buffer {
  const cs = charset.toUpperCase().replace(/_/g, '-');
  if (cs === 'UTF-8' || cs === 'UTF8') return Buffer.from(text, 'utf8');
  // The full 8-bit ranges, NUL included: characters outside them become '?', as Java's encoders (behind Apps Script) do.
  // eslint-disable-next-line no-control-regex
  if (cs === 'US-ASCII' || cs === 'ASCII') return Buffer.from(text.replace(/[^\x00-\x7f]/g, '?'), 'latin1');
  // eslint-disable-next-line no-control-regex
  if (cs === 'ISO-8859-1' || cs === 'LATIN1') return Buffer.from(text.replace(/[^\x00-\xff]/g, '?'), 'latin1');
  if (cs === 'UTF-16LE') return Buffer.from(text, 'utf16le');
  throw new Error(`unsupported charset for encoding in the local runtime: ${charset}`);
}

export function decodeBytes(bytes: Uint8Array, charset = 'UTF-8'): string {
  try {
    return new TextDecoder(charset.replace(/_/g, '-')).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
