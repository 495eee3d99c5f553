/** The sheet's UI: dialogs, confirmations and toasts. Only menu and sidebar executions may use it. */
export interface SheetUi {
  dialog(html: string, title: string, size?: { width: number; height: number }): void;
  confirm(title: string, prompt: string): boolean;
  toast(message: string, title: string): void;
}

export function sheetUi(): SheetUi {
  return {
    dialog: (html, title, size = { width: 640, height: 480 }) => {
      const output = HtmlService.createHtmlOutput(html).setWidth(size.width).setHeight(size.height);
      SpreadsheetApp.getUi().showModalDialog(output, title);
    },
    confirm: (title, prompt) => {
      const ui = SpreadsheetApp.getUi();
      return ui.alert(title, prompt, ui.ButtonSet.YES_NO) === ui.Button.YES;
    },
    toast: (message, title) => SpreadsheetApp.getActiveSpreadsheet().toast(message, title, 8),
  };
}
