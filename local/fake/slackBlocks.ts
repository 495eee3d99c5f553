import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  InputBlock,
  KnownBlock,
  PlainTextInput,
  SectionBlock,
  StaticSelect,
} from '@slack/types';

/**
 * Block Kit as Slack checks it (docs.slack.dev block and composition object references): the limits a message or
 * a modal may not pass, with Slack's own error wording and JSON pointers. The block and element types checked
 * are @slack/types' names, so a type Slack renames fails to compile here.
 */

type Json = Record<string, unknown>;
type Errors = string[];

function checkText(obj: unknown, pointer: string, max: number, errors: Errors, { plainOnly = false } = {}): void {
  if (!obj || typeof obj !== 'object') {
    errors.push(`missing required field: text [json-pointer:${pointer}]`);
    return;
  }
  const t = obj as Json;
  if (t['type'] !== 'plain_text' && (plainOnly || t['type'] !== 'mrkdwn')) errors.push(`must be a valid enum value [json-pointer:${pointer}/type]`);
  const text = t['text'];
  if (typeof text !== 'string' || text.length === 0) errors.push(`must be more than 0 characters [json-pointer:${pointer}/text]`);
  else if (text.length > max) errors.push(`must be less than ${max + 1} characters [json-pointer:${pointer}/text]`);
}

const ELEMENT_CHECKS: Record<(Button | PlainTextInput | StaticSelect)['type'], (el: Json, pointer: string, errors: Errors) => void> = {
  button(el, pointer, errors) {
    checkText(el['text'], `${pointer}/text`, 75, errors, { plainOnly: true });
    if (el['value'] !== undefined && String(el['value']).length > 2000)
      errors.push(`must be less than 2001 characters [json-pointer:${pointer}/value]`);
    if (el['style'] !== undefined && el['style'] !== 'primary' && el['style'] !== 'danger')
      errors.push(`must be a valid enum value [json-pointer:${pointer}/style]`);
  },
  plain_text_input(el, pointer, errors) {
    const max = el['max_length'];
    if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 3000))
      errors.push(`must be between 1 and 3000 [json-pointer:${pointer}/max_length]`);
    if (el['initial_value'] !== undefined && String(el['initial_value']).length > ((max as number) || 3000))
      errors.push(`must be shorter than max_length [json-pointer:${pointer}/initial_value]`);
    if (el['placeholder']) checkText(el['placeholder'], `${pointer}/placeholder`, 150, errors, { plainOnly: true });
  },
  static_select(el, pointer, errors) {
    const options = el['options'];
    if (!Array.isArray(options) || options.length === 0 || options.length > 100)
      errors.push(`must provide between 1 and 100 options [json-pointer:${pointer}/options]`);
    else
      options.forEach((o: Json, i) => {
        checkText(o['text'], `${pointer}/options/${i}/text`, 75, errors, { plainOnly: true });
        const value = o['value'];
        if (typeof value !== 'string' || value.length === 0 || value.length > 150)
          errors.push(`must be between 1 and 150 characters [json-pointer:${pointer}/options/${i}/value]`);
      });
    const initial = el['initial_option'] as Json | undefined;
    if (initial && !(Array.isArray(options) ? options : []).some((o: Json) => o['value'] === initial['value']))
      errors.push(`must match one of the options [json-pointer:${pointer}/initial_option]`);
    if (el['placeholder']) checkText(el['placeholder'], `${pointer}/placeholder`, 150, errors, { plainOnly: true });
  },
};

function checkElement(el: unknown, pointer: string, errors: Errors): void {
  if (!el || typeof el !== 'object') {
    errors.push(`missing required field: element [json-pointer:${pointer}]`);
    return;
  }
  const e = el as Json;
  if (typeof e['action_id'] === 'string' && e['action_id'].length > 255)
    errors.push(`must be less than 256 characters [json-pointer:${pointer}/action_id]`);
  const check = ELEMENT_CHECKS[e['type'] as keyof typeof ELEMENT_CHECKS] as ((el: Json, pointer: string, errors: Errors) => void) | undefined;
  if (check) check(e, pointer, errors);
  else errors.push(`unsupported type: ${String(e['type'])} [json-pointer:${pointer}/type]`);
}

type BlockType = (HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | InputBlock | Extract<KnownBlock, { type: 'divider' }>)['type'];

