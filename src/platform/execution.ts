/**
 * Apps Script loads the whole project afresh for every execution, so the moment this file is loaded is the moment
 * the execution began: the one instant from which every time box of the execution counts, whichever job asks and
 * however many jobs the dispatcher runs before it. Nothing else is kept here.
 */
const LOADED_AT = Date.now();

export function executionStartedAt(): Date {
  return new Date(LOADED_AT);
}
