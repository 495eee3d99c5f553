/** UI text in both languages; Japanese is the default, English by the LANGUAGE setting. */
export type Language = 'ja' | 'en';

const MESSAGES = {
  menuTitle: { ja: '進捗管理', en: 'Progress' },
  menuSetup: { ja: 'セットアップ', en: 'Setup' },
  setupDone: { ja: 'セットアップが完了しました', en: 'Setup finished' },
  setupSheetsCreated: { ja: '作成したシート', en: 'Sheets created' },
  setupTokensCreated: { ja: '作成したトークン', en: 'Tokens created' },
  setupNothingToDo: { ja: '変更はありません（すべて設定済み）', en: 'Nothing to change: everything was already set up' },
} as const;

export type MessageId = keyof typeof MESSAGES;

export function message(id: MessageId, language: Language): string {
  return MESSAGES[id][language];
}

export function languageOf(value: unknown): Language {
  return String(value ?? '').trim().toLowerCase() === 'en' ? 'en' : 'ja';
}
