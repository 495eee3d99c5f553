/** HMAC-SHA256 of a UTF-8 message, as lower-case hex (the form the gateway sends). */
export function hmacSha256Hex(message: string, key: string): string {
  const bytes = Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8);
  let out = '';
  // Apps Script's bytes are signed (-128…127).
  for (const b of bytes) out += (b & 0xff).toString(16).padStart(2, '0');
  return out;
}
