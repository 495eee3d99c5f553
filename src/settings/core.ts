import { type Language } from '../domain/messages';
import { parse, setting } from './spec';

export const LANGUAGE = setting<Language>('LANGUAGE', 'ja', 'Language of messages and menus: ja (日本語) or en (English)', parse.oneOf('ja', 'en'));

export const CORE_SETTINGS = [LANGUAGE];
