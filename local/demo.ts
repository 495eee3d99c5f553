import type { LocalApp } from './app';
import { FAKE_REPOSITORIES, fakeWebhookDeliveries } from './fake/github';
import { getScriptProperty, setScriptProperty } from './services/properties';
import { DEMO_CONFLUENCE, DEMO_NOTION } from './fake';
import { dumpWorkbook, typeIntoCell } from './services/spreadsheet';

/**
 * The demo team: what `reset --demo` and a first `npm start` create. Everything goes in through the product's
 * own doors — setup, the KPI webhook, a person typing into the sheet — so the demo shows the real paths.
 * Values are generated from a fixed seed, so two demo states made on the same day are identical.
 */

export const DEMO_MEMBERS = [
  { name: '田中 太郎', email: 'tanaka@example.com', slack: 'U0DEMO0001', github: 'tanaka-taro' },
  { name: '佐藤 花子', email: 'sato@example.com', slack: 'U0DEMO0002', github: 'sato-hanako' },
  { name: '鈴木 一郎', email: 'suzuki@example.com', slack: 'U0DEMO0003', github: 'suzuki-ichiro' },
  { name: 'Alex Kim', email: 'alex@example.com', slack: 'U0DEMO0004', github: 'alexkim' },
  { name: '高橋 美咲', email: 'takahashi@example.com', slack: 'U0DEMO0005', github: 'takahashi-misaki' },
];

/**
 * Obviously fake credentials: the demo's Slack, Discord and GitHub are the runtime's built-in fake, which
 * accepts them. They match no real token format.
 */
export const DEMO_SECRETS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'xoxb-demo-not-a-real-token',
  SLACK_VERIFICATION_TOKEN: 'demo-verification-token',
  SLACK_TEAM_ID: 'T0DEMO',
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/0/demo-not-a-real-webhook',
  GITHUB_TOKEN: 'demo-github-token',
  NOTION_TOKEN: DEMO_NOTION.token,
  CONFLUENCE_EMAIL: DEMO_CONFLUENCE.email,
  CONFLUENCE_API_TOKEN: DEMO_CONFLUENCE.token,
};

export const DEMO_DAYS = 30;
/** The demo team works in Asia/Tokyo (appsscript.json's time zone), which keeps no daylight saving time. */
const TOKYO_OFFSET_MS = 9 * 3600_000;

/**
 * When each of the demo's KPI snapshots arrives: 18:00 in Tokyo on each of the DEMO_DAYS days before today there,
 * as a team's CI job would send it. Days are Tokyo's: between 00:00 and 09:00 there the UTC day is still the day
 * before, and counting UTC days skipped Tokyo's yesterday.
 */
export function snapshotTimes(now: Date): Date[] {
  const dayMs = 86_400_000;
  const tokyoMidnight = Math.floor((now.getTime() + TOKYO_OFFSET_MS) / dayMs) * dayMs - TOKYO_OFFSET_MS;
  return Array.from({ length: DEMO_DAYS }, (_, i) => new Date(tokyoMidnight - (DEMO_DAYS - i) * dayMs + 18 * 3600_000));
}

/** Creates the demo team in an empty state directory; returns a one-line summary. */
export function seedDemo(app: LocalApp, now: Date): string {
  const dayMs = 86_400_000;
  const start = new Date(now.getTime() - DEMO_DAYS * dayMs);
  const setup = app.run('setup', { at: start });
  if (setup.error) throw new Error(`demo: setup failed: ${setup.error.message}`);

  const state = app.state();
  for (const [key, value] of Object.entries(DEMO_SECRETS)) setScriptProperty(state, key, value);
  state.save();

  typeMembers(app, start);

  const token = getScriptProperty(app.state(), 'WEBHOOK_TOKEN_PROGRESS');
  if (!token) throw new Error('demo: setup did not create WEBHOOK_TOKEN_PROGRESS');
  const random = seeded(20260101);
  for (const [i, at] of snapshotTimes(now).entries()) {
    const day = DEMO_DAYS - i;
    const progress = Math.min(0.95, 0.35 + (DEMO_DAYS - day) * 0.018 + random() * 0.02);
    const snapshot = {
      overall_progress: round(progress, 3),
      task_completion_rate: round(0.7 + random() * 0.25, 3),
      quality_score: round(3.4 + random() * 1.4, 1),
      team_satisfaction: round(3.5 + random() * 1.3, 1),
      blockers_count: Math.floor(random() * 5),
      avg_review_time: round(2 + random() * 14, 1),
      deploy_success_rate: round(0.85 + random() * 0.15, 3),
    };
    const { response } = app.post(`source=progress&token=${encodeURIComponent(token)}`, JSON.stringify(snapshot), 'application/json', at);
    if (!/"ok":true/.test(response.body)) throw new Error(`demo: the KPI webhook refused day -${day}: ${response.body}`);
  }
  seedGitHubDemo(app, now);
  seedChatDemo(app, now);
  seedReportsDemo(app, now);
  seedSheetDemo(app, now);
  return `${DEMO_MEMBERS.length} members, ${DEMO_DAYS} days of KPIs, fake Slack/Discord/GitHub credentials, a day of chat`;
}

