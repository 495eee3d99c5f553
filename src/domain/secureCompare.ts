/**
 * Compares a presented secret with the expected one in time that does not depend on where they differ,
 * so a caller cannot find the token one character at a time by timing the answers.
 */
export function secureEquals(presented: string, expected: string): boolean {
  let diff = presented.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    // Index modulo the presented length keeps the loop length fixed to the expected secret's.
    const a = presented.length === 0 ? 0 : presented.charCodeAt(i % presented.length);
    diff |= a ^ expected.charCodeAt(i);
  }
  return diff === 0 && expected.length > 0;
}
