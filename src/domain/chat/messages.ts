import { catalog } from '../messages';

/** The chat area's texts (Slack, Discord): Japanese by default, English with Settings LANGUAGE=en. */
export const chatText = catalog({
  andMore: { ja: '…他 {count} 件', en: '…and {count} more' },

  // /progress answers
  helpTitle: { ja: '📘 /progress の使い方', en: '📘 How to use /progress' },
  helpBody: {
    ja: [
      '`/progress update` — 進捗報告のフォームを開く',
      '`/progress update ✅ 完了したこと 📋 予定 🚫 ブロッカー` — 1 行ずつ書いてその場で報告（`完了:` `予定:` `ブロッカー:` も可）',
      '`/progress report` — あなたの進捗（今日の KPI と目標、最近の報告、未解決のブロッカー）',
      '`/progress report @メンバー` — そのメンバーの進捗（最近の報告、ブロッカー、開発活動）',
      '`/progress report team` — チームの進捗（今日の報告者・未報告者、未解決のブロッカー、開発活動）',
      '`/progress blocker <内容>` — ブロッカーを登録（内容なしでフォームを開く）',
      '`/progress blocker resolve <ID>` — ブロッカーを解決済みにする',
      '`/progress help` — この説明',
      '返答はあなたにだけ表示されます。レポートをチャンネルに共有するには最後に `share` を付けてください。',
    ].join('\n'),
    en: [
      '`/progress update` — open the progress report form',
      '`/progress update ✅ what you finished 📋 what you plan 🚫 blocker` — report inline, one item a line (`done:` `planned:` `blocker:` work too)',
      "`/progress report` — your progress (today's KPIs against targets, your recent reports, your open blockers)",
      "`/progress report @someone` — a member's progress (recent reports, blockers, developer activity)",
      "`/progress report team` — the team's progress (who reported today, who has not, open blockers, developer activity)",
      '`/progress blocker <text>` — file a blocker (without text: open the form)',
      '`/progress blocker resolve <ID>` — mark a blocker resolved',
      '`/progress help` — this help',
      'Answers are shown to you alone; add `share` at the end of a report command to post it to the channel.',
    ].join('\n'),
  },
  unknownCommand: { ja: '「{command}」は分かりませんでした。', en: 'Unknown subcommand "{command}".' },
  received: {
    ja: '📝 受け付けました。1 分ほどで記録して、結果をお知らせします。',
    en: '📝 Got it. It will be recorded within a minute, and you will be told the result.',
  },
  reportQueued: { ja: '⏳ 集計しています。1 分ほどでお届けします。', en: '⏳ Gathering it: it arrives within a minute.' },
  inlineNoSection: {
    ja: '各行は ✅ / 📋 / 🚫（または 完了: / 予定: / ブロッカー:）で始めてください。分からなかった行: 「{line}」',
    en: 'Start each line with ✅ / 📋 / 🚫 (or done: / planned: / blocker:). This line has none: "{line}"',
  },
  inlineEmpty: {
    ja: '報告が空です。例: `/progress update ✅ ログイン画面 📋 API 設計`',
    en: 'The report is empty. Example: `/progress update ✅ login page 📋 API design`',
  },
  blockerEmpty: { ja: 'ブロッカーの内容を書いてください: `/progress blocker <内容>`', en: 'Say what blocks you: `/progress blocker <text>`' },
  resolveNoId: {
    ja: '解決するブロッカーの ID を指定してください: `/progress blocker resolve <ID>`',
    en: 'Name the blocker to resolve: `/progress blocker resolve <ID>`',
  },
  modalNeedsBot: {
    ja: 'フォームを開くには SLACK_BOT_TOKEN の設定が必要です。代わりに `/progress update ✅ … 📋 …` で報告できます。',
    en: 'Opening the form needs SLACK_BOT_TOKEN. You can report inline instead: `/progress update ✅ … 📋 …`',
  },
  modalFailed: {
    ja: 'フォームを開けませんでした（{error}）。`/progress update ✅ … 📋 …` でも報告できます。',
    en: 'The form could not be opened ({error}). You can report inline: `/progress update ✅ … 📋 …`',
  },
  internalError: {
    ja: '⚠️ 内部エラーのため処理できませんでした。管理者はスプレッドシートの Errors シートを確認してください。',
    en: '⚠️ This could not be processed because of an internal error. Admins: see the Errors sheet of the spreadsheet.',
  },

  // Modals
  modalProgressTitle: { ja: '進捗報告', en: 'Progress report' },
  modalBlockerTitle: { ja: 'ブロッカー報告', en: 'Report a blocker' },
  modalSubmit: { ja: '送信', en: 'Submit' },
  modalCancel: { ja: 'キャンセル', en: 'Cancel' },
  // 完了事項 is the seed's word; the plan stays the day's (README: the form is the morning standup's answer).
  fieldDone: { ja: '完了事項', en: 'What you finished' },
  fieldPlanned: { ja: '今日実行予定のこと', en: 'What you plan today' },
  fieldBlockers: { ja: 'ブロッカー・課題（1 行に 1 件）', en: 'Blockers and issues (one a line)' },
  fieldMood: { ja: '今日の気分（1〜5）', en: 'Your mood today (1–5)' },
  fieldBlocker: { ja: '何が進行を妨げていますか', en: 'What blocks you' },
  fieldProject: { ja: 'プロジェクト（任意）', en: 'Project (optional)' },
  moodPlaceholder: { ja: '選んでください', en: 'Choose one' },
  submissionEmpty: { ja: '少なくとも 1 つの欄に記入してください', en: 'Fill in at least one field' },
  moodInvalid: { ja: '気分は 1〜5 から選んでください', en: 'Choose a mood from 1 to 5' },
  blockerRequired: { ja: '内容を書いてください', en: 'Say what blocks you' },

  // Results of queued work
  reportSaved: { ja: '✅ {date} の報告を記録しました。', en: '✅ Your report for {date} is recorded.' },
  reportUpdated: { ja: '✅ {date} の報告を更新しました。', en: '✅ Your report for {date} is updated.' },
  blockersFiled: {
    ja: '🚫 ブロッカーを登録しました: {ids}（解決したら `/progress blocker resolve <ID>`）',
    en: '🚫 Blockers filed: {ids} (when solved: `/progress blocker resolve <ID>`)',
  },
  blockerResolved: { ja: '✅ ブロッカー {id} を解決済みにしました。', en: '✅ Blocker {id} is marked resolved.' },
  blockerAlreadyResolved: { ja: 'ブロッカー {id} は既に解決済みです。', en: 'Blocker {id} was already resolved.' },
  blockerNotFound: {
    ja: 'ブロッカー {id} は見つかりませんでした。ID は `/progress report` で確かめられます。',
    en: 'There is no blocker {id}. `/progress report` lists your blocker IDs.',
  },
  notInMembers: {
    ja: '（Members シートにあなたの Slack ユーザー ID {user} がないため「{name}」として記録しました。管理者に追加を頼んでください）',
    en: '(Your Slack user ID {user} is not in the Members sheet, so this is recorded as "{name}". Ask an admin to add you.)',
  },

  // Reports
  personalTitle: { ja: '📈 {name} さんの進捗', en: '📈 Progress of {name}' },
  teamTitle: { ja: '👥 チームの進捗（{date}）', en: '👥 Team progress ({date})' },
  kpiToday: { ja: '*今日の KPI（{date}）*', en: "*Today's KPIs ({date})*" },
  kpiLatest: { ja: '*最新の KPI（{date}）*', en: '*Latest KPIs ({date})*' },
  noKpi: { ja: 'KPI はまだ記録されていません', en: 'No KPIs recorded yet' },
  target: { ja: '目標 {target}', en: 'target {target}' },
  recentReports: { ja: '*最近の報告*', en: '*Recent reports*' },
  noReports: { ja: 'まだ報告がありません', en: 'No reports yet' },
  openBlockers: { ja: '*未解決のブロッカー（{count}）*', en: '*Open blockers ({count})*' },
  none: { ja: 'なし', en: 'None' },
  reported: { ja: '*今日報告した人（{count}）*', en: '*Reported today ({count})*' },
  notReported: { ja: '*まだ報告していない人（{count}）*', en: '*Not reported yet ({count})*' },
  daysAgo: { ja: '{days} 日前から', en: 'for {days} d' },
  sinceToday: { ja: '今日から', en: 'since today' },
  labelDone: { ja: '完了', en: 'Done' },
  labelPlanned: { ja: '予定', en: 'Planned' },
  labelBlockers: { ja: 'ブロッカー', en: 'Blockers' },
  labelMood: { ja: '気分', en: 'Mood' },

  // KPI values (the seven KPIs' names are declared with them, in domain/kpi/fields.ts)
  kpiProductivity: { ja: '生産性スコア', en: 'Productivity score' },
  hours: { ja: '{value} 時間', en: '{value} h' },

  // Reminders
  standupHeader: { ja: '🌅 おはようございます！スタンドアップの時間です', en: '🌅 Good morning! Time for the standup' },
  standupIntro: { ja: '{date} の進捗を、次の 3 つで共有してください。', en: 'Share your progress for {date} in three parts:' },
  standupYesterday: { ja: '昨日完了したこと', en: 'What you finished yesterday' },
  standupToday: { ja: '今日実行予定のこと', en: 'What you plan today' },
  standupBlockers: { ja: 'ブロッカー・課題', en: 'Blockers and issues' },
  standupHint: { ja: 'ボタンか `/progress update` で報告できます。', en: 'Report with a button or `/progress update`.' },
  buttonReportProgress: { ja: '📝 進捗を報告', en: '📝 Report progress' },
  buttonReportBlocker: { ja: '🚫 ブロッカーを報告', en: '🚫 Report a blocker' },
  progressReminderHeader: { ja: '📝 進捗更新の時間です', en: '📝 Time to update your progress' },
  progressReminderBody: {
    ja: '今日の進捗を報告してください。報告済み: {reported} / {total} 人',
    en: "Report today's progress. Reported so far: {reported} of {total}",
  },
  nudgeText: {
    ja: '👋 {name} さん、今日（{date}）の進捗がまだ報告されていません。ボタンか `/progress update` で報告できます。',
    en: "👋 {name}, today's ({date}) progress is not reported yet. Use the button or `/progress update`.",
  },
  projectHeader: { ja: '📊 {project} 進捗更新', en: '📊 {project} progress update' },
  projectPullRequests: { ja: '🔗 タスクを動かした PR', en: '🔗 Pull requests that moved tasks' },
  fieldProgress: { ja: '進捗率', en: 'Progress' },
  fieldDeadline: { ja: '期限まで', en: 'Until the deadline' },
  fieldDoneTasks: { ja: '完了タスク', en: 'Tasks done' },
  fieldQuality: { ja: '品質スコア', en: 'Quality score' },
  daysLeft: { ja: 'あと {days} 日（{date}）', en: '{days} days left ({date})' },
  dueToday: { ja: '今日が期限（{date}）', en: 'Due today ({date})' },
  overdue: { ja: '{days} 日超過（{date}）', en: '{days} days overdue ({date})' },
  noDeadline: { ja: '期限なし', en: 'No deadline' },
  tasksDone: { ja: '{done} / {total} 件', en: '{done} of {total}' },
  noTasks: { ja: 'タスクなし', en: 'No tasks' },
  dashboardTitle: { ja: '📊 KPI ダッシュボード', en: '📊 KPI dashboard' },
  dashboardDescription: { ja: '{date} の KPI', en: 'KPIs of {date}' },
  footer: { ja: 'shinchoku 進捗管理システム', en: 'shinchoku progress management' },
  teamStatusTitle: { ja: '👥 チーム状況（{date}）', en: '👥 Team status ({date})' },
  jobStandup: { ja: 'スタンドアップのリマインド', en: 'the standup reminder' },
  jobProgressReminder: { ja: '進捗更新のリマインド', en: 'the progress reminder' },
  jobNudges: { ja: '未報告者へのリマインド', en: 'the nudges' },
  jobProjectUpdates: { ja: 'プロジェクトの進捗更新', en: 'the project updates' },
  jobDiscordDashboard: { ja: 'Discord の KPI ダッシュボード', en: 'the Discord KPI dashboard' },
  blockerLine: { ja: '{id} {description}（{member}、{age}）', en: '{id} {description} ({member}, {age})' },
});

export type ChatTextId = Parameters<typeof chatText>[0];
