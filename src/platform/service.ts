/** The deployed web app's `/exec` URL, or null before the first deployment. */
export function webAppUrl(): string | null {
  return ScriptApp.getService().getUrl() || null;
}
