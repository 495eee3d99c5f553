import type { Language } from '../messages';
import { ALL_FIELDS, isPropertyField, isSecretField, isSettingField, type PropertyField, type SecretField, type SettingField } from './fields';
import { fieldLabel, setupText } from './messages';
import { readApiUrl, secretFormatError, teamIdError } from './secrets';

/**
 * The form as google.script.run hands it over: field name → text, and `clear`, the tokens to remove. A field
 * that is absent is left as it is; an empty secret field keeps the saved secret (the browser never had it).
 */
export interface SetupInput {
  /** New secrets, each non-empty. */
  secrets: Partial<Record<SecretField, string>>;
  clear: SecretField[];
  /** As they will be saved; '' removes the property (GITHUB_API_URL then means GitHub.com). */
  properties: Partial<Record<PropertyField, string>>;
  settings: Partial<Record<SettingField, string>>;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface FormContext {
  language: Language;
  /** Why a setting's text is not valid, or null: the Settings registry's parser for that key. */
  settingProblem(key: SettingField, text: string): string | null;
  /** Secrets as they will be once saved (stored ones and the form's), to keep them out of sheet-bound fields. */
  secrets(input: SetupInput): Partial<Record<SecretField, string>>;
}

/** Reads and checks the whole form before anything is saved: every problem is reported at once, per field. */
export function readForm(form: unknown, context: FormContext): { input: SetupInput; errors: FieldError[] } {
  const { language } = context;
  const input: SetupInput = { secrets: {}, clear: [], properties: {}, settings: {} };
  const errors: FieldError[] = [];
  if (typeof form !== 'object' || form === null || Array.isArray(form)) {
    return { input, errors: [{ field: 'form', message: setupText('notAnObject', language) }] };
  }
  const fail = (field: string, message: string) =>
    errors.push({ field, message: isKnown(field) ? `${fieldLabel(field, language)}: ${message}` : `${field}: ${message}` });

  for (const [key, raw] of Object.entries(form as Record<string, unknown>)) {
    if (key === 'clear') {
      const keys = Array.isArray(raw) ? raw.map(String) : [];
      const wrong = keys.filter((k) => !isSecretField(k));
      if (!Array.isArray(raw) || wrong.length > 0) fail('clear', setupText('clearNotSecret', language, { keys: wrong.join(', ') || String(raw) }));
      input.clear = [...new Set(keys.filter(isSecretField))];
      continue;
    }
    if (!isKnown(key)) {
      fail(key, setupText('unknownField', language));
      continue;
    }
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') {
      fail(key, setupText('notText', language));
      continue;
    }
    const value = raw.trim();
    if (isSecretField(key)) {
      if (value === '') continue;
      const problem = secretFormatError(key, value, language);
      if (problem) fail(key, problem);
      else input.secrets[key] = value;
    } else if (isPropertyField(key)) {
      const read = readProperty(key, value, language);
      if ('error' in read) fail(key, read.error);
      else input.properties[key] = read.value;
    } else if (isSettingField(key)) {
      const spec = ALL_FIELDS.find((f) => f.key === key);
      // Lists are typed one a line in the sidebar and kept comma-separated in the sheet, where a cell is one line.
      const text = spec?.multiline ? splitList(value).join(', ') : value;
      const problem = text === '' ? null : context.settingProblem(key, text);
      if (problem) fail(key, setupText('settingInvalid', language, { reason: problem }));
      else input.settings[key] = text;
    }
  }
  input.clear = input.clear.filter((k) => input.secrets[k] === undefined);

  // A token pasted into the wrong box must not reach the sheet, where everyone with access could read it.
  const secrets = Object.entries(context.secrets(input)).filter(([, v]) => typeof v === 'string' && v.length >= 8) as Array<[SecretField, string]>;
  const plain: Array<[string, string]> = [...Object.entries(input.properties), ...Object.entries(input.settings)] as Array<[string, string]>;
  for (const [key, value] of plain) {
    const match = secrets.find(([, secret]) => value.includes(secret));
    if (match) fail(key, setupText('secretElsewhere', language, { other: fieldLabel(match[0], language) }));
  }
  return { input, errors };
}

function isKnown(key: string): key is SecretField | PropertyField | SettingField {
  return isSecretField(key) || isPropertyField(key) || isSettingField(key);
}

function readProperty(key: PropertyField, value: string, language: Language): { value: string } | { error: string } {
  if (value === '') return { value: '' };
  if (key === 'SLACK_TEAM_ID') {
    const id = value.toUpperCase();
    const problem = teamIdError(id, language);
    return problem ? { error: problem } : { value: id };
  }
  if (key === 'CONFLUENCE_EMAIL') {
    return /^[^@\s<>(),;:"]+@[^@\s<>(),;:"]+\.[^@\s<>(),;:"]+$/.test(value) ? { value } : { error: setupText('confluenceEmailFormat', language) };
  }
  if (key === 'NEW_RELIC_ACCOUNT_ID') return /^\d{1,12}$/.test(value) ? { value } : { error: setupText('accountIdFormat', language, { value }) };
  if (key === 'NEW_RELIC_ENTITY_GUID')
    return /^[A-Za-z0-9+/=_-]{8,200}$/.test(value) ? { value } : { error: setupText('entityGuidFormat', language) };
  const read = readApiUrl(value, language);
  return 'error' in read ? read : { value: read.url };
}

function splitList(text: string): string[] {
  return text
    .split(/[,\n、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
