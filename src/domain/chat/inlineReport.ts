import { InputError } from '../errors';
import type { Language } from '../messages';
import { chatText } from './messages';
import { unescapeSlack } from './text';

export interface ReportSections {
  done: string[];
  planned: string[];
  blockers: string[];
}

type Section = keyof ReportSections;

/**
 * Markers that start a section. Slack sends emoji typed into a slash command as their short names
 * (`:white_check_mark:`), so both spellings are accepted.
 */
const EMOJI_MARKERS: ReadonlyArray<readonly [string, Section]> = [
  ['✅', 'done'],
  ['✔️', 'done'],
  ['☑️', 'done'],
  [':white_check_mark:', 'done'],
  [':heavy_check_mark:', 'done'],
  [':ballot_box_with_check:', 'done'],
  ['📋', 'planned'],
  [':clipboard:', 'planned'],
  ['🚫', 'blockers'],
  ['⛔', 'blockers'],
  [':no_entry_sign:', 'blockers'],
  [':no_entry:', 'blockers'],
];

/** Japanese words may start a section anywhere in a line; English ones only at the start, where they cannot be prose. */
const JA_WORDS: ReadonlyArray<readonly [string, Section]> = [
  ['完了', 'done'],
  ['予定', 'planned'],
  ['ブロッカー', 'blockers'],
  ['課題', 'blockers'],
];
const EN_WORDS = /^(done|finished|planned|plan|todo|blockers?|blocked)\s*[:：]\s*/i;
const EN_SECTION: Record<string, Section> = {
  done: 'done',
  finished: 'done',
  planned: 'planned',
  plan: 'planned',
  todo: 'planned',
  blocker: 'blockers',
  blockers: 'blockers',
  blocked: 'blockers',
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const EMOJI_SPLIT = new RegExp(`(${EMOJI_MARKERS.map(([m]) => escapeRegExp(m)).join('|')})`, 'g');
const JA_SPLIT = new RegExp(`(^|\\s)((?:${JA_WORDS.map(([w]) => escapeRegExp(w)).join('|')})\\s*[:：])`, 'g');

/**
 * Reads an inline report: `✅ done 📋 planned 🚫 blocker`, one marker per item, on one line or many, or the words
 * 完了: / 予定: / ブロッカー: (done: / planned: / blocker:). A line without a marker continues the section before it;
 * text before any marker is refused with the line named, rather than guessed.
 */
export function parseInlineReport(raw: string, language: Language): ReportSections {
  const text = unescapeSlack(raw).replace(EMOJI_SPLIT, '\n$1').replace(JA_SPLIT, '$1\n$2');
  const out: ReportSections = { done: [], planned: [], blockers: [] };
  let current: Section | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.trim();
    if (line === '') continue;
    const marked = startOf(line);
    if (marked) {
      current = marked.section;
      line = marked.rest;
      // A bare marker opens its section; what follows on later lines belongs to it.
      if (line === '') continue;
      out[current].push(line);
      continue;
    }
    if (!current) throw new InputError(chatText('inlineNoSection', language, { line: line.length > 40 ? `${line.slice(0, 40)}…` : line }), 'text');
    if (current === 'blockers') out.blockers.push(line);
    else out[current].push(line);
  }
  if (out.done.length + out.planned.length + out.blockers.length === 0) throw new InputError(chatText('inlineEmpty', language), 'text');
  return out;
}

function startOf(line: string): { section: Section; rest: string } | null {
  for (const [marker, section] of EMOJI_MARKERS) {
    if (line.startsWith(marker)) return { section, rest: line.slice(marker.length).replace(/^\s*[:：]?\s*/, '') };
  }
  for (const [word, section] of JA_WORDS) {
    const m = new RegExp(`^${escapeRegExp(word)}\\s*[:：]\\s*`).exec(line);
    if (m) return { section, rest: line.slice(m[0].length) };
  }
  const en = EN_WORDS.exec(line);
  if (en) return { section: EN_SECTION[(en[1] ?? '').toLowerCase()] ?? 'done', rest: line.slice(en[0].length) };
  return null;
}
