/**
 * The script's entry points. The build turns each export into a top-level function of build/Code.js, the
 * form Apps Script needs for doGet/doPost, triggers, menus and google.script.run. Each is a few lines: build
 * the dependencies (compose.ts), call one use case, shape the answer.
 */
import { routePost, type WebRequest } from './app/webApp';
import { currentLanguage, logInternalError, postHandlers, rememberSheetTimeZone, setupJob } from './compose';
import { message } from './domain/messages';
import { jsonOutput } from './platform/http';
import { VERSION } from './version';

export function doPost(e: GoogleAppsScript.Events.DoPost) {
  return jsonOutput(routePost(webRequest(e), postHandlers(), logInternalError));
}

export function doGet(e: GoogleAppsScript.Events.DoGet) {
  const action = e?.parameter?.['action'];
  if (action === 'health') return jsonOutput({ ok: true, app: 'shinchoku', version: VERSION, time: new Date().toISOString() });
  return jsonOutput({ ok: false, error: action ? `unknown action "${action}": expected health` : 'missing "action" parameter: expected health' });
}

/** Simple trigger: adds the menu, and notes the sheet's time zone in case someone changed it. */
export function onOpen() {
  const language = currentLanguage();
  SpreadsheetApp.getUi()
    .createMenu(message('menuTitle', language))
    .addItem(message('menuSetup', language), 'setup')
    .addToUi();
  try {
    rememberSheetTimeZone();
  } catch (error) {
    // A simple trigger may lack the authorization for this; setup records the time zone as well.
    logInternalError(error);
  }
}

/** Creates missing sheets and tokens; safe to run again. Run it from the menu or the editor. */
export function setup() {
  try {
    const report = setupJob();
    const language = currentLanguage();
    const lines = [message('setupDone', language)];
    if (report.sheetsCreated.length > 0) lines.push(`${message('setupSheetsCreated', language)}: ${report.sheetsCreated.join(', ')}`);
    if (report.tokensCreated.length > 0) lines.push(`${message('setupTokensCreated', language)}: ${report.tokensCreated.join(', ')}`);
    if (report.sheetsCreated.length === 0 && report.tokensCreated.length === 0) lines.push(message('setupNothingToDo', language));
    console.log(lines.join('\n'));
    SpreadsheetApp.getActiveSpreadsheet().toast(lines.slice(1).join('\n'), lines[0] ?? '', 10);
    return report;
  } catch (error) {
    logInternalError(error);
    throw error;
  }
}

function webRequest(e: GoogleAppsScript.Events.DoPost | undefined): WebRequest {
  return { parameter: e?.parameter ?? {}, postData: e?.postData };
}
