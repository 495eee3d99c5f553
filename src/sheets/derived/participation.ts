import type { Language } from '../../domain/messages';
import { memberText } from '../../domain/members/messages';
import { sheetRef } from '../a1';
import type { GridArea } from '../layout';

/**
 * The Dashboard's participation block (issue 18): this week's row of each member in `Participation`, under the
 * charts (columns I–L, from row 34) so it never meets the sections of columns A–G, whose lists spill down.
 */
export const PARTICIPATION_BLOCK = { row: 34, col: 9, width: 4 } as const;

export interface ParticipationColumns {
  weekStart: string;
  member: string;
  reportedDays: string;
  workingDays: string;
  participation: string;
}

export interface ParticipationBlock {
  cells: Array<Array<string | null>>;
  title: GridArea;
  band: GridArea;
  /** The first row the list spills from, and the column of its rate (percent to the end of the sheet). */
  list: { row: number; rateCol: number };
}

export function participationBlock(c: ParticipationColumns, language: Language): ParticipationBlock {
  const p = sheetRef('Participation');
  const col = (letter: string) => `${p}!${letter}2:${letter}`;
  const thisWeek = `${col(c.weekStart)}=MAX(${col(c.weekStart)})`;
  const t = (id: Parameters<typeof memberText>[0]) => memberText(id, language);
  const { row, col: first, width } = PARTICIPATION_BLOCK;
  return {
    cells: [
      [t('dashboardParticipationWeek'), null, null, null],
      [t('dashboardMember'), t('dashboardReported'), t('dashboardWorking'), t('dashboardRate')],
      [c.member, c.reportedDays, c.workingDays, c.participation].map((letter) => `=IFERROR(FILTER(${col(letter)},${thisWeek}),"")`),
    ],
    title: { row, col: first, numRows: 1, numCols: width },
    band: { row: row + 1, col: first, numRows: 1, numCols: width },
    list: { row: row + 2, rateCol: first + 3 },
  };
}
