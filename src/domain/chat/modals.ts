import type { Language } from '../messages';
import { isSlackResponseUrl } from '../gateway';
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

/** The progress modal, filled with today's report when there is one (a second report updates it). */
export function progressModal(language: Language, origin: ModalOrigin, draft: ProgressDraft | null): ModalView {
  const mood: InputBlock = {
    type: 'input',
    block_id: 'mood',
    label: plain(chatText('fieldMood', language), SLACK_LIMITS.inputLabel),
    element: {
      type: 'static_select',
      action_id: 'value',
      placeholder: plain(chatText('moodPlaceholder', language), SLACK_LIMITS.placeholder),
      options: [1, 2, 3, 4, 5].map(moodOption),
    },
  };
  if (draft?.mood && draft.mood >= 1 && draft.mood <= 5 && mood.element.type === 'static_select')
    mood.element.initial_option = moodOption(draft.mood);
  return {
    type: 'modal',
    callback_id: PROGRESS_MODAL,
    title: plain(chatText('modalProgressTitle', language), SLACK_LIMITS.modalTitle),
    submit: plain(chatText('modalSubmit', language), SLACK_LIMITS.modalButton),
    close: plain(chatText('modalCancel', language), SLACK_LIMITS.modalButton),
    private_metadata: metadata(origin),
    blocks: [
      textInput('done', chatText('fieldDone', language), true, draft?.done),
      textInput('planned', chatText('fieldPlanned', language), true, draft?.planned),
      textInput('blockers', chatText('fieldBlockers', language), true, draft?.blockers),
      mood,
    ],
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
  mood: number;
}

/** Checks a progress submission; errors are keyed by block, as Slack shows them under each field. */
export function readProgressSubmission(values: ViewValues, language: Language): Submission<ProgressSubmission> {
  const done = valueOf(values, 'done');
  const planned = valueOf(values, 'planned');
  const blockers = valueOf(values, 'blockers')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const moodText = valueOf(values, 'mood');
  const mood = Number(moodText);
  const errors: Record<string, string> = {};
  if (done === '' && planned === '' && blockers.length === 0) errors['done'] = chatText('submissionEmpty', language);
  if (!Number.isInteger(mood) || mood < 1 || mood > 5) errors['mood'] = chatText('moodInvalid', language);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { done, planned, blockers, mood } };
}

export function readBlockerSubmission(values: ViewValues, language: Language): Submission<{ description: string; project: string }> {
  const description = valueOf(values, 'description');
  if (description === '') return { ok: false, errors: { description: chatText('blockerRequired', language) } };
  return { ok: true, value: { description, project: valueOf(values, 'project') } };
}
