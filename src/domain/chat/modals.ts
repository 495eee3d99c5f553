import type { Language } from '../messages';
import { isSlackResponseUrl } from '../gateway';
import { memberText } from '../members/messages';
import { blockIdOf, DEFAULT_QUESTIONS, questionLabel, readAnswers, CORE_COLUMNS, type Answer, type Question } from '../members/questions';
import { plain, type InputBlock, type ModalView, type SelectOption } from './blockKit';
import { SLACK_LIMITS } from './limits';
import { chatText } from './messages';

export const PROGRESS_MODAL = 'shinchoku_progress';
export const BLOCKER_MODAL = 'shinchoku_blocker';
/** The action IDs of the reminder buttons: a click opens the matching modal. */
export const ACTION_REPORT_PROGRESS = 'report_progress';
export const ACTION_REPORT_BLOCKER = 'report_blocker';

/** A report field holds at most this much; Slack allows 3,000 and a day's notes fit easily in 2,000. */
const FIELD_MAX = 2000;
const MOODS = ['😫', '😕', '😐', '🙂', '😄'];

export interface ProgressDraft {
  done: string;
  planned: string;
  blockers: string;
  mood: number | null;
  /** The day's answers to the team's own questions, by `Daily Reports` column. */
  answers?: Record<string, string>;
}

/** Where the result of a submission is said: the conversation the modal was opened from, when Slack told us. */
export interface ModalOrigin {
  channel?: string;
  responseUrl?: string;
}

function moodOption(n: number): SelectOption {
  return { text: plain(`${n} ${MOODS[n - 1] ?? ''}`, SLACK_LIMITS.optionText), value: String(n) };
}

function textInput(blockId: string, label: string, optional: boolean, initial: string | undefined): InputBlock {
  const element: InputBlock['element'] = { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: FIELD_MAX };
  if (initial) element.initial_value = initial.slice(0, FIELD_MAX);
  return { type: 'input', block_id: blockId, label: plain(label, SLACK_LIMITS.inputLabel), optional, element };
}

function metadata(origin: ModalOrigin): string {
  const text = JSON.stringify({ c: origin.channel ?? '', r: origin.responseUrl ?? '' });
  // A response_url is ~150 characters; should one ever be longer, the reply goes by direct message instead.
  return text.length <= SLACK_LIMITS.privateMetadata ? text : JSON.stringify({ c: origin.channel ?? '', r: '' });
}

export function readOrigin(privateMetadata: string | undefined): ModalOrigin {
  try {
    const data = JSON.parse(privateMetadata || '{}') as { c?: unknown; r?: unknown };
    const out: ModalOrigin = {};
    if (typeof data.c === 'string' && data.c) out.channel = data.c;
    // Only Slack's own host: the metadata comes back from the client, and the reply carries a member's progress.
    if (typeof data.r === 'string' && isSlackResponseUrl(data.r)) out.responseUrl = data.r;
    return out;
  } catch {
    return {};
  }
}

/** One question of the form, as the input its kind asks for. */
function questionBlock(q: Question, language: Language, initial: string): InputBlock {
  const label = questionLabel(q, language);
  const id = blockIdOf(q);
  if (q.kind === 'text') return textInput(id, label, !q.required, initial);
  if (q.kind === 'number') {
    const block = textInput(id, label, !q.required, initial);
    if (block.element.type === 'plain_text_input') {
      block.element.multiline = false;
      block.element.max_length = 40;
      if (block.element.initial_value) block.element.initial_value = block.element.initial_value.slice(0, 40);
    }
    return block;
  }
  const options: SelectOption[] =
    q.kind === 'scale'
      ? [1, 2, 3, 4, 5].map(moodOption)
      : [
          { text: plain(memberText('yes', language), SLACK_LIMITS.optionText), value: 'yes' },
          { text: plain(memberText('no', language), SLACK_LIMITS.optionText), value: 'no' },
        ];
  const select: InputBlock = {
    type: 'input',
    block_id: id,
    label: plain(label, SLACK_LIMITS.inputLabel),
    optional: !q.required,
    element: {
      type: 'static_select',
      action_id: 'value',
      placeholder: plain(
        q.column === CORE_COLUMNS.mood ? chatText('moodPlaceholder', language) : memberText('choose', language),
        SLACK_LIMITS.placeholder,
      ),
      options,
    },
  };
  const wanted = q.kind === 'yes-no' ? (/^(true|yes|はい)$/i.test(initial) ? 'yes' : /^(false|no|いいえ)$/i.test(initial) ? 'no' : '') : initial;
  const chosen = options.find((o) => o.value === wanted);
  if (chosen && select.element.type === 'static_select') select.element.initial_option = chosen;
  return select;
}

