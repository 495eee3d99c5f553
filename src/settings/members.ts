import { parse, setting } from './spec';

/** Issue 18: the gentle note to the managers when someone has stopped reporting. */
export const MISSED_REPORT_DAYS = setting(
  'MISSED_REPORT_DAYS',
  '3',
  'After this many working days in a row without a daily report (days away and holidays not counted), the managers (MANAGER_EMAILS) get a gentle note; 0 turns it off',
  parse.integer(0, 60),
);

export const MEMBER_SETTINGS = [MISSED_REPORT_DAYS];
