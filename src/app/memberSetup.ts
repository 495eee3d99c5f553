import { memberText } from '../domain/members/messages';
import { DEFAULT_QUESTIONS, isCoreColumn, problemText, QUESTION_KINDS } from '../domain/members/questions';
import { TIME_ZONES } from '../domain/members/timeZones';
import type { Language } from '../domain/messages';
import type { Locked } from '../platform/lock';
import { columnLetter } from '../sheets/a1';
import { DASHBOARD } from '../sheets/derived/dashboard';
import { participationBlock, type ParticipationColumns } from '../sheets/derived/participation';
import type { LayoutPort, ValidationSpec } from '../sheets/layout';
import type { QUESTIONS } from '../sheets/memberTables';
import type { TableSchema } from '../sheets/schema';
import type { Table } from '../sheets/table';
import { dailyReportsWith, loadQuestions, readTeamOn, type TeamDeps } from './team';

export interface MemberSetupDeps {
  questions: Table<(typeof QUESTIONS)['columns'][number]['key']>;
  /** `Daily Reports` with the given questions' columns (adds the missing headers when asked to ensure). */
  dailyReports(schema: TableSchema<string>): Table<string>;
  team: TeamDeps;
  port: LayoutPort;
  language: Language;
  locked: Locked;
  today: string;
}

export interface MemberSetupReport {
  /** The default questions written to an empty `Questions`. */
  questionsAdded: number;
  /** `Daily Reports` columns added for questions. */
  columnsAdded: string[];
  /** What people typed that does not work, said with its sheet and row, in the team's language. */
  problems: string[];
}

/**
 * Setup's part for issue 18: the default questions in an empty `Questions`, a `Daily Reports` column for each
 * question (named once from its text, then never renamed), data validation where people type, and what is wrong
 * in Members, Absences and Questions — said, not fixed: the reminders of the others go on meanwhile.
 */
export function setUpMembers(deps: MemberSetupDeps): MemberSetupReport {
  const { language } = deps;
  const written = deps.locked(() => {
    let questionsAdded = 0;
    if (deps.questions.read().rows.length === 0) {
      deps.questions.upsert(
        DEFAULT_QUESTIONS.map((q) => ({ order: q.order, textJa: q.textJa, textEn: q.textEn, kind: q.kind, required: q.required, column: q.column })),
      );
      questionsAdded = DEFAULT_QUESTIONS.length;
    }
    const loaded = loadQuestions(deps.questions);
    if (loaded.unnamed.length > 0) deps.questions.upsert(loaded.unnamed.map((q) => ({ order: q.order, column: q.column })));
    const custom = loaded.questions.filter((q) => !isCoreColumn(q.column));
    const migration = deps.dailyReports(dailyReportsWith(custom)).ensure();
    return { questionsAdded, columnsAdded: migration.addedHeaders, questionProblems: loaded.problems };
  });

  const help = (id: keyof typeof SETUP_HELP) => SETUP_HELP[id][language];
  const validations: Array<[string, string, ValidationSpec]> = [
    ['Members', 'Time Zone', { kind: 'list', values: TIME_ZONES, allowInvalid: true, help: help('helpTimeZone') }],
    ['Absences', 'From', { kind: 'date', help: help('helpDate') }],
    ['Absences', 'To', { kind: 'date', help: help('helpDate') }],
    ['Questions', 'Kind', { kind: 'list', values: QUESTION_KINDS, allowInvalid: false, help: help('helpKind') }],
    ['Questions', 'Required', { kind: 'checkbox' }],
    ['Questions', 'Order', { kind: 'numberAtLeast', min: 0, help: help('helpOrder') }],
  ];
  for (const [sheet, title, spec] of validations) {
    const col = deps.port.header(sheet)?.values.indexOf(title) ?? -1;
    if (col >= 0) deps.port.setValidation(sheet, col + 1, spec);
  }

  writeParticipationBlock(deps.port, language);

  const team = readTeamOn(deps.team, deps.today, deps.today);
  const problems = [...team.problems, ...written.questionProblems].map((p) => problemText(p, language));
  return { questionsAdded: written.questionsAdded, columnsAdded: written.columnsAdded, problems };
}

/** The Dashboard's participation block, written over what setup wrote before (never anything else there). */
function writeParticipationBlock(port: LayoutPort, language: Language): void {
  const header = port.header('Participation')?.values ?? [];
  const letter = (title: string) => {
    const i = header.indexOf(title);
    return i < 0 ? null : columnLetter(i + 1);
  };
  const letters = {
    weekStart: letter('Week Start'),
    member: letter('Member'),
    reportedDays: letter('Reported Days'),
    workingDays: letter('Working Days'),
    participation: letter('Participation'),
  };
  if (Object.values(letters).some((l) => l === null) || !port.header(DASHBOARD)) return;
  const block = participationBlock(letters as ParticipationColumns, language);
  port.writeBlock(DASHBOARD, block.title.row, block.title.col, block.cells);
  port.styleBlock(DASHBOARD, block.title, { bold: true, fontSize: 12 });
  port.styleBlock(DASHBOARD, block.band, { bold: true, background: '#f1f3f4' });
  const rows = port.maxRows(DASHBOARD) - block.list.row + 1;
  if (rows > 0)
    port.setFormats(
      DASHBOARD,
      { row: block.list.row, col: block.list.rateCol, numRows: rows, numCols: 1 },
      Array.from({ length: rows }, () => ['0%']),
    );
}

const SETUP_HELP = {
  helpTimeZone: {
    ja: 'IANA のタイムゾーン名（例: Asia/Tokyo, America/New_York）。空欄ならチームのタイムゾーン',
    en: "An IANA time zone name (e.g. Asia/Tokyo, America/New_York); empty for the team's",
  },
  helpKind: { ja: 'text / number / scale / yes-no のどれか', en: 'One of text / number / scale / yes-no' },
  helpDate: { ja: '日付を入力してください（例: 2026-01-05）', en: 'Enter a date (e.g. 2026-01-05)' },
  helpOrder: { ja: '質問の順番（数値）', en: 'The order of the question (a number)' },
} as const;

export function memberSetupLines(report: MemberSetupReport, language: Language): string[] {
  return report.problems.length === 0 ? [] : [memberText('problemsTitle', language), ...report.problems];
}
