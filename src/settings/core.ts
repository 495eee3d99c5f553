import { type Language } from '../domain/messages';
import { parse, setting, type Settings } from './spec';

export const LANGUAGE = setting<Language>('LANGUAGE', 'ja', 'Language of messages and menus: ja (日本語) or en (English)', parse.oneOf('ja', 'en'));

export const CORE_SETTINGS = [LANGUAGE];

/** The team's language; Japanese while LANGUAGE is mistyped, so a typo silences no message and hides no menu. */
export function teamLanguage(settings: Settings): Language {
  try {
    return settings.get(LANGUAGE);
  } catch {
    return 'ja';
  }
}
