/**
 * Per-column run-length storage for cell attributes (number formats, colours, validation…). Sheets' formats are
 * usually set on whole blocks, so a 100,000-row date column is one run instead of 100,000 entries, and the JSON
 * stays small. A run is [firstRow, lastRow, value] with 0-based inclusive rows; runs are sorted and disjoint.
 */
export type Run = [number, number, string];
export type RunColumn = Run[];

export function runValue(runs: RunColumn | null | undefined, row: number): string | undefined {
  if (!runs || runs.length === 0) return undefined;
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const run = runs[mid]!;
    if (row < run[0]) hi = mid - 1;
    else if (row > run[1]) lo = mid + 1;
    else return run[2];
  }
  return undefined;
}

/** Reads rows in increasing order in O(rows + runs). */
export function runReader(runs: RunColumn | null | undefined): (row: number) => string | undefined {
  if (!runs || runs.length === 0) return () => undefined;
  let i = 0;
  return (row) => {
    while (i < runs.length && runs[i]![1] < row) i++;
    if (i > 0 && runs[i - 1]![1] >= row) i = 0; // a caller went backwards: start over
    while (i < runs.length && runs[i]![1] < row) i++;
    const run = runs[i];
    return run && run[0] <= row ? run[2] : undefined;
  };
}

/** Sets rows first..first+values.length-1 (null clears), returning the new column. */
export function runWrite(runs: RunColumn | null | undefined, first: number, values: ReadonlyArray<string | null>): RunColumn {
  const last = first + values.length - 1;
  const out: RunColumn = [];
  const push = (run: Run): void => {
    const prev = out[out.length - 1];
    if (prev && prev[2] === run[2] && prev[1] + 1 === run[0]) prev[1] = run[1];
    else out.push(run);
  };
  const existing = runs ?? [];
  let i = 0;
  for (; i < existing.length && existing[i]![0] < first; i++) {
    const run = existing[i]!;
    push([run[0], Math.min(run[1], first - 1), run[2]]);
    if (run[1] >= first) break;
  }
  let start = 0;
  while (start < values.length) {
    let end = start;
    while (end + 1 < values.length && values[end + 1] === values[start]) end++;
    const v = values[start];
    if (v !== null && v !== undefined) push([first + start, first + end, v]);
    start = end + 1;
  }
  for (let k = 0; k < existing.length; k++) {
    const run = existing[k]!;
    if (run[1] <= last) continue;
    push([Math.max(run[0], last + 1), run[1], run[2]]);
  }
  return out;
}

export function runFill(runs: RunColumn | null | undefined, first: number, count: number, value: string | null): RunColumn {
  // Build the column without materialising `count` values when the block is a single value.
  const existing = runs ?? [];
  const last = first + count - 1;
  const out: RunColumn = [];
  const push = (run: Run): void => {
    const prev = out[out.length - 1];
    if (prev && prev[2] === run[2] && prev[1] + 1 === run[0]) prev[1] = run[1];
    else out.push(run);
  };
  for (const run of existing) {
    if (run[0] < first) push([run[0], Math.min(run[1], first - 1), run[2]]);
  }
  if (value !== null) push([first, last, value]);
  for (const run of existing) {
    if (run[1] > last) push([Math.max(run[0], last + 1), run[1], run[2]]);
  }
  return out;
}

/**
 * Inserts `count` rows before row `at`. With `inheritFrom` 'above' the run covering row at-1 grows over the new
 * rows, as Sheets copies the formatting of the row above into rows inserted after it; 'below' copies row `at`.
 */
export function runInsert(runs: RunColumn | null | undefined, at: number, count: number, inheritFrom: 'above' | 'below' | 'none'): RunColumn {
  const out: RunColumn = [];
  const from = inheritFrom === 'above' ? at - 1 : inheritFrom === 'below' ? at : -1;
  for (const run of runs ?? []) {
    const [s, e, v] = run;
    const covers = from >= 0 && s <= from && from <= e;
    if (e < at) out.push(covers ? [s, e + count, v] : [s, e, v]);
    else if (s >= at) out.push(covers ? [s, e + count, v] : [s + count, e + count, v]);
    else out.push([s, e + count, v]);
  }
  return out;
}

export function runDelete(runs: RunColumn | null | undefined, at: number, count: number): RunColumn {
  const out: RunColumn = [];
  const last = at + count - 1;
  for (const [s, e, v] of runs ?? []) {
    if (e < at) out.push([s, e, v]);
    else if (s > last) out.push([s - count, e - count, v]);
    else {
      const keptBefore = at - s;
      const keptAfter = e - last;
      const len = Math.max(0, keptBefore) + Math.max(0, keptAfter);
      if (len > 0) out.push([Math.min(s, at), Math.min(s, at) + len - 1, v]);
    }
  }
  const merged: RunColumn = [];
  for (const run of out) {
    const prev = merged[merged.length - 1];
    if (prev && prev[2] === run[2] && prev[1] + 1 === run[0]) prev[1] = run[1];
    else merged.push(run);
  }
  return merged;
}
