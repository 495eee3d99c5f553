import * as crypto from 'node:crypto';
import type { ServiceFactory } from '../runtime/api';
import { countedAs } from './counted';
import { emulated } from './implemented';

/**
 * Session. The effective user is whoever the script runs as; the active user is hidden ("") where Apps Script
 * hides it from a consumer account: a web app executing as the developer for an anonymous visitor, and simple
 * triggers (onOpen, onEdit). Manual runs and installable triggers see the owner.
 */
export const sessionService: ServiceFactory = (exec) => {
  const user = (email: string) => emulated<GoogleAppsScript.Base.User>('User', { getEmail: () => email, toString: () => email }, exec);
  const activeEmail = exec.kind === 'web' || exec.kind === 'simple' ? '' : exec.userEmail;
  const Session = countedAs<GoogleAppsScript.Base.Session>(exec, 'Session', {
    getActiveUser: () => user(activeEmail),
    getEffectiveUser: () => user(exec.userEmail),
    getScriptTimeZone: () => exec.timeZone,
    getActiveUserLocale: () => process.env['LOCAL_LOCALE'] || 'ja',
    // Stable for one user of one script, and opaque, as Google's is.
    getTemporaryActiveUserKey: () => crypto.createHash('sha256').update(`${exec.state.dir}\0${exec.userEmail}`).digest('base64url').slice(0, 43),
    toString: () => 'Session',
  });
  return { Session };
};
