import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD_DIR } from '../../local/project';
import { queueUiAnswer, readUi } from '../../local/services/spreadsheet';
import { MENU } from '../../src/menu';
import { DEMO_SECRETS } from '../../local/demo';
import { readOutbound } from '../../local/fake';
import { setScriptProperty } from '../../local/services/properties';
import { newApp } from '../helpers/app';

describe('the 進捗管理 menu through build/Code.js', () => {
  test('every menu item calls a top-level function of build/Code.js', async () => {
    await newApp();
    const code = fs.readFileSync(path.join(BUILD_DIR, 'Code.js'), 'utf8');
    for (const item of MENU) if (item) expect(code).toMatch(new RegExp(`^function ${item.handler}\\(`, 'm'));
  });

  test('onOpen adds the menu in Japanese, or English with LANGUAGE=en', async () => {
    const t = await newApp();
    t.app.run('setup');
    t.app.run('onOpen', { kind: 'simple' });
    let menu = readUi(t.state()).menus[0];
    expect(menu?.name).toBe('進捗管理');
    expect(menu?.items.filter((i) => i.functionName).map((i) => i.functionName)).toEqual(MENU.filter((i) => i).map((i) => i?.handler));
    expect(menu?.items[0]).toEqual({ caption: 'セットアップ…', functionName: 'openSetup' });

    t.app.edit('Settings!B2', 'en');
    t.app.run('onOpen', { kind: 'simple' });
    menu = readUi(t.state()).menus.at(-1);
    expect(menu?.name).toBe('Progress');
    expect(menu?.items.map((i) => i.caption)).toContain('Rotate webhook tokens');
  });

  test("Show webhook URLs shows each source's URL to the owner", async () => {
    const t = await newApp();
    t.app.run('setup');
    expect(t.app.run('showWebhookUrls').error).toBeUndefined();
    const dialog = readUi(t.state()).dialog;
    expect(dialog?.title).toBe('Webhook URL');
    expect(dialog?.html).toContain(`?source=progress&amp;token=${t.prop('WEBHOOK_TOKEN_PROGRESS')}`);
    expect(dialog?.html).toContain(`?source=github&amp;token=${t.prop('WEBHOOK_TOKEN_GITHUB')}`);
    expect(dialog?.html).toContain('?source=slack');
  });

  test('Rotate webhook tokens asks first; after YES the old token is refused and the new one works', async () => {
    const t = await newApp();
    t.app.run('setup');
    const old = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
    const answer = (button: string) => {
      const state = t.state();
      queueUiAnswer(state, { button });
      state.save();
    };
    answer('NO');
    expect(t.app.run('rotateWebhookTokens').value).toEqual({ rotated: false });
    expect(t.prop('WEBHOOK_TOKEN_PROGRESS')).toBe(old);

    answer('YES');
    expect(t.app.run('rotateWebhookTokens').value).toEqual({ rotated: true });
    const fresh = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
    expect(fresh).toMatch(/^[0-9a-f]{64}$/);
    expect(fresh).not.toBe(old);
    const body = JSON.stringify({
      overall_progress: 0.5,
      task_completion_rate: 0.5,
      quality_score: 3,
      team_satisfaction: 3,
      blockers_count: 0,
      avg_review_time: 1,
      deploy_success_rate: 1,
    });
    expect(JSON.parse(t.app.post(`source=progress&token=${old}`, body, 'application/json').response.body)).toMatchObject({ ok: false });
    expect(JSON.parse(t.app.post(`source=progress&token=${fresh}`, body, 'application/json').response.body)).toMatchObject({ ok: true });
  });

  test('Send test messages posts one message to Slack and one to Discord through the outbox', async () => {
    const t = await newApp('fake');
    t.app.run('setup');
    const state = t.state();
    for (const [key, value] of Object.entries(DEMO_SECRETS)) setScriptProperty(state, key, value);
    state.save();
    const run = t.app.run('sendTestMessages');
    expect(run.error).toBeUndefined();
    expect(run.value).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const sent = readOutbound(t.state()).map((r) => r.url);
    expect(sent).toEqual(
      expect.arrayContaining([expect.stringContaining('slack.com/api/chat.postMessage'), expect.stringContaining('discord.com/api/webhooks/')]),
    );
    expect(readUi(t.state()).toasts.at(-1)?.message).toContain('送信 2 件');
  });

  test('Health shows the health answer in a dialog', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    // Healthy once the dispatcher has run.
    t.app.tick(new Date('2026-01-05T08:00:00+09:00'), new Date('2026-01-05T08:10:00+09:00'));
    expect(t.app.run('showHealth', { at: new Date('2026-01-05T08:10:00+09:00') }).error).toBeUndefined();
    const dialog = readUi(t.state()).dialog;
    expect(dialog?.title).toBe('ヘルスチェック: ✅');
    expect(dialog?.html).toContain('&quot;healthy&quot;: true');
  });
});
