/** fourkeys' convention: an incident issue names the change that caused it with `root cause: <sha>`. */
export function rootCause(body: string): string | undefined {
  const m = /root cause:\s*([0-9a-f]{7,40})\b/i.exec(body);
  return m?.[1]?.toLowerCase();
}
