/**
 * SpreadsheetApp for the local runtime: the bound workbook of a state directory (slice "workbook"), its UI
 * (slice "ui"), and the host-side views of both used by the CLI, the tests and the serve page.
 *
 * Host exports:
 * - dumpWorkbook(state, {sheet?, formulas?, now?, spreadsheetId?}) — computed values per sheet (dates as ISO strings)
 * - listCreatedSpreadsheets(state) — the spreadsheets the script made with SpreadsheetApp.create ("files" slice)
 * - typeIntoCell(state, "Sheet!A1", text) and editEventFor(exec, edit) — a person's edit and its onEdit event
 * - readWorkbookMeta(state) — formats, validation, conditional formats, charts, layout as JSON
 * - readUi(state), queueUiAnswer(state, answer) — menus, toasts, the last dialog; answers for alert/prompt
 * - renderWorkbookHtml(state, opts?) — a read-only HTML page of the workbook
 * - exportXlsx(state, file) — the workbook as an .xlsx file
 */
export { spreadsheetService } from './service';
export { dumpWorkbook, listCreatedSpreadsheets, editEventFor, jsonValue, readWorkbookMeta, typeIntoCell, ValidationRejected } from './host';
export type { DumpOptions, EditEventInfo, SheetMeta, TypedEdit, WorkbookMeta } from './host';
export { queueUiAnswer, readUi } from './ui';
export type { DialogRecord, MenuItemRecord, MenuRecord, ToastRecord, UiAnswer } from './ui';
export { renderWorkbookHtml } from './html';
export type { RenderOptions } from './html';
export { exportXlsx } from './xlsx';
