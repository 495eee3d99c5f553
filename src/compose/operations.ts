import { rotatedTokens, webhookDialogHtml, webhookText, webhookUrls } from '../app/webhooks';
import { escapeHtml } from '../domain/html';
import { catalog } from '../domain/messages';
import { scriptProperties } from '../platform/properties';
import { newToken } from '../platform/random';
import { webAppUrl } from '../platform/service';
import { sheetUi } from '../platform/ui';
import { currentLanguage } from '../compose';
import { healthJob } from './health';

const text = catalog({
  rotateTitle: { ja: 'Webhook トークンの再発行', en: 'Rotate webhook tokens' },
  rotatePrompt: {
    ja: '新しいトークンを発行します。今の URL（KPI と GitHub）はすぐに使えなくなるので、GitHub の Webhook と KPI の送信元を新しい URL に更新してください。続けますか？',
    en: 'New tokens will be issued. The current URLs (KPI and GitHub) stop working at once: update the GitHub webhook and the KPI senders with the new URLs. Continue?',
  },
  rotated: { ja: 'トークンを再発行しました', en: 'Tokens rotated' },
  cancelled: { ja: '再発行を取り消しました', en: 'Rotation cancelled' },
  healthTitle: { ja: 'ヘルスチェック', en: 'Health' },
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

export function showHealthJob(): void {
  const language = currentLanguage();
  const answer = healthJob();
  const html = `<pre style="font-size:12px;white-space:pre-wrap">${escapeHtml(JSON.stringify(answer, null, 2))}</pre>`;
  sheetUi().dialog(html, `${text('healthTitle', language)}: ${answer.healthy ? '✅' : '⚠️'}`, { width: 640, height: 560 });
}
