/** Apps Script cannot set a status code: every answer is JSON with `ok`, and errors are said in the body. */
export function jsonOutput(body: unknown): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(body)).setMimeType(ContentService.MimeType.JSON);
}