// ---- GitHub (issue 3): the built-in fake GitHub's two demo repositories, by webhook and by sync ----

/**
 * The team follows two repositories of the built-in fake GitHub. The last day's deliveries come in through the
 * webhook (as a repository's hook, or examples/github-actions, sends them) and are applied by the frequent job;
 * then the sync brings the month before and the line counts pushes lack, and computes `GitHub Metrics`.
 */
function seedGitHubDemo(app: LocalApp, now: Date): void {
  const at = new Date(now.getTime() - 3600_000);
  const settings = dumpWorkbook(app.state(), { sheet: 'Settings' })['Settings'] ?? [];
  const row = settings.findIndex((r) => r[0] === 'GITHUB_REPOSITORIES');
  if (row < 1) throw new Error('demo: the Settings sheet has no GITHUB_REPOSITORIES row');
  if (String(settings[row]?.[1] ?? '') === '') {
    const { results } = app.edit(`Settings!B${row + 1}`, `${FAKE_REPOSITORIES.demoApp}, ${FAKE_REPOSITORIES.demoWeb}`, at);
    if (results.some((r) => r.error)) throw new Error('demo: typing GITHUB_REPOSITORIES failed');
  }
  const token = getScriptProperty(app.state(), 'WEBHOOK_TOKEN_GITHUB');
  if (!token) throw new Error('demo: setup did not create WEBHOOK_TOKEN_GITHUB');
  const recent = fakeWebhookDeliveries(FAKE_REPOSITORIES.demoApp, at.getTime()).filter((d) => Date.parse(d.at) > at.getTime() - 86_400_000);
  for (const delivery of recent) {
    const query = `source=github&token=${encodeURIComponent(token)}&event=${delivery.event}`;
    const { response } = app.post(query, JSON.stringify(delivery.payload), 'application/json', at);
    if (!/"ok":true/.test(response.body)) throw new Error(`demo: the GitHub webhook refused a ${delivery.event}: ${response.body}`);
  }
  for (const fn of ['processGitHubEvents', 'syncGitHub']) {
    const result = app.run(fn, { at });
    if (result.error) throw new Error(`demo: ${fn} failed: ${result.error.message}`);
  }
}

// ---- Chat (issue 4): a project, a day of Slack reports, and the day's messages in the built-in fake ----

/**
 * The last workday before `now`, as people used it: two members report through `/progress`, one files a blocker, and
 * the day's reminders, project update and Discord dashboard go out through the Outbox — so `npm run local --
 * outbound` shows every kind of message right after `reset --demo`. The triggers of `npm start` carry on from there.
 */
