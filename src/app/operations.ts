import type { Outbox } from '../domain/chat/outbox';
import { escapeHtml } from '../domain/html';
import { catalog, type Language } from '../domain/messages';
import type { SheetUi } from '../platform/ui';
import type { ChatConfig } from '../domain/chat/outboxMessages';
import type { DeliverReport } from './outbox';
import type { HealthAnswer } from './health';
import { rotatedTokens } from './webhooks';

/** The menu's one-off actions: new webhook tokens, a test message, the health answer in a dialog. */

const text = catalog({
  rotateTitle: { ja: 'Webhook トークンの再発行', en: 'Rotate webhook tokens' },
  rotatePrompt: {
    ja: '新しいトークンを発行します。今の URL（KPI と GitHub）はすぐに使えなくなるので、GitHub の Webhook と KPI の送信元を新しい URL に更新してください。続けますか？',
    en: 'New tokens will be issued. The current URLs (KPI and GitHub) stop working at once: update the GitHub webhook and the KPI senders with the new URLs. Continue?',
  },
  rotated: { ja: 'トークンを再発行しました', en: 'Tokens rotated' },
  cancelled: { ja: '再発行を取り消しました', en: 'Rotation cancelled' },
  healthTitle: { ja: 'ヘルスチェック', en: 'Health' },
  testTitle: { ja: 'テストメッセージ', en: 'Test messages' },
  testText: { ja: '✅ shinchoku のテストメッセージです（{time}）', en: '✅ A test message from shinchoku ({time})' },
  testResult: {
    ja: '送信 {sent} 件、再試行待ち {retrying} 件、失敗 {failed} 件。詳細は Outbox シートにあります。',
    en: '{sent} sent, {retrying} waiting to retry, {failed} failed. Details are in the Outbox sheet.',
  },
  testNothing: {
    ja: 'Slack も Discord も設定されていません: セットアップ… で設定してください。',
    en: 'Neither Slack nor Discord is configured: use Setup… first.',
  },
});

/** Asks first; the old tokens stop working as soon as the new ones are saved. */
export function rotateWebhookTokens(deps: {
  language: Language;
  ui: SheetUi;
  save: (values: Record<string, string>) => void;
  newToken: () => string;
  showUrls: () => void;
}): { rotated: boolean } {
  const { language, ui } = deps;
  if (!ui.confirm(text('rotateTitle', language), text('rotatePrompt', language))) {
    ui.toast(text('cancelled', language), text('rotateTitle', language));
    return { rotated: false };
  }
  deps.save(rotatedTokens(deps.newToken));
  ui.toast(text('rotated', language), text('rotateTitle', language));
  deps.showUrls();
  return { rotated: true };
}

export interface TestMessageDeps {
  language: Language;
  ui: SheetUi;
  config: ChatConfig;
  now: Date;
  channel: () => string;
  outbox: () => Outbox;
  /** Delivers what the Outbox holds now; 'idle' when the cache said nothing was due. */
  deliver: () => DeliverReport | 'idle';
}

/**
 * One test message to the progress channel and to Discord, through the outbox like every other message,
 * delivered at once so the toast can say how it went.
 */
export function sendTestMessages(deps: TestMessageDeps): { sent: number; retrying: number; failed: number } {
  const { language, ui, now } = deps;
  if (!deps.config.slack && !deps.config.discord) {
    ui.toast(text('testNothing', language), text('testTitle', language));
    return { sent: 0, retrying: 0, failed: 0 };
  }
  const line = text('testText', language, { time: now.toISOString() });
  deps.outbox().enqueue([{ dedupeKey: `test:${now.getTime()}`, slack: { channel: deps.channel(), text: line }, discord: { content: line } }]);
  const run = deps.deliver();
  const report = run === 'idle' ? { sent: 0, retrying: 0, failed: 0 } : { sent: run.sent, retrying: run.retrying, failed: run.failed };
  ui.toast(text('testResult', language, report), text('testTitle', language));
  return report;
}

export function showHealth(answer: HealthAnswer, language: Language, ui: SheetUi): void {
  const html = `<pre style="font-size:12px;white-space:pre-wrap">${escapeHtml(JSON.stringify(answer, null, 2))}</pre>`;
  ui.dialog(html, `${text('healthTitle', language)}: ${answer.healthy ? '✅' : '⚠️'}`, { width: 640, height: 560 });
}
