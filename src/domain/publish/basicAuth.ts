/** `Basic base64(user:password)` (RFC 7617, UTF-8), pure so that the domain's live checks can build it. */
export function basicAuth(user: string, password: string): string {
  const bytes: number[] = [];
  for (const ch of `${user}:${password}`) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += abc.charAt((n >> 18) & 63) + abc.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? abc.charAt((n >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? abc.charAt(n & 63) : '=';
  }
  return `Basic ${out}`;
}