function seedChatDemo(app: LocalApp, now: Date): void {
  const dayMs = 86_400_000;
  let day = new Date(now.getTime() - dayMs);
  // Tokyo's weekday: Saturday and Sunday have no reminders.
  while ([0, 6].includes(new Date(day.getTime() + TOKYO_OFFSET_MS).getUTCDay())) day = new Date(day.getTime() - dayMs);
  const date = new Date(day.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
  const at = (time: string) => new Date(`${date}T${time}:00+09:00`);

  const grid = dumpWorkbook(app.state(), { sheet: 'Projects' })['Projects'] ?? [];
  if (grid.length <= 1) {
    typeRows(
      app,
      'Projects',
      [{ Name: 'shinchoku v1', Deadline: isoDay(now, 21), Owner: DEMO_MEMBERS[0]?.name ?? '', Active: 'TRUE', 'Slack Channel': '#dev' }],
      at('08:00'),
    );
    typeRows(
      app,
      'Tasks',
      [
        { ID: 'T-1', Project: 'shinchoku v1', Title: 'Slack アプリ', Owner: DEMO_MEMBERS[0]?.name ?? '', Status: 'done', Weight: '3' },
        { ID: 'T-2', Project: 'shinchoku v1', Title: 'KPI ダッシュボード', Owner: DEMO_MEMBERS[1]?.name ?? '', Status: 'done', Weight: '2' },
        { ID: 'T-3', Project: 'shinchoku v1', Title: '週次レポート', Owner: DEMO_MEMBERS[2]?.name ?? '', Status: 'in progress', Weight: '2' },
        { ID: 'T-4', Project: 'shinchoku v1', Title: 'GitHub 連携', Owner: DEMO_MEMBERS[3]?.name ?? '', Status: 'todo', Weight: '3' },
      ],
      at('08:00'),
    );
  }

  const run = (fn: string, time: string) => {
    const result = app.run(fn, { at: at(time) });
    if (result.error) throw new Error(`demo: ${fn} failed: ${result.error.message}`);
  };
  const slash = (member: (typeof DEMO_MEMBERS)[number] | undefined, text: string, time: string) => {
    if (!member) return;
    const fields: Record<string, string> = {
      token: DEMO_SECRETS['SLACK_VERIFICATION_TOKEN'] ?? '',
      team_id: DEMO_SECRETS['SLACK_TEAM_ID'] ?? '',
      channel_id: 'C0DEMOPROG',
      user_id: member.slack,
      user_name: member.email.split('@')[0] ?? member.slack,
      command: '/progress',
      text,
      response_url: `https://hooks.slack.com/commands/T0DEMO/${member.slack}/demo`,
      trigger_id: '1000.2000.demo',
    };
    const body = Object.entries(fields)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const { response } = app.post('source=slack', body, 'application/x-www-form-urlencoded', at(time));
    if (!response.body.includes('ephemeral')) throw new Error(`demo: /progress ${text} was refused: ${response.body}`);
  };

  run('sendStandupReminder', '09:00');
  slash(DEMO_MEMBERS[0], 'update ✅ Slack のモーダル 📋 Discord の埋め込み', '09:20');
  slash(DEMO_MEMBERS[1], 'update ✅ KPI の目標 📋 ダッシュボード 🚫 ステージング環境が落ちている', '09:25');
  run('processQueue', '09:26');
  run('sendNudges', '10:30');
  run('processQueue', '10:31');
  run('sendProjectUpdates', '17:30');
  run('processQueue', '17:31');
  run('sendProgressReminder', '18:00');
  run('sendDiscordDashboard', '18:00');
  run('processQueue', '18:01');
}

// ---- Schedules and reports (issue 6): holidays, the report's recipients, last week's finished work ----

/**
 * Fills `Holidays` through the menu's own function, sets the weekly report's recipients as a person would, and types
 * last week's finished tasks, a blocker resolved during it and one open for over a week — so "Preview weekly report"
 * and `npm run local -- run sendWeeklyReport` show every section of the email right after `reset --demo`.
 */
function seedReportsDemo(app: LocalApp, now: Date): void {
  const fill = app.run('fillHolidays', { at: now });
  if (fill.error) throw new Error(`demo: fillHolidays failed: ${fill.error.message}`);

  const settings = dumpWorkbook(app.state(), { sheet: 'Settings' })['Settings'] ?? [];
  const row = settings.findIndex((r) => r[0] === 'REPORT_RECIPIENTS');
  if (row > 0) app.edit(`Settings!B${row + 1}`, 'manager@example.com, tanaka@example.com', now);
  // The demo's fake Notion and Confluence (local/fake/index.ts) hold this parent page and this space.
  const publishing: Record<string, string> = {
    NOTION_PARENT: DEMO_NOTION.parentPage,
    CONFLUENCE_BASE_URL: 'https://demo.atlassian.net',
    CONFLUENCE_SPACE_ID: DEMO_CONFLUENCE.spaceId,
    CONFLUENCE_PARENT_ID: DEMO_CONFLUENCE.parentId,
  };
  for (const [key, value] of Object.entries(publishing)) {
    const at = settings.findIndex((r) => r[0] === key);
    if (at > 0) app.edit(`Settings!B${at + 1}`, value, now);
  }

  const targets = dumpWorkbook(app.state(), { sheet: 'Targets' })['Targets'] ?? [];
  if (targets.length <= 1) {
    typeRows(
      app,
      'Targets',
      [
        { KPI: 'Overall Progress', Target: '70%', Direction: 'higher' },
        { KPI: 'Task Completion Rate', Target: '80%', Direction: 'higher' },
        { KPI: 'Quality Score', Target: '4', Direction: 'higher' },
        { KPI: 'Code Review Time', Target: '8', Direction: 'lower' },
        { KPI: 'Deploy Success Rate', Target: '95%', Direction: 'higher' },
      ],
      now,
    );
  }

  // Last week, Monday to Sunday, on Tokyo's calendar.
  const tokyoToday = new Date(now.getTime() + TOKYO_OFFSET_MS);
  const weekday = tokyoToday.getUTCDay() || 7;
  const lastWeek = (offset: number, time: string) => `${isoDay(now, offset - (weekday - 1) - 7)} ${time}`;
  const name = (i: number) => DEMO_MEMBERS[i]?.name ?? '';
  typeRows(
    app,
    'Tasks',
    [
      { ID: 'T-101', Project: 'shinchoku v1', Title: 'ログイン画面の実装', Owner: name(0), Status: 'done', 'Done At': lastWeek(0, '17:40') },
      { ID: 'T-102', Project: 'shinchoku v1', Title: 'KPI 集計のテスト', Owner: name(1), Status: 'done', 'Done At': lastWeek(1, '15:10') },
      { ID: 'T-103', Project: 'shinchoku v1', Title: 'Slack 通知の文言を見直す', Owner: name(3), Status: 'done', 'Done At': lastWeek(3, '11:25') },
      { ID: 'T-104', Project: 'shinchoku v1', Title: 'ステージング環境の構築', Owner: name(2), Status: 'done', 'Done At': lastWeek(4, '18:05') },
    ],
    now,
  );
  typeRows(
    app,
    'Blockers',
    [
      {
        ID: 'B-101',
        'Opened At': lastWeek(0, '10:00'),
        Member: name(1),
        Description: 'API の仕様が未確定',
        Project: 'shinchoku v1',
        Status: 'resolved',
        'Resolved At': lastWeek(2, '16:00'),
      },
      {
        ID: 'B-102',
        'Opened At': lastWeek(-3, '14:00'),
        Member: name(4),
        Description: 'デザインレビュー待ち',
        Project: 'shinchoku v1',
        Status: 'open',
      },
    ],
    now,
  );
}

// ---- The sheet (issue 5): projects and tasks of this month, two weeks of daily reports, today's KPI row ----

/**
 * A month of the team's work as people keep it in the sheet: two active projects and a closed one, tasks planned,
 * due and done over the last weeks, two weeks of daily reports with moods, blockers. Pasted in (typed cell by cell,
 * without an edit event per cell, as a paste is), then today's KPI row is computed from them and the weeks rolled
 * up — so the Dashboard, the derived columns and the Weekly sheet show real figures right after `reset --demo`.
 */
function seedSheetDemo(app: LocalApp, now: Date): void {
  const state = app.state();
  const random = seeded(20260105);
  const name = (i: number) => DEMO_MEMBERS[i % DEMO_MEMBERS.length]?.name ?? '';
  const paste = (sheet: string, rows: Array<Record<string, string>>) => {
    const grid = dumpWorkbook(state, { sheet })[sheet] ?? [];
    const header = (grid[0] ?? []).map(String);
    let last = grid.length;
    while (last > 1 && (grid[last - 1] ?? []).every((v) => v === '')) last--;
    rows.forEach((row, i) => {
      for (const [title, value] of Object.entries(row)) {
        const index = header.indexOf(title);
        if (index < 0) throw new Error(`demo: the ${sheet} sheet has no "${title}" column`);
        typeIntoCell(state, `'${sheet}'!${columnLetter(index)}${last + 1 + i}`, value, { now });
      }
    });
  };

  paste('Projects', [
    { Name: 'モバイルアプリ', Deadline: isoDay(now, 45), Owner: name(1), Active: 'TRUE', 'Slack Channel': '#mobile' },
    { Name: '旧システム移行', Deadline: isoDay(now, -20), Owner: name(2), Active: 'FALSE' },
  ]);
  const titles = ['画面設計', 'API 実装', 'テスト追加', 'レビュー対応', 'ドキュメント', 'パフォーマンス改善', 'リリース準備', '不具合修正'];
  const tasks: Array<Record<string, string>> = [];
  for (let i = 0; i < 36; i++) {
    const project = i % 6 === 5 ? '旧システム移行' : i % 2 === 0 ? 'shinchoku v1' : 'モバイルアプリ';
    const offset = Math.round(i * 0.8) - 24; // due dates from three weeks ago to a week ahead
    const done = offset < -1 ? random() < 0.85 : offset <= 0 ? random() < 0.6 : random() < 0.15;
    const doneOffset = Math.min(0, offset - Math.floor(random() * 2));
    tasks.push({
      ID: `S-${i + 1}`,
      Project: project,
      Title: titles[i % titles.length] ?? '',
      Owner: name(i),
      Status: done ? 'done' : offset < 0 ? 'in progress' : 'todo',
      Weight: String(1 + Math.floor(random() * 3)),
      'Planned Date': isoDay(now, offset - 1),
      'Due Date': isoDay(now, offset),
      ...(done ? { 'Done At': `${isoDay(now, doneOffset)} ${10 + Math.floor(random() * 8)}:00` } : {}),
    });
  }
  paste('Tasks', tasks);

  const existing = new Set((dumpWorkbook(state, { sheet: 'Daily Reports' })['Daily Reports'] ?? []).map((r) => `${String(r[0])}|${String(r[1])}`));
  const reports: Array<Record<string, string>> = [];
  for (let day = -14; day <= -1; day++) {
    const date = isoDay(now, day);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    DEMO_MEMBERS.forEach((member, i) => {
      if (existing.has(`${date}|${member.name}`) || random() < 0.15) return;
      reports.push({
        Date: date,
        Member: member.name,
        'Slack User ID': member.slack,
        Done: titles[(day + 14 + i) % titles.length] ?? '',
        Planned: titles[(day + 15 + i) % titles.length] ?? '',
        Mood: String(Math.min(5, Math.max(1, Math.round(3.2 + random() * 1.8 - (i === 4 ? 0.8 : 0))))),
      });
    });
  }
  paste('Daily Reports', reports);
  paste('Blockers', [
    {
      ID: 'S-B1',
      'Opened At': `${isoDay(now, -2)} 11:00`,
      Member: name(3),
      Description: '本番 DB の権限申請待ち',
      Project: 'モバイルアプリ',
      Status: 'open',
      Source: 'sheet',
    },
    {
      ID: 'S-B2',
      'Opened At': `${isoDay(now, -6)} 15:30`,
      Member: name(0),
      Description: 'CI が不安定',
      Project: 'shinchoku v1',
      Status: 'resolved',
      'Resolved At': `${isoDay(now, -4)} 10:00`,
      Source: 'sheet',
    },
  ]);
  state.save();

  for (const fn of ['computeDailyKpis', 'rollUpWeekly']) {
    const result = app.run(fn, { at: now });
    if (result.error) throw new Error(`demo: ${fn} failed: ${result.error.message}`);
  }
}

function isoDay(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000 + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/** Types rows below a sheet's last row, by header, as a person would. */
function typeRows(app: LocalApp, sheet: string, rows: Array<Record<string, string>>, at: Date): void {
  const grid = dumpWorkbook(app.state(), { sheet })[sheet] ?? [];
  const header = (grid[0] ?? []).map(String);
  rows.forEach((row, i) => {
    for (const [title, value] of Object.entries(row)) {
      const index = header.indexOf(title);
      if (index < 0) throw new Error(`demo: the ${sheet} sheet has no "${title}" column`);
      const { results } = app.edit(`'${sheet}'!${columnLetter(index)}${grid.length + 1 + i}`, value, at);
      const failed = results.find((r) => r.error);
      if (failed) throw new Error(`demo: onEdit failed while typing ${sheet}: ${failed.error?.message}`);
    }
  });
}

/** Members are typed into the sheet by a person in real life, so the demo does the same. */
function typeMembers(app: LocalApp, at: Date): void {
  const header = (dumpWorkbook(app.state(), { sheet: 'Members' })['Members']?.[0] ?? []).map(String);
  const column = (title: string) => {
    const index = header.indexOf(title);
    if (index < 0) throw new Error(`demo: the Members sheet has no "${title}" column`);
    return columnLetter(index);
  };
  DEMO_MEMBERS.forEach((member, i) => {
    const row = i + 2;
    const cells: Array<[string, string]> = [
      ['Name', member.name],
      ['Email', member.email],
      ['Slack User ID', member.slack],
      ['GitHub Login', member.github],
      ['Active', 'TRUE'],
    ];
    for (const [title, value] of cells) {
      const { results } = app.edit(`Members!${column(title)}${row}`, value, at);
      const failed = results.find((r) => r.error);
      if (failed) throw new Error(`demo: onEdit failed while typing members: ${failed.error?.message}`);
    }
  });
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A small deterministic generator (mulberry32), so the demo is the same every time. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
