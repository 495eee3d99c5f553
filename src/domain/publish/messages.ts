import { catalog } from '../messages';

/** The texts of the published weekly report (Notion, Confluence, the PDF and CSV attachments). */
export const publishText = catalog({
  pageTitle: { ja: '週次レポート {week}', en: 'Weekly report {week}' },
  colKpi: { ja: 'KPI', en: 'KPI' },
  colValue: { ja: '今週', en: 'This week' },
  colTarget: { ja: '目標', en: 'Target' },
  colChange: { ja: '先週比', en: 'On the week' },
  colStatus: { ja: '判定', en: 'Status' },
  statusMet: { ja: '達成', en: 'on target' },
  statusMissed: { ja: '未達', en: 'under target' },
  statusNone: { ja: '—', en: '—' },
  github: { ja: 'GitHub / GitLab', en: 'GitHub / GitLab' },
  githubMerged: { ja: 'マージされた PR: {count} 件', en: 'Merged pull requests: {count}' },
  githubAuthors: { ja: 'PR の作成者: {count} 人', en: 'Pull request authors: {count}' },
  githubRepos: { ja: 'リポジトリ: {repos}', en: 'Repositories: {repos}' },
  githubReview: { ja: 'コードレビュー時間（週の最新）: {value}', en: 'Code review time (latest of the week): {value}' },
  githubDeploy: { ja: 'デプロイ成功率（週の最新）: {value}', en: 'Deploy success rate (latest of the week): {value}' },
  summary: { ja: '概要', en: 'Summary' },
  generated: { ja: 'shinchoku が {time} に作成しました。', en: 'Made by shinchoku at {time}.' },
  // Attachments of the weekly email
  attachmentFailed: {
    ja: '⚠️ {file} は添付できませんでした: {reason}',
    en: '⚠️ {file} could not be attached: {reason}',
  },
  attachmentTooLarge: {
    ja: '大きすぎます（{size} MB、添付は合計 {limit} MB まで）',
    en: 'it is too large ({size} MB; attachments may total {limit} MB)',
  },
  // Publishing outcomes
  notionPublished: { ja: 'Notion: {action} {url}', en: 'Notion: {action} {url}' },
  confluencePublished: { ja: 'Confluence: {action} {url}', en: 'Confluence: {action} {url}' },
  created: { ja: '作成しました', en: 'created' },
  updated: { ja: '更新しました', en: 'updated' },
  notConfigured: { ja: '{service}: 未設定のため公開しませんでした（{missing}）', en: '{service}: not configured, not published ({missing})' },
  badWeek: {
    ja: '週の指定 "{week}" が読めません。2026-W49 のように書いてください。',
    en: 'Cannot read the week "{week}": write it as 2026-W49.',
  },
  futureWeek: { ja: '{week} はまだ終わっていません。', en: '{week} has not ended yet.' },
});
