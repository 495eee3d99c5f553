import { textCell } from '../sheets/cells';

/** Where the retention job puts the rows it removes. */
export interface Archive {
  /** `spreadsheet` or `bigquery`: said in the job's result. */
  readonly kind: string;
  /**
   * Adds a year's rows of one table to the archive, skipping rows already there (by `keyOf`), and says how many it
   * added. Throws when it cannot: the rows then stay in the workbook.
   */
  append(table: string, year: number, header: unknown[], rows: unknown[][], keyOf: (row: unknown[]) => string): number;
}

/** The Script Property holding the id of a year's archive spreadsheet. */
export const archivePropertyOf = (year: number) => `ARCHIVE_SPREADSHEET_${year}`;

export interface SpreadsheetArchiveDeps {
  /** Script Properties as read at the start (the archive ids among them). */
  properties: Readonly<Record<string, string>>;
  saveProperty(key: string, value: string): void;
  /** What the new archive spreadsheets are called: the team's workbook name and the year. */
  nameOf(year: number): string;
  /** The team's time zone, given to a new archive spreadsheet (asked only then). */
  timeZone(): string;
}

/**
 * One archive spreadsheet a year, made with SpreadsheetApp.create on first use (it lands in the owner's My Drive,
 * the team's own storage, with no bill) and found again by the id kept in a Script Property, so people may move or
 * rename it. Each raw table gets a sheet of the same name there with the workbook's header row; rows are appended
 * below the last one in one write.
 */
export function spreadsheetArchive(deps: SpreadsheetArchiveDeps): Archive {
  const opened = new Map<number, GoogleAppsScript.Spreadsheet.Spreadsheet>();
  const ids: Record<string, string> = { ...deps.properties };
  const open = (year: number): GoogleAppsScript.Spreadsheet.Spreadsheet => {
    const cached = opened.get(year);
    if (cached) return cached;
    const key = archivePropertyOf(year);
    const id = ids[key];
    let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
    if (id) {
      try {
        ss = SpreadsheetApp.openById(id);
      } catch (error) {
        // Nothing is removed from the workbook when the archive cannot be written: the rows wait for a fix.
        throw new Error(
          `the archive spreadsheet of ${year} (Script Property ${key}) cannot be opened: ${String(error)}. Restore it from Drive's trash, or delete the property to start a new one`,
        );
      }
    } else {
      ss = SpreadsheetApp.create(deps.nameOf(year));
      ss.setSpreadsheetTimeZone(deps.timeZone());
      deps.saveProperty(key, ss.getId());
      ids[key] = ss.getId();
    }
    opened.set(year, ss);
    return ss;
  };
  return {
    kind: 'spreadsheet',
    append(table, year, header, rows, keyOf) {
      if (rows.length === 0) return 0;
      const ss = open(year);
      let sheet = ss.getSheetByName(table);
      let made = false;
      if (!sheet) {
        made = true;
        const sheets = ss.getSheets();
        const blank = sheets.length === 1 && sheets[0]?.getName() === 'Sheet1' && sheets[0].getLastRow() === 0 ? sheets[0] : null;
        sheet = blank ? blank.setName(table) : ss.insertSheet(table);
        sheet.getRange(1, 1, 1, header.length).setValues([header.map((h) => String(h))]);
        sheet.setFrozenRows(1);
      }
      // A sheet made just now holds the header only: nothing to look up.
      const last = made ? 1 : Math.max(sheet.getLastRow(), 1);
      const archiveHeader = made ? header : (sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0] as unknown[]);
      const aligned = alignTo(archiveHeader, header, rows);
      if (aligned.added.length > 0) sheet.getRange(1, archiveHeader.length + 1, 1, aligned.added.length).setValues([aligned.added]);
      const width = archiveHeader.length + aligned.added.length;
      // A run that died after writing here and before removing the rows from the workbook wrote them already: the
      // tail as long as this batch is where they would be.
      const tail = Math.min(last - 1, rows.length);
      const present = new Set(
        tail > 0
          ? sheet
              .getRange(last - tail + 1, 1, tail, width)
              .getValues()
              .map((row) => keyOf(realign(row, [...archiveHeader, ...aligned.added], header)))
          : [],
      );
      const fresh = aligned.rows.filter((_, i) => !present.has(keyOf(rows[i] as unknown[])));
      if (fresh.length === 0) return 0;
      // A new sheet has Sheets' 1,000 rows; the archive grows by what it needs and no more.
      const maxRows = made && last + fresh.length <= 1000 ? 1000 : sheet.getMaxRows();
      if (last + fresh.length > maxRows) sheet.insertRowsAfter(maxRows, last + fresh.length - maxRows);
      sheet.getRange(last + 1, 1, fresh.length, width).setValues(fresh.map((row) => padTo(row, width).map(asWritten)));
      return fresh.length;
    },
  };
}

/** The rows laid out by the archive sheet's header (people may have reordered it), with headers it lacks added. */
function alignTo(archiveHeader: unknown[], header: unknown[], rows: unknown[][]): { rows: unknown[][]; added: string[] } {
  const names = archiveHeader.map((h) => String(h).trim());
  const added: string[] = [];
  for (const h of header.map((x) => String(x).trim())) if (h !== '' && !names.includes(h) && !added.includes(h)) added.push(h);
  const source = header.map((x) => String(x).trim());
  const from = [...names, ...added].map((name) => source.indexOf(name));
  return { rows: rows.map((row) => from.map((i) => (i >= 0 ? (row[i] ?? '') : ''))), added };
}

/** An archive row back in the workbook's column order, for its key. */
function realign(row: unknown[], archiveHeader: unknown[], header: unknown[]): unknown[] {
  const names = archiveHeader.map((h) => String(h).trim());
  const from = header.map((h) => names.indexOf(String(h).trim()));
  return from.map((i) => (i >= 0 ? (row[i] ?? '') : ''));
}

function padTo(row: unknown[], width: number): unknown[] {
  return row.length >= width ? row.slice(0, width) : [...row, ...new Array<unknown>(width - row.length).fill('')];
}

function asWritten(value: unknown): unknown {
  return typeof value === 'string' && value !== '' ? textCell(value) : value;
}
