import type { Language } from '../messages';
import { memberText } from './messages';

/** "🌴 Away (2): Ana (until 2026-01-09), Bo (until 2026-01-05)", names made safe by `escape` for where they go. */
export function awayText(away: ReadonlyArray<{ name: string; until: string }>, language: Language, escape: (text: string) => string): string {
  const names = away.map((a) => memberText('awayLine', language, { name: escape(a.name), to: a.until }));
  return `${memberText('away', language, { count: away.length })}: ${names.join(language === 'ja' ? '、' : ', ')}`;
}
