import { catalog, type Language } from './domain/messages';

/**
 * The 進捗管理 menu, declared once: onOpen builds it from this table, and each handler is a function exported
 * from main.ts (a test checks that every handler exists in build/Code.js). Areas add their rows here.
 */
const caption = catalog({
  setup: { ja: 'セットアップ…', en: 'Setup…' },
  installTriggers: { ja: 'トリガーをインストール／更新', en: 'Install or refresh triggers' },
  showWebhookUrls: { ja: 'Webhook URL を表示', en: 'Show webhook URLs' },
  rotateWebhookTokens: { ja: 'Webhook トークンを再発行', en: 'Rotate webhook tokens' },
  showHealth: { ja: 'ヘルスチェック', en: 'Health' },
});

export type MenuCaption = Parameters<typeof caption>[0];

/** `null` is a separator. */
export const MENU: ReadonlyArray<{ caption: MenuCaption; handler: string } | null> = [
  { caption: 'setup', handler: 'setup' },
  { caption: 'installTriggers', handler: 'installTriggers' },
  null,
  { caption: 'showWebhookUrls', handler: 'showWebhookUrls' },
  { caption: 'rotateWebhookTokens', handler: 'rotateWebhookTokens' },
  null,
  { caption: 'showHealth', handler: 'showHealth' },
];

export function menuCaption(id: MenuCaption, language: Language): string {
  return caption(id, language);
}
