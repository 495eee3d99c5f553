import type { Language } from '../messages';
import { memberText } from './messages';
import type { TeamProblem } from './team';

/**
 * The team's questions (the `Questions` sheet): what the progress form asks, in which order, and the
 * `Daily Reports` column each answer lands in. The default set is the form as it always was — done, planned,
 * blockers, mood — whose columns keep feeding the KPIs (Blockers opens blockers, Mood is Team Satisfaction).
 */

export type QuestionKind = 'text' | 'number' | 'scale' | 'yes-no';
export const QUESTION_KINDS: readonly QuestionKind[] = ['text', 'number', 'scale', 'yes-no'];

export interface Question {
  order: number;
  textJa: string;
  textEn: string;
  kind: QuestionKind;
  required: boolean;
  /** The `Daily Reports` header of its answers. */
  column: string;
}

/** The columns the questions of the default set write, which the rest of shinchoku reads by meaning. */
export const CORE_COLUMNS = { done: 'Done', planned: 'Planned', blockers: 'Blockers', mood: 'Mood' } as const;
const CORE_HEADERS = new Set<string>(Object.values(CORE_COLUMNS));
/** `Daily Reports` headers no question may take. */
const RESERVED = new Set(['Date', 'Member', 'Slack User ID', 'Updated At']);

export const DEFAULT_QUESTIONS: readonly Question[] = [
  { order: 1, textJa: '完了事項', textEn: 'What you finished', kind: 'text', required: false, column: CORE_COLUMNS.done },
  { order: 2, textJa: '今日実行予定のこと', textEn: 'What you plan today', kind: 'text', required: false, column: CORE_COLUMNS.planned },
  {
    order: 3,
    textJa: 'ブロッカー・課題（1 行に 1 件）',
    textEn: 'Blockers and issues (one a line)',
    kind: 'text',
    required: false,
    column: CORE_COLUMNS.blockers,
  },
  { order: 4, textJa: '今日の気分（1〜5）', textEn: 'Your mood today (1–5)', kind: 'scale', required: true, column: CORE_COLUMNS.mood },
];

/** Slack allows 100 blocks in a modal; a daily form of more than this many questions is one nobody fills in. */
export const MAX_QUESTIONS = 20;

export interface QuestionCells {
  row: number;
  order: number | null;
  textJa: string;
  textEn: string;
  kind: string;
  required: boolean;
  column: string;
}

export function parseKind(text: string): QuestionKind | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_/]+/g, '-');
  if (t === '') return 'text';
  if (t === 'yesno' || t === 'yes-no' || t === 'boolean') return 'yes-no';
  return (QUESTION_KINDS as readonly string[]).includes(t) ? (t as QuestionKind) : null;
}

/** A new question's column: from its text when setup first sees it, and never renamed after. */
export function columnFor(textEn: string, textJa: string, taken: ReadonlySet<string>): string {
  const base = `Q: ${(textEn || textJa).replace(/\s+/g, ' ').trim()}`.slice(0, 60).trim();
  let column = base;
  for (let n = 2; taken.has(column) || RESERVED.has(column); n++) column = `${base} (${n})`;
  return column;
}

/**
 * The questions to ask, in order, and what is wrong with the rows left out. An empty sheet asks the default set;
 * a row without text or with an unknown kind is left out (and said), so one typo does not take the form down.
 */
export function readQuestions(rows: readonly QuestionCells[]): { questions: Question[]; problems: TeamProblem[]; unnamed: QuestionCells[] } {
  const problems: TeamProblem[] = [];
  const questions: Question[] = [];
  const unnamed: QuestionCells[] = [];
  const used = new Set(rows.map((r) => r.column).filter((c) => c !== ''));
  const sorted = [...rows].filter((r) => r.order !== null).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const r of sorted) {
    const problem = (id: TeamProblem['id'], params: Record<string, string | number> = {}) =>
      problems.push({ sheet: 'Questions', row: r.row, id, params });
    if (r.textJa === '' && r.textEn === '') {
      problem('questionNoText');
      continue;
    }
    const kind = parseKind(r.kind);
    if (!kind) {
      problem('questionBadKind', { kind: r.kind });
      continue;
    }
    let column = r.column;
    if (column === '') {
      column = columnFor(r.textEn, r.textJa, used);
      used.add(column);
      unnamed.push({ ...r, column });
    }
    if (column === CORE_COLUMNS.mood && kind !== 'scale') {
      problem('questionMoodKind');
      continue;
    }
    if (questions.length >= MAX_QUESTIONS) {
      problem('questionTooMany', { max: MAX_QUESTIONS, order: r.order ?? '' });
      break;
    }
    questions.push({ order: r.order ?? 0, textJa: r.textJa, textEn: r.textEn, kind, required: r.required, column });
  }
  // A sheet whose every row is wrong would leave a form with nothing to ask: the default set stands meanwhile,
  // and the problems say what to fix.
  return { questions: questions.length > 0 ? questions : [...DEFAULT_QUESTIONS], problems, unnamed };
}

export function questionLabel(q: Pick<Question, 'textJa' | 'textEn'>, language: Language): string {
  return language === 'en' ? q.textEn || q.textJa : q.textJa || q.textEn;
}

/** The form's block id of a question: the default set keeps the ids the form always had. */
export function blockIdOf(q: Pick<Question, 'column'>): string {
  const core = Object.entries(CORE_COLUMNS).find(([, header]) => header === q.column);
  return core ? core[0] : `q:${q.column}`.slice(0, 255);
}

export type Answer = string | number | boolean;

/** A yes-no answer as it is stored (a checkbox-like TRUE/FALSE) and offered (はい/いいえ). */
export function yesNo(value: string): boolean | null {
  if (/^(yes|true|1|はい)$/i.test(value)) return true;
  if (/^(no|false|0|いいえ)$/i.test(value)) return false;
  return null;
}

/**
 * Checks the answers of a submission, question by question; errors are keyed by block id, as Slack shows them
 * under each field. Empty optional answers are left out.
 */
export function readAnswers(
  questions: readonly Question[],
  valueOf: (blockId: string) => string,
  language: Language,
): { ok: true; answers: Record<string, Answer> } | { ok: false; errors: Record<string, string> } {
  const answers: Record<string, Answer> = {};
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const id = blockIdOf(q);
    const raw = valueOf(id).trim();
    if (raw === '') {
      if (q.required) errors[id] = memberText(q.kind === 'scale' ? 'answerScale' : 'answerRequired', language);
      continue;
    }
    switch (q.kind) {
      case 'text':
        answers[q.column] = raw;
        break;
      case 'number': {
        const n = Number(raw.replace(/[,，]/g, '').replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
        if (Number.isFinite(n)) answers[q.column] = n;
        else errors[id] = memberText('answerNumber', language);
        break;
      }
      case 'scale': {
        const n = Number(raw);
        if (Number.isInteger(n) && n >= 1 && n <= 5) answers[q.column] = n;
        else errors[id] = memberText('answerScale', language);
        break;
      }
      case 'yes-no': {
        const b = yesNo(raw);
        if (b === null) errors[id] = memberText('answerRequired', language);
        else answers[q.column] = b;
        break;
      }
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** Whether a column is one of the default set's, which have their own meaning (see CORE_COLUMNS). */
export function isCoreColumn(column: string): boolean {
  return CORE_HEADERS.has(column);
}

/** A problem as a person reads it, with the sheet and row in front. */
export function problemText(p: TeamProblem, language: Language): string {
  return memberText('problemAt', language, { sheet: p.sheet, row: p.row, message: memberText(p.id, language, p.params) });
}
