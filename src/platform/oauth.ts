/**
 * The script's own OAuth token, for Google APIs called through UrlFetchApp (the GA4 Data API). It carries the
 * scopes of appsscript.json: `analytics.readonly` only in a build made with GA4 on (README ▸ Google Analytics 4).
 */
export function scriptOAuthToken(): string {
  return ScriptApp.getOAuthToken();
}
