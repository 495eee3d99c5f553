import { escapeHtml } from '../html';
import type { Language } from '../messages';
import { DORA_LEVEL_LABEL, doraText, type DoraLevel } from './doraLevels';

/**
 * The weekly report's DORA part: each key's performance level over the four weeks up to the reported week's end
 * (`GitHub Metrics` ▸ the week's row), so one quiet week does not drop the team a level.
 */

export interface DoraWeek {
  deploymentFrequency: DoraLevel | null;
  leadTime: DoraLevel | null;
  changeFailureRate: DoraLevel | null;
  timeToRestore: DoraLevel | null;
}

const KEYS = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore'] as const;
const LEVELS: readonly string[] = ['elite', 'high', 'medium', 'low'];

/** A cell as the sync wrote it (`elite`…`low`), or null for anything else: a person may have typed over it. */
export function doraLevelOf(value: unknown): DoraLevel | null {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return LEVELS.includes(text) ? (text as DoraLevel) : null;
}

/** Whether there is anything to show: a team without deploys or changes that week has no levels. */
export const hasDoraLevels = (dora: DoraWeek | null | undefined): dora is DoraWeek => !!dora && KEYS.some((k) => dora[k] !== null);

export function doraReportLines(dora: DoraWeek, language: Language): string[] {
  return KEYS.map((k) => `${keyName(k, language)}: ${levelName(dora[k], language)}`);
}

export function doraReportHtml(dora: DoraWeek, language: Language, color: { ink: string; muted: string; border: string }): string {
  const rows = KEYS.map(
    (k) =>
      `<tr><td style="font-size:14px;line-height:20px;color:${color.ink};padding:4px 0;border-bottom:1px solid ${color.border}">${escapeHtml(keyName(k, language))}</td>` +
      `<td align="right" style="font-size:14px;line-height:20px;font-weight:bold;color:${dora[k] ? LEVEL_COLOR[dora[k]] : color.muted};padding:4px 0;border-bottom:1px solid ${color.border}">${escapeHtml(levelName(dora[k], language))}</td></tr>`,
  ).join('');
  return (
    `<div style="font-size:14px;font-weight:bold;color:${color.ink};padding:12px 0 4px 0">${escapeHtml(doraText('weeklyTitle', language))}</div>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse">${rows}</table>` +
    `<div style="font-size:11px;line-height:16px;color:${color.muted};padding:6px 0 0 0">${escapeHtml(doraText('weeklyNote', language))}</div>`
  );
}

export const doraReportTitle = (language: Language): string => doraText('weeklyTitle', language);
export const doraReportNote = (language: Language): string => doraText('weeklyNote', language);

// Colour is never the only sign: the level's name is written out beside it.
const LEVEL_COLOR: Record<DoraLevel, string> = { elite: '#1e8e3e', high: '#188038', medium: '#f29900', low: '#d93025' };

function keyName(key: (typeof KEYS)[number], language: Language): string {
  return doraText(`${key}Key` as const, language);
}

function levelName(level: DoraLevel | null, language: Language): string {
  return level ? DORA_LEVEL_LABEL[level][language] : '—';
}
