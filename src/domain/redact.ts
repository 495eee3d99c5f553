/**
 * Replaces every secret value in a text (an error message, a stack) before it is logged, written to a sheet or
 * answered. Short values are skipped: a one-character "secret" would blank out every message.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  // Tokens may also arrive in a query string we quote back.
  return out.replace(/([?&]token=)[^&\s"']+/gi, '$1[redacted]');
}
