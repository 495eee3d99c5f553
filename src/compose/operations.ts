import { chatConfig } from '../app/chatConfig';
import { rotateWebhookTokens, sendTestMessages, showHealth } from '../app/operations';
import { webhookDialogHtml, webhookText, webhookUrls } from '../app/webhooks';
import { newToken } from '../platform/random';
import { webAppUrl } from '../platform/service';
import { sheetUi } from '../platform/ui';
import { PROGRESS_CHANNEL } from '../settings/chat';
import { GATEWAY_URL } from '../settings/gateway';
import { processQueueJob } from './chat';
import { executionContext, type ExecutionContext } from './context';
import { healthJob } from './health';

/** The menu's one-off actions. Settings are read fresh: a person who just set a channel expects it to count. */

const menuContext = () => executionContext({ settings: 'fresh' });

function showWebhookUrls(ctx: ExecutionContext): void {
  const language = ctx.language();
  const base = webAppUrl();
  const urls = base ? webhookUrls(base, ctx.properties(), ctx.settings().get(GATEWAY_URL)) : null;
  sheetUi().dialog(webhookDialogHtml(urls, language), webhookText('title', language), { width: 720, height: 520 });
}

export const showWebhookUrlsJob = () => showWebhookUrls(menuContext());

export function rotateWebhookTokensJob(): { rotated: boolean } {
  const ctx = menuContext();
  return rotateWebhookTokens({
    language: ctx.language(),
    ui: sheetUi(),
    save: ctx.propertyStore.set,
    newToken,
    // A new context: the URLs carry the tokens just saved.
    showUrls: () => showWebhookUrls(menuContext()),
  });
}

export function sendTestMessagesJob(reportFailure: (error: unknown) => void): { sent: number; retrying: number; failed: number } {
  const ctx = menuContext();
  return sendTestMessages({
    language: ctx.language(),
    ui: sheetUi(),
    config: chatConfig(ctx.properties()),
    now: ctx.now,
    channel: () => ctx.settings().get(PROGRESS_CHANNEL),
    outbox: ctx.outbox,
    deliver: () => processQueueJob(reportFailure, ctx).outbox,
  });
}

export function showHealthJob(): void {
  const ctx = menuContext();
  showHealth(healthJob(), ctx.language(), sheetUi());
}
