/** The bound spreadsheet's address, for links to it in messages (the weekly email's button). */
export function spreadsheetUrl(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getUrl();
}
