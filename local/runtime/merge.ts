/**
 * Three-way merge of JSON state: what one execution changed since it read a slice (`base` → `ours`) is laid over
 * what others committed meanwhile (`base` → `theirs`). It stands in for the server applying each execution's
 * writes to the current document: where only one side changed something, that change is kept; where both
 * changed the same cell, property or field, the later commit wins, as the later of two unlocked writers does
 * in Sheets. Objects merge key by key and arrays element by element (a sheet's rows, then a row's cells), except
 * that records both sides appended to a list (sent mail, triggers, what the fake Slack received) are all kept.
 */
export function merge3(base: unknown, ours: unknown, theirs: unknown): unknown {
  if (same(ours, base)) return theirs;
  if (same(theirs, base) || same(ours, theirs)) return ours;
  if (Array.isArray(ours) && Array.isArray(theirs)) return mergeArrays(Array.isArray(base) ? base : [], ours, theirs);
  if (isRecord(ours) && isRecord(theirs)) {
    const b = isRecord(base) ? base : {};
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(theirs), ...Object.keys(ours)])) {
      const value = merge3(b[key], ours[key], theirs[key]);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  return ours;
}

function mergeArrays(base: unknown[], ours: unknown[], theirs: unknown[]): unknown[] {
  if (ours.length > base.length && theirs.length > base.length && ours.every(isRecord) && theirs.every(isRecord)) {
    if (startsWith(ours, base) && startsWith(theirs, base)) return [...theirs, ...ours.slice(base.length)];
  }
  const out: unknown[] = [];
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) out.push(merge3(base[i], ours[i], theirs[i]));
  // An element one side removed from the end stays removed.
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

function startsWith(list: unknown[], prefix: unknown[]): boolean {
  return prefix.every((item, i) => same(item, list[i]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Structural equality of JSON values. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    return a.length === list.length && a.every((item, i) => same(item, list[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && same(x[k], y[k]));
}
