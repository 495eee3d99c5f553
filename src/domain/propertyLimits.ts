/**
 * Apps Script's limit for one Script Property value: 9 KB, counted in UTF-8 bytes (a Japanese character is three).
 * A write past it fails with "You have exceeded the property storage quota", naming no property.
 */
export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;

/** Bytes of `text` in UTF-8, without TextEncoder (not promised in Apps Script). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** `text` cut to at most `maxBytes` UTF-8 bytes, on a character boundary, with an ellipsis when it was cut. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  const room = maxBytes - utf8Length('…');
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = utf8Length(ch);
    if (used + size > room) break;
    out += ch;
    used += size;
  }
  return room > 0 ? `${out}…` : '';
}
