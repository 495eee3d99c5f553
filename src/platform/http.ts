/** Apps Script cannot set a status code: every answer is JSON with `ok`, and errors are said in the body. */
export function jsonOutput(body: unknown): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(body)).setMimeType(ContentService.MimeType.JSON);
}

/** A body already in the caller's own JSON shape (Slack's), or empty; still served as JSON. */
export function rawJsonOutput(body: string): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(body).setMimeType(ContentService.MimeType.JSON);
}
