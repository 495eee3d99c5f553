/** How many more recipients the script may email today (MailApp's daily quota). */
export function remainingEmailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}
