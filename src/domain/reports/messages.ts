import { catalog, type Language } from '../messages';

/** The texts of schedules, holidays, the daily summary and the weekly report: Japanese by default, English by setting. */
export const reportText = catalog({
  // Jobs that run on workdays only, run on a day off.
  jobDailySummary: { ja: '日次サマリー', en: 'the daily summary' },
  skippedWeekend: { ja: '{day} は週末のため、{job}は送りませんでした。', en: '{day} is a weekend day: {job} was not sent.' },
  skippedHoliday: { ja: '{day} は休日（{holiday}）のため、{job}は送りませんでした。', en: '{day} is a holiday ({holiday}): {job} was not sent.' },
  skippedHolidayUnnamed: { ja: '{day} は休日のため、{job}は送りませんでした。', en: '{day} is a holiday: {job} was not sent.' },

  // Fill holidays
  holidaysTitle: { ja: '祝日の取り込み', en: 'Fill holidays' },
  holidaysAdded: { ja: '{years} 年の祝日を {count} 件追加しました。', en: 'Added {count} holidays for {years}.' },
  holidaysKept: { ja: '{count} 件は登録済みのため、そのままにしました。', en: '{count} were in the sheet already and were left as they are.' },
  holidaysIgnored: { ja: '休日ではない予定は取り込んでいません: {names}', en: 'Left out, as they are no days off: {names}' },
  holidayCalendarMissing: {
    ja: 'Google カレンダーの「日本の祝日」を開けませんでした。Google カレンダーの［他のカレンダー］▸［関心のあるカレンダーを探す］で「日本の祝日」を追加してから、もう一度実行してください。',
    en: 'Could not open Google Calendar\'s "Holidays in Japan". Add it in Google Calendar (Other calendars ▸ Browse calendars of interest ▸ Holidays in Japan), then run this again.',
  },

  // The daily summary (Slack parent message and thread, Discord embed)
  summaryTitle: { ja: '📊 進捗サマリー {date}（{weekday}）', en: '📊 Daily summary {date} ({weekday})' },
  summaryKpi: { ja: '*KPI* 目標達成 {met}/{total}', en: '*KPIs* {met}/{total} on target' },
  summaryKpiNone: { ja: '*KPI* 記録なし', en: '*KPIs* none recorded' },
  summaryReports: { ja: '*日報* {reported}/{total} 人', en: '*Reports* {reported}/{total}' },
  summaryBlockers: { ja: '*ブロッカー* {open} 件（新規 {fresh}・長期化 {ageing}）', en: '*Blockers* {open} open ({fresh} new, {ageing} ageing)' },
  summaryMerged: { ja: '*マージ* {count} 件', en: '*Merged* {count}' },
  summaryDeploys: { ja: '*デプロイ* {count} 件', en: '*Deploys* {count}' },
  summaryDeploysFailed: { ja: '*デプロイ* {count} 件（失敗 {failed}）', en: '*Deploys* {count} ({failed} failed)' },
  summaryAlerts: { ja: '*アラート* {count} 件', en: '*Alerts* {count}' },
  summaryThreadHint: { ja: '🧵 詳細はスレッドに', en: '🧵 Details in the thread' },
  summaryNotification: {
    ja: '{title} — KPI {met}/{total}・日報 {reported}/{total2} 人・アラート {alerts} 件',
    en: '{title} — KPIs {met}/{total} on target, reports {reported}/{total2}, alerts {alerts}',
  },
  detailsNotification: { ja: '{date} の詳細', en: 'Details for {date}' },

  kpiHeading: { ja: '*KPI（{date}）* 前日比', en: '*KPIs ({date})* change on the previous day' },
  kpiHeadingLatest: {
    ja: '*最新の KPI（{date}）* 前日比 — 今日の分はまだありません',
    en: '*Latest KPIs ({date})* change on the previous day — none for today yet',
  },
  kpiNone: { ja: '*KPI* まだ記録がありません', en: '*KPIs* none recorded yet' },
  target: { ja: '目標 {target}', en: 'target {target}' },
  // A KPI's change: the arrow follows the number, the word says whether that is good for this KPI.
  changeBetter: { ja: '改善', en: 'better' },
  changeWorse: { ja: '悪化', en: 'worse' },
  changeVerdict: { ja: '{change}（{verdict}）', en: '{change} ({verdict})' },
  reportsHeading: { ja: '*日報* {reported}/{total} 人が提出', en: '*Reports* {reported} of {total} reported' },
  reportsAll: { ja: '全員提出しました 🎉', en: 'Everyone reported 🎉' },
  reportsMissing: { ja: '未提出: {names}', en: 'Not yet: {names}' },
  reportsNoMembers: { ja: 'Members シートに有効なメンバーがいません', en: 'No active member in the Members sheet' },
  blockersHeading: { ja: '*ブロッカー* 未解決 {count} 件', en: '*Blockers* {count} open' },
  blockersNew: { ja: '新規', en: 'New' },
  blockersAgeing: { ja: '{days} 日以上未解決', en: 'Open {days}+ days' },
  blockerAge: { ja: '{days} 日', en: '{days} d' },
  mergedHeading: { ja: '*マージされた PR* {count} 件', en: '*Merged pull requests* {count}' },
  deploysHeading: { ja: '*デプロイ* {count} 件', en: '*Deploys* {count}' },
  tasksMovedHeading: { ja: '*PR が動かしたタスク* {count} 件', en: '*Tasks moved by pull requests* {count}' },
  alertsHeading: { ja: '*アラート* {count} 件', en: '*Alerts* {count}' },
  alertKpi: { ja: '{name} {value}（目標 {target}）', en: '{name} {value} (target {target})' },
  alertDeployFailed: { ja: 'デプロイ失敗: {environment} {sha}', en: 'Deploy failed: {environment} {sha}' },
  none: { ja: 'なし', en: 'None' },
  andMore: { ja: '…他 {count} 件', en: '…and {count} more' },
  footer: { ja: 'shinchoku', en: 'shinchoku' },

  // The weekly report email
  weeklySubject: { ja: 'shinchoku 週次レポート - Week {week}', en: 'shinchoku weekly report - Week {week}' },
  weeklyTitle: { ja: '週次レポート', en: 'Weekly report' },
  weeklyPeriod: { ja: '{year} 年 第 {week} 週（{start} 〜 {end}）', en: 'Week {week}, {year} ({start} – {end})' },
  weeklyKpis: { ja: 'KPI', en: 'KPIs' },
  weeklyChange: { ja: '先週比 {change}', en: '{change} on the week' },
  weeklyNoChange: { ja: '先週比 —', en: 'no change data' },
  weeklyNoTarget: { ja: '目標なし', en: 'no target' },
  weeklyNoData: { ja: '今週の記録なし', en: 'nothing recorded this week' },
  weeklyAverages: {
    ja: '週平均: 進捗 {progress}・品質 {quality}・ブロッカー合計 {blockers}',
    en: 'Week averages: progress {progress}, quality {quality}, blockers total {blockers}',
  },
  weeklyTrend: { ja: '傾向: {trend}', en: 'Trend: {trend}' },
  weeklyAchievements: { ja: '今週の成果', en: 'This week’s achievements' },
  weeklyMerged: { ja: 'マージされた PR（{count} 件）', en: 'Merged pull requests ({count})' },
  weeklyTasks: { ja: '完了したタスク（{count} 件）', en: 'Completed tasks ({count})' },
  weeklyResolved: { ja: '解決したブロッカー（{count} 件）', en: 'Resolved blockers ({count})' },
  weeklyAttention: { ja: '注意事項', en: 'Needs attention' },
  weeklyUnderTarget: { ja: '目標未達の KPI（{count} 件）', en: 'KPIs under target ({count})' },
  weeklyOldBlockers: { ja: '{days} 日以上未解決のブロッカー（{count} 件）', en: 'Blockers open {days}+ days ({count})' },
  weeklyAlerts: { ja: '今週のアラート（{count} 件）', en: 'This week’s alerts ({count})' },
  weeklyAlertLine: { ja: '{name}: {days} 日が目標未達（{dates}）', en: '{name}: under target on {days} days ({dates})' },
  weeklyAllClear: { ja: '特になし 🎉', en: 'Nothing to flag 🎉' },
  weeklyOpenSheet: { ja: 'スプレッドシートを開く', en: 'Open the spreadsheet' },
  weeklyFooter: {
    ja: 'shinchoku が {time} に作成しました。受信者は Settings シートの REPORT_RECIPIENTS で変更できます。',
    en: 'Made by shinchoku at {time}. Change the recipients in REPORT_RECIPIENTS on the Settings sheet.',
  },
  weeklyLegend: {
    ja: '棒: 日ごとの値（緑 = 目標達成、橙 = 未達、青 = 目標なし）',
    en: 'Bars: daily values (green = on target, orange = under, blue = no target)',
  },

  // Sending it: the job, the menu items
  weeklyNoRecipients: {
    ja: '週次レポートの受信者が設定されていません（Settings シートの REPORT_RECIPIENTS）。',
    en: 'No recipients for the weekly report (REPORT_RECIPIENTS on the Settings sheet).',
  },
  weeklyQuota: {
    ja: '週次レポートは送信していません: 受信者 {recipients} 人に対し、今日のメール送信枠の残りは {remaining} 通です。枠は 24 時間で回復します。受信者を減らすか、明日「週次レポートを今すぐ送信」を実行してください。',
    en: 'The weekly report was not sent: it has {recipients} recipients but only {remaining} emails are left in today\'s quota. The quota recovers within 24 hours: reduce the recipients, or run "Send weekly report now" tomorrow.',
  },
  weeklySent: { ja: '週次レポート（Week {week}）を {count} 人に送信しました。', en: 'Sent the weekly report (Week {week}) to {count} recipients.' },
  weeklyConfirmTitle: { ja: '週次レポートの送信', en: 'Send the weekly report' },
  weeklyConfirm: {
    ja: 'Week {week} のレポートを次の {count} 人に今すぐ送信しますか？\n{recipients}',
    en: 'Send the Week {week} report now to these {count} recipients?\n{recipients}',
  },
  weeklyCancelled: { ja: '送信を取り消しました。', en: 'Sending cancelled.' },
  weeklyPreviewTitle: { ja: '週次レポートのプレビュー: {subject}', en: 'Weekly report preview: {subject}' },
  weeklyPreviewTo: { ja: '宛先: {recipients}', en: 'To: {recipients}' },
  weeklyPreviewQuota: {
    ja: '⚠️ 今日は送信できません（残り {remaining} 通 < 受信者 {recipients} 人）',
    en: '⚠️ Cannot be sent today ({remaining} emails left < {recipients} recipients)',
  },
});

export type ReportTextId = Parameters<typeof reportText>[0];

const WEEKDAYS: Record<Language, readonly string[]> = {
  ja: ['月', '火', '水', '木', '金', '土', '日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** ISO weekday (1 = Monday … 7 = Sunday) as a short name. */
export function weekdayName(weekday: number, language: Language): string {
  return WEEKDAYS[language][(weekday - 1 + 7) % 7] ?? '';
}
