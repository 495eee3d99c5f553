/**
 * The script's entry points. The build turns each export into a top-level function of build/Code.js, the
 * form Apps Script needs for doGet/doPost, triggers, menus and google.script.run. Each is a few lines: build
 * the dependencies (compose.ts), call one use case, shape the answer.
 */
import { routePost, type WebRequest } from './app/webApp';
import { currentLanguage, postHandlers, rememberSheetTimeZone, reportFailure, setupJob } from './compose';
import { message } from './domain/messages';
import { setupSummary } from './app/setup';
import { jsonOutput } from './platform/http';
import { dispatchJob, installTriggersJob } from './compose/schedule';
import { healthJob } from './compose/health';
import { rotateWebhookTokensJob, showHealthJob, showWebhookUrlsJob } from './compose/operations';
import { MENU, menuCaption } from './menu';

export function doPost(e: GoogleAppsScript.Events.DoPost) {
  return jsonOutput(routePost(webRequest(e), postHandlers(), (error) => reportFailure('doPost', error)));
}

export function doGet(e: GoogleAppsScript.Events.DoGet) {
  const action = e?.parameter?.['action'];
  if (action === 'health') return jsonOutput(healthJob());
  return jsonOutput({ ok: false, error: action ? `unknown action "${action}": expected health` : 'missing "action" parameter: expected health' });
}

/** Simple trigger: adds the menu, and notes the sheet's time zone in case someone changed it. */
export function onOpen() {
  const language = currentLanguage();
  const menu = SpreadsheetApp.getUi().createMenu(message('menuTitle', language));
  for (const item of MENU) {
    if (item) menu.addItem(menuCaption(item.caption, language), item.handler);
    else menu.addSeparator();
  }
  menu.addToUi();
  try {
    rememberSheetTimeZone();
  } catch (error) {
    // A simple trigger may lack the authorization for this; setup records the time zone as well.
    console.warn(`onOpen: could not note the sheet's time zone: ${String(error)}`);
  }
}

/** Creates missing sheets and tokens; safe to run again. Run it from the menu or the editor. */
export function setup() {
  return guarded('setup', () => {
    const report = setupJob();
    const { title, lines } = setupSummary(report, currentLanguage());
    console.log([title, ...lines].join('\n'));
    SpreadsheetApp.getActiveSpreadsheet().toast(lines.join('\n'), title, 10);
    return report;
  });
}

/** Installs or refreshes the triggers: exactly one, the dispatcher. Safe to run again. */
export function installTriggers() {
  return guarded('installTriggers', () => installTriggersJob());
}

/** The every-minute trigger: runs each scheduled job once, at its time (src/jobs.ts). */
export function dispatch() {
  return guarded('dispatch', () => dispatchJob());
}

/** Menu: the web app URL of each source, with what to do with it (shown to the owner only). */
export function showWebhookUrls() {
  return guarded('showWebhookUrls', () => showWebhookUrlsJob());
}

/** Menu: new webhook tokens, after a confirmation. */
export function rotateWebhookTokens() {
  return guarded('rotateWebhookTokens', () => rotateWebhookTokensJob());
}

/** Menu: the health answer in a dialog. */
export function showHealth() {
  return guarded('showHealth', () => showHealthJob());
}

/** Runs a job; a failure is recorded in `Errors` (secrets taken out) and still fails the execution. */
function guarded<T>(functionName: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    reportFailure(functionName, error);
    throw error;
  }
}

function webRequest(e: GoogleAppsScript.Events.DoPost | undefined): WebRequest {
  return { parameter: e?.parameter ?? {}, postData: e?.postData };
}
