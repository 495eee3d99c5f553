import { cellBoolean, cellText } from './rows';
import type { CellValue } from '../cellValue';

export interface MemberCells {
  githubLogin: CellValue;
  slackUserId: CellValue;
  active: CellValue;
}

/**
 * GitHub login (lower case, without `@`) → Slack user id, from `Members`, so a notice can mention the reviewer.
 * An empty Active cell is a member someone has not marked yet: still a member.
 */
export function slackUserOfLogin(members: ReadonlyArray<MemberCells>): Map<string, string> {
  const slackUserOf = new Map<string, string>();
  for (const record of members) {
    const login = cellText(record.githubLogin).replace(/^@/, '').toLowerCase();
    const slack = cellText(record.slackUserId);
    if (login && slack && (record.active === null || record.active === '' || cellBoolean(record.active))) slackUserOf.set(login, slack);
  }
  return slackUserOf;
}
