/**
 * `KPI Tracking` is kept oldest first: its derived columns (Day-over-Day, the rolling averages) read the rows above,
 * and the Dashboard's "latest" is the last row. Both writers of a day's row — the daily KPI job and the snapshot
 * webhook — call this after writing, so one rule decides when the rows are sorted.
 */

export interface RowsBefore {
  /** The day of each row as read before the write, in sheet order (null where the date is not a day). */
  days: ReadonlyArray<string | null>;
  /** The row the write would append to: one past the last row then. */
  nextRow: number;
}

/**
 * Sorts the rows when writing `day` left them out of date order (a past day appended below later ones, or rows a
 * person pasted out of order), and says whether it did. In order — today's row appended, a day updated in place —
 * it costs nothing: sorting is two Spreadsheet calls that the usual write must not pay.
 */
export function keepKpiRowsInDateOrder(before: RowsBefore, day: string, created: boolean, sortByDate: (lastRow: number) => void): boolean {
  const days = created ? [...before.days, day] : before.days;
  const known = days.filter((d): d is string => d !== null);
  if (!known.some((d, i) => i > 0 && d < (known[i - 1] as string))) return false;
  sortByDate(created ? before.nextRow : before.nextRow - 1);
  return true;
}
