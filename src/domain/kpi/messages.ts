import { catalog } from '../messages';

/** The sheet area's texts: alerts, the dashboard, the weekly trend, the recompute summary. */
export const kpiText = catalog({
  alertTaskCompletion: { ja: 'タスク完了率 {value} が基準 {threshold} を下回っています', en: 'Task completion rate {value} is below {threshold}' },
  alertSatisfaction: { ja: 'チーム満足度 {value} が基準 {threshold} を下回っています', en: 'Team satisfaction {value} is below {threshold}' },
  alertBlockers: { ja: '未解決のブロッカーが {value} 件あります（基準 {threshold} 件）', en: '{value} open blockers, more than {threshold}' },
  alertErrorRate: { ja: 'エラー率 {value} が基準 {threshold} を超えています', en: 'Error rate {value} is above {threshold}' },
  alertTitle: { ja: '⚠️ shinchoku アラート（{day}）', en: '⚠️ shinchoku alert ({day})' },
  alertSheetHint: { ja: '詳細はスプレッドシートの KPI Tracking を確認してください。', en: 'See KPI Tracking in the spreadsheet for details.' },
  emailSatisfactionSubject: { ja: '[shinchoku] チーム満足度が低下しています（{day}）', en: '[shinchoku] Team satisfaction dropped ({day})' },
  emailSatisfactionIntro: {
    ja: '{day} のチーム満足度（日報の気分の平均）が基準を下回りました。',
    en: 'The team satisfaction of {day} (the mean mood of the daily reports) fell below the threshold.',
  },
  emailValue: { ja: '満足度', en: 'Satisfaction' },
  emailErrorRateSubject: {
    ja: '[shinchoku] エラー率が基準を超えています（{day}: {value}）',
    en: '[shinchoku] Error rate above the threshold ({day}: {value})',
  },
  emailErrorRateIntro: {
    ja: '{day} のアプリケーションのエラー率（直近 24 時間のエラー数 ÷ リクエスト数）が基準を超えました。',
    en: 'The application error rate of {day} (errors ÷ requests over the last 24 hours) rose above the threshold.',
  },
  emailErrorRateValue: { ja: 'エラー率', en: 'Error rate' },
  emailErrorRateOutro: {
    ja: '詳細はスプレッドシートの Service Health と各監視サービスを確認してください。このメールは同じ値では 1 日 1 回まで送られます。',
    en: 'See Service Health in the spreadsheet and the monitoring service for details. The same value is emailed at most once a day.',
  },
  emailThreshold: { ja: '基準', en: 'Threshold' },
  emailReports: { ja: '日報の数', en: 'Daily reports' },
  emailOutro: {
    ja: 'メンバーとの 1on1 などで状況を確認してください。このメールは 1 日 1 回まで送られます。',
    en: 'Consider checking in with the team. This email is sent at most once a day.',
  },
  // Formula texts (the Alerts column is a formula; it is written in the team's language by setup). The seed's
  // words and signs, so a team that knows the seed's sheet reads the column at a glance.
  formulaProgressBelowTarget: { ja: '🚨 目標未達', en: '🚨 Below target' },
  formulaBlockersHigh: { ja: '⚠️ ブロッカー多', en: '⚠️ Many blockers' },
  formulaSatisfactionLow: { ja: '😟 満足度低', en: '😟 Low satisfaction' },
  formulaCompletionLow: { ja: '📉 完了率低', en: '📉 Low completion' },
  formulaAllGood: { ja: '✅ 良好', en: '✅ Good' },
  // Dashboard.
  dashboardTitle: { ja: '📊 進捗ダッシュボード', en: '📊 Progress dashboard' },
  dashboardAsOf: { ja: '最新の日付', en: 'Latest day' },
  dashboardKpi: { ja: 'KPI', en: 'KPI' },
  dashboardLatest: { ja: '最新値', en: 'Latest' },
  dashboardDate: { ja: '日付', en: 'Day' },
  dashboardTarget: { ja: '目標', en: 'Target' },
  dashboardDirection: { ja: '方向', en: 'Direction' },
  dashboardStatus: { ja: '状態', en: 'Status' },
  dashboardTrend: { ja: '直近30日', en: 'Last 30 days' },
  dashboardToday: { ja: '今日', en: 'Today' },
  dashboardParticipation: { ja: '日報の提出', en: 'Daily reports in' },
  dashboardMissing: { ja: '未提出', en: 'Not yet reported' },
  dashboardOpenBlockers: { ja: '未解決のブロッカー', en: 'Open blockers' },
  dashboardBlockerMember: { ja: 'メンバー', en: 'Member' },
  dashboardBlockerDescription: { ja: '内容', en: 'Description' },
  dashboardBlockerOpened: { ja: '発生', en: 'Opened' },
  dashboardChartRates: { ja: 'KPI の推移（率）', en: 'KPIs over time (rates)' },
  dashboardChartScores: { ja: 'KPI の推移（スコア）', en: 'KPIs over time (scores)' },
  // Weekly trend analysis.
  trendProgress: { ja: '進捗 {value}（前週比 {change}）', en: 'progress {value} ({change} on the week)' },
  trendProgressFirst: { ja: '進捗 {value}', en: 'progress {value}' },
  trendQuality: { ja: '品質 {value}（{change}）', en: 'quality {value} ({change})' },
  trendBlockers: { ja: 'ブロッカー {value} 件', en: '{value} blockers' },
  trendNoData: { ja: 'データなし', en: 'no data' },
  // Data validation help, shown when a cell is selected.
  helpDate: { ja: '日付を入力してください（例: 2026-01-05）', en: 'Enter a date (e.g. 2026-01-05)' },
  helpMood: { ja: '気分を 1〜5 で入力してください（5 が最良）', en: 'Mood from 1 to 5 (5 is best)' },
  helpTaskStatus: { ja: 'todo / in progress / blocked / done から選択', en: 'Pick todo, in progress, blocked or done' },
  helpBlockerStatus: { ja: 'open / resolved から選択', en: 'Pick open or resolved' },
  helpWeight: { ja: 'タスクの重み（0 以上、空欄は 1）', en: 'Task weight (0 or more; empty counts as 1)' },
  helpKpi: { ja: 'KPI Tracking の列名から選択', en: 'Pick a KPI Tracking column' },
  helpTarget: { ja: '目標値（率は 0.8 または 80%）', en: 'Target value (a rate as 0.8 or 80%)' },
  helpDirection: { ja: 'higher（高いほど良い）/ lower（低いほど良い）', en: 'higher or lower: which way is better' },
  // Menu summary.
  recomputeTitle: { ja: '本日の KPI を再計算しました', en: "Today's KPIs recomputed" },
  recomputeKept: { ja: '手入力の値を保持: {list}', en: 'Typed values kept: {list}' },
  recomputeAlerts: { ja: 'アラート: {count} 件', en: 'Alerts: {count}' },
});

export type KpiTextId = Parameters<typeof kpiText>[0];
