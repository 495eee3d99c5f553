declare const __SHINCHOKU_WEB_APP_URL__: string | undefined;

/**
 * The deployed web app's `/exec` URL, or null before the first deployment. `npm run deploy` bakes the deployment's
 * URL into the bundle, and that one wins: ScriptApp.getService().getUrl() is reported to give the `/dev` URL (or a
 * domain-scoped `/a/…/` one) when called outside the web app — from the menu, the sidebar or a trigger — and `/dev`
 * refuses anonymous posts. A bundle pushed another way (npm run push) falls back to what Apps Script says.
 */
export function webAppUrl(): string | null {
  const deployed = typeof __SHINCHOKU_WEB_APP_URL__ === 'string' ? __SHINCHOKU_WEB_APP_URL__ : '';
  return deployed || ScriptApp.getService().getUrl() || null;
}
