/**
 * Blocker IDs people type back (`/progress blocker resolve B-3K9F2A`): short, upper case, and derived from what was
 * reported, so the same blocker sent twice (a retried request, a repeated report) gets the same ID and one row.
 */
export function blockerId(...parts: string[]): string {
  const text = parts.join('\u0001');
  // Two FNV-1a hashes with different seeds give 64 bits; 6 base-36 characters of them are plenty for a team.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  const n = (a * 0x100000 + (b & 0xfffff)) % 36 ** 6;
  return `B-${n.toString(36).toUpperCase().padStart(6, '0')}`;
}

/** `b-3k9f2a`, `3K9F2A` and `B-3K9F2A` all name the same blocker. */
export function normalizeBlockerId(input: string): string {
  const t = input.trim().toUpperCase().replace(/^B-?/, '');
  return `B-${t}`;
}