/** What the form shows already filled in for a question: today's answer, when there is one. */
function initialOf(q: Question, draft: ProgressDraft | null): string {
  if (!draft) return '';
  if (q.column === CORE_COLUMNS.done) return draft.done;
  if (q.column === CORE_COLUMNS.planned) return draft.planned;
  if (q.column === CORE_COLUMNS.blockers) return draft.blockers;
  if (q.column === CORE_COLUMNS.mood) return draft.mood && draft.mood >= 1 && draft.mood <= 5 ? String(draft.mood) : '';
  return draft.answers?.[q.column] ?? '';
}

/**
 * The progress modal: the team's questions (`Questions`, the default set when it is empty), filled with today's
 * report when there is one (a second report updates it).
 */
export function progressModal(
  language: Language,
  origin: ModalOrigin,
  draft: ProgressDraft | null,
  questions: readonly Question[] = DEFAULT_QUESTIONS,
): ModalView {
  return {
    type: 'modal',
    callback_id: PROGRESS_MODAL,
    title: plain(chatText('modalProgressTitle', language), SLACK_LIMITS.modalTitle),
    submit: plain(chatText('modalSubmit', language), SLACK_LIMITS.modalButton),
    close: plain(chatText('modalCancel', language), SLACK_LIMITS.modalButton),
    private_metadata: metadata(origin),
    blocks: questions.map((q) => questionBlock(q, language, initialOf(q, draft))),
  };
}

export function blockerModal(language: Language, origin: ModalOrigin): ModalView {
  const project: InputBlock = {
    type: 'input',
    block_id: 'project',
    label: plain(chatText('fieldProject', language), SLACK_LIMITS.inputLabel),
    optional: true,
    element: { type: 'plain_text_input', action_id: 'value', max_length: 200 },
  };
  return {
    type: 'modal',
    callback_id: BLOCKER_MODAL,
    title: plain(chatText('modalBlockerTitle', language), SLACK_LIMITS.modalTitle),
    submit: plain(chatText('modalSubmit', language), SLACK_LIMITS.modalButton),
    close: plain(chatText('modalCancel', language), SLACK_LIMITS.modalButton),
    private_metadata: metadata(origin),
    blocks: [textInput('description', chatText('fieldBlocker', language), false, undefined), project],
  };
}

/** `view.state.values` of a submission: block id → action id → the element's state. */
export type ViewValues = Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>>;

const valueOf = (values: ViewValues, blockId: string): string => {
  const state = values[blockId]?.['value'];
  return (state?.value ?? state?.selected_option?.value ?? '').trim();
};

export type Submission<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export interface ProgressSubmission {
  done: string;
  planned: string;
  blockers: string[];
  mood: number | null;
  /** Answers to the team's own questions, by `Daily Reports` column (absent when the form asks none). */
  answers?: Record<string, Answer>;
}

/** Checks a progress submission; errors are keyed by block, as Slack shows them under each field. */
export function readProgressSubmission(
  values: ViewValues,
  language: Language,
  questions: readonly Question[] = DEFAULT_QUESTIONS,
): Submission<ProgressSubmission> {
  const read = readAnswers(questions, (id) => valueOf(values, id), language);
  const errors: Record<string, string> = read.ok ? {} : { ...read.errors };
  if (errors['mood']) errors['mood'] = chatText('moodInvalid', language); // the words people know
  const given = read.ok ? read.answers : {};
  // A report says something: an answer besides the mood (or, without such questions, the mood itself).
  const worded = questions.filter((q) => q.column !== CORE_COLUMNS.mood);
  const first = worded[0];
  if (first && worded.every((q) => valueOf(values, blockIdOf(q)) === '')) errors[blockIdOf(first)] ??= chatText('submissionEmpty', language);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const {
    [CORE_COLUMNS.done]: done,
    [CORE_COLUMNS.planned]: planned,
    [CORE_COLUMNS.blockers]: blockers,
    [CORE_COLUMNS.mood]: mood,
    ...answers
  } = given;
  const asText = (v: Answer | undefined) => (v === undefined ? '' : String(v));
  const blockerLines = asText(blockers)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return {
    ok: true,
    value: {
      done: asText(done),
      planned: asText(planned),
      blockers: blockerLines,
      mood: typeof mood === 'number' ? mood : null,
      ...(Object.keys(answers).length > 0 ? { answers } : {}),
    },
  };
}

export function readBlockerSubmission(values: ViewValues, language: Language): Submission<{ description: string; project: string }> {
  const description = valueOf(values, 'description');
  if (description === '') return { ok: false, errors: { description: chatText('blockerRequired', language) } };
  return { ok: true, value: { description, project: valueOf(values, 'project') } };
}