const BLOCK_CHECKS: Record<BlockType, (b: Json, p: string, errors: Errors, modal: boolean) => void> = {
  header: (b, p, errors) => checkText(b['text'], `${p}/text`, 150, errors, { plainOnly: true }),
  section(b, p, errors) {
    if (!b['text'] && !b['fields']) errors.push(`must provide either text or fields [json-pointer:${p}]`);
    if (b['text']) checkText(b['text'], `${p}/text`, 3000, errors);
    const fields = b['fields'];
    if (fields) {
      if (!Array.isArray(fields) || fields.length > 10) errors.push(`must provide at most 10 items [json-pointer:${p}/fields]`);
      (Array.isArray(fields) ? fields : []).forEach((f, j) => checkText(f, `${p}/fields/${j}`, 2000, errors));
    }
    if (b['accessory']) checkElement(b['accessory'], `${p}/accessory`, errors);
  },
  divider: () => undefined,
  context(b, p, errors) {
    const elements = b['elements'];
    if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10)
      errors.push(`must provide between 1 and 10 items [json-pointer:${p}/elements]`);
    (Array.isArray(elements) ? elements : []).forEach((e, j) => checkText(e, `${p}/elements/${j}`, 3000, errors));
  },
  actions(b, p, errors) {
    const elements = b['elements'];
    if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25)
      errors.push(`must provide between 1 and 25 items [json-pointer:${p}/elements]`);
    (Array.isArray(elements) ? elements : []).forEach((e, j) => checkElement(e, `${p}/elements/${j}`, errors));
  },
  input(b, p, errors, modal) {
    if (!modal) {
      errors.push(`input blocks are for modals [json-pointer:${p}/type]`);
      return;
    }
    checkText(b['label'], `${p}/label`, 2000, errors, { plainOnly: true });
    if (b['hint']) checkText(b['hint'], `${p}/hint`, 2000, errors, { plainOnly: true });
    checkElement(b['element'], `${p}/element`, errors);
  },
};

/** What Slack says about a `blocks` array: [] when it would accept it. At most 50 blocks a message, 100 a modal. */
export function checkBlocks(blocks: unknown, max: number, { modal = false } = {}): string[] {
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  const errors: Errors = [];
  if (blocks.length > max) errors.push(`must provide at most ${max} items [json-pointer:/blocks]`);
  blocks.forEach((raw: unknown, i) => {
    const p = `/blocks/${i}`;
    const b = (raw !== null && typeof raw === 'object' ? raw : {}) as Json;
    if (b['block_id'] !== undefined && String(b['block_id']).length > 255)
      errors.push(`must be less than 256 characters [json-pointer:${p}/block_id]`);
    const check = BLOCK_CHECKS[b['type'] as BlockType] as ((b: Json, p: string, errors: Errors, modal: boolean) => void) | undefined;
    if (check) check(b, p, errors, modal);
    else errors.push(`unsupported type: ${String(b['type'])} [json-pointer:${p}/type]`);
  });
  return errors;
}

/** What Slack says about a modal view (views.open): its title, buttons, metadata and blocks. */
export function checkView(view: unknown): string[] {
  if (!view || typeof view !== 'object') return ['missing required field: view'];
  const v = view as Json;
  const errors: Errors = [];
  if (v['type'] !== 'modal') errors.push('must be a valid enum value [json-pointer:/view/type]');
  checkText(v['title'], '/view/title', 24, errors, { plainOnly: true });
  if (v['submit']) checkText(v['submit'], '/view/submit', 24, errors, { plainOnly: true });
  if (v['close']) checkText(v['close'], '/view/close', 24, errors, { plainOnly: true });
  if (v['callback_id'] !== undefined && String(v['callback_id']).length > 255)
    errors.push('must be less than 256 characters [json-pointer:/view/callback_id]');
  if (v['private_metadata'] !== undefined && String(v['private_metadata']).length > 3000)
    errors.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
  const blocks = v['blocks'];
  const hasInput = Array.isArray(blocks) && blocks.some((b: Json) => b && b['type'] === 'input');
  if (hasInput && !v['submit']) errors.push('must provide submit when blocks contain input [json-pointer:/view/submit]');
  errors.push(...checkBlocks(blocks, 100, { modal: true }).map((e) => e.replace('json-pointer:/blocks', 'json-pointer:/view/blocks')));
  return errors;
}
