/** UI text in both languages; Japanese is the default, English by the LANGUAGE setting. */
export type Language = 'ja' | 'en';

export type Catalog<K extends string> = Readonly<Record<K, Readonly<Record<Language, string>>>>;

/**
 * Makes a message function over one area's catalog (each area keeps its own, so they grow independently).
 * `{name}` in a text is replaced by the parameter of that name.
 */
export function catalog<K extends string>(
  entries: Catalog<K>,
): (id: K, language: Language, params?: Readonly<Record<string, string | number>>) => string {
  return (id, language, params) =>
    entries[id][language].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

export const message = catalog({
  menuTitle: { ja: '進捗管理', en: 'Progress' },
  setupDone: { ja: 'セットアップが完了しました', en: 'Setup finished' },
  setupSheetsCreated: { ja: '作成したシート', en: 'Sheets created' },
  setupTokensCreated: { ja: '作成したトークン', en: 'Tokens created' },
  setupNothingToDo: { ja: '変更はありません（すべて設定済み）', en: 'Nothing to change: everything was already set up' },
});

export type MessageId = Parameters<typeof message>[0];
