import { rotatedTokens, webhookDialogHtml, webhookText, webhookUrls } from '../app/webhooks';
import { escapeHtml } from '../domain/html';
import { catalog } from '../domain/messages';
import { scriptProperties } from '../platform/properties';
import { newToken } from '../platform/random';
import { webAppUrl } from '../platform/service';
import { sheetUi } from '../platform/ui';
import { currentLanguage } from '../compose';
import { healthJob } from './health';
import { chatConfig, outbox, processQueueJob } from './chat';
import { cachedSettings } from './schedule';
import { boundWorkbook } from '../platform/spreadsheet';
import { PROGRESS_CHANNEL } from '../settings/chat';

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

export function showWebhookUrlsJob(): void {
  const language = currentLanguage();
  const base = webAppUrl();
  const urls = base ? webhookUrls(base, scriptProperties().all()) : null;
  sheetUi().dialog(webhookDialogHtml(urls, language), webhookText('title', language), { width: 720, height: 520 });
}

/** Asks first; the old tokens stop working as soon as the new ones are saved. */
export function rotateWebhookTokensJob(): { rotated: boolean } {
  const language = currentLanguage();
  const ui = sheetUi();
  if (!ui.confirm(text('rotateTitle', language), text('rotatePrompt', language))) {
    ui.toast(text('cancelled', language), text('rotateTitle', language));
    return { rotated: false };
  }
  const store = scriptProperties();
  store.set(rotatedTokens(newToken));
  ui.toast(text('rotated', language), text('rotateTitle', language));
  showWebhookUrlsJob();
  return { rotated: true };
}

/**
 * Menu: one test message to the progress channel and to Discord, through the outbox like every other message,
 * delivered at once so the toast can say how it went.
 */
export function sendTestMessagesJob(reportFailure: (error: unknown) => void): { sent: number; retrying: number; failed: number } {
  const language = currentLanguage();
  const properties = scriptProperties().all();
  const config = chatConfig(properties);
  const ui = sheetUi();
  if (!config.slack && !config.discord) {
    ui.toast(text('testNothing', language), text('testTitle', language));
    return { sent: 0, retrying: 0, failed: 0 };
  }
  const now = new Date();
  const line = text('testText', language, { time: now.toISOString() });
  const channel = cachedSettings(boundWorkbook()).get(PROGRESS_CHANNEL);
  outbox().enqueue([{ dedupeKey: `test:${now.getTime()}`, slack: { channel, text: line }, discord: { content: line } }]);
  const run = processQueueJob(reportFailure);
  const report =
    run.outbox === 'idle' ? { sent: 0, retrying: 0, failed: 0 } : { sent: run.outbox.sent, retrying: run.outbox.retrying, failed: run.outbox.failed };
  ui.toast(text('testResult', language, report), text('testTitle', language));
  return report;
}

export function showHealthJob(): void {
  const language = currentLanguage();
  const answer = healthJob();
  const html = `<pre style="font-size:12px;white-space:pre-wrap">${escapeHtml(JSON.stringify(answer, null, 2))}</pre>`;
  sheetUi().dialog(html, `${text('healthTitle', language)}: ${answer.healthy ? '✅' : '⚠️'}`, { width: 640, height: 560 });
}
