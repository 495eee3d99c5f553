import type { Language } from '../messages';
import { SLACK_LIMITS } from './limits';
import { chatText } from './messages';
import { truncate } from './text';

/**
 * Block Kit, as far as shinchoku uses it. Each builder cuts its text to Slack's limit, so a long name or a long
 * report can shorten a message but never make Slack refuse it. Texts given to the mrkdwn builders must already be
 * escaped where they hold user text (text.ts).
 */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
export type TextObject = PlainText | Mrkdwn;

export interface Button {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  style?: 'primary' | 'danger';
}
export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}
export interface SectionBlock {
  type: 'section';
  text?: Mrkdwn;
  fields?: Mrkdwn[];
}
export interface DividerBlock {
  type: 'divider';
}
export interface ContextBlock {
  type: 'context';
  elements: Mrkdwn[];
}
export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: Button[];
}
export type Block = HeaderBlock | SectionBlock | DividerBlock | ContextBlock | ActionsBlock;

export interface SelectOption {
  text: PlainText;
  value: string;
}
export interface PlainTextInput {
  type: 'plain_text_input';
  action_id: string;
  multiline?: boolean;
  max_length?: number;
  initial_value?: string;
  placeholder?: PlainText;
}
export interface StaticSelect {
  type: 'static_select';
  action_id: string;
  options: SelectOption[];
  initial_option?: SelectOption;
  placeholder?: PlainText;
}
export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  optional?: boolean;
  hint?: PlainText;
  element: PlainTextInput | StaticSelect;
}
export interface ModalView {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
  blocks: Array<Block | InputBlock>;
}

/** A message as chat.postMessage, an incoming webhook and response_url take it. */
export interface SlackContent {
  /** The notification text (and what clients without Block Kit show). */
  text: string;
  blocks: Block[];
}

// Slack refuses empty texts: a dash stands in for "nothing to show".
const nonEmpty = (text: string) => (text.trim() === '' ? '—' : text);

export function plain(text: string, max: number): PlainText {
  return { type: 'plain_text', text: truncate(nonEmpty(text), max), emoji: true };
}

export function mrkdwn(text: string, max: number = SLACK_LIMITS.sectionText): Mrkdwn {
  return { type: 'mrkdwn', text: truncate(nonEmpty(text), max) };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, SLACK_LIMITS.header) };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** Up to 10 fields (Slack's limit); more are summed up in the last one. */
export function fields(items: ReadonlyArray<readonly [label: string, value: string]>, language: Language): SectionBlock {
  const texts = items.map(([label, value]) => `*${label}*\n${value}`);
  const kept =
    texts.length <= SLACK_LIMITS.fields
      ? texts
      : [...texts.slice(0, SLACK_LIMITS.fields - 1), chatText('andMore', language, { count: texts.length - SLACK_LIMITS.fields + 1 })];
  return { type: 'section', fields: kept.map((t) => mrkdwn(t, SLACK_LIMITS.fieldText)) };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, SLACK_LIMITS.contextElements).map((t) => mrkdwn(t)) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, options: { value?: string; style?: 'primary' | 'danger' } = {}): Button {
  const out: Button = { type: 'button', text: plain(text, SLACK_LIMITS.buttonText), action_id: actionId.slice(0, SLACK_LIMITS.actionId) };
  if (options.value !== undefined) out.value = options.value.slice(0, 2000);
  if (options.style) out.style = options.style;
  return out;
}

export function actions(blockId: string, buttons: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: buttons.slice(0, SLACK_LIMITS.actionsElements) };
}

/** At most 50 blocks (Slack's limit for a message); the ones left out are counted in a closing context block. */
export function fitBlocks(blocks: readonly Block[], language: Language, max: number = SLACK_LIMITS.blocks): Block[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(chatText('andMore', language, { count: blocks.length - kept.length }))];
}
