import { catalog } from '../messages';

/** The GitHub area's texts. `{…}` are filled in by the builders, already escaped for their medium. */
export const githubText = catalog({
  prReady: { ja: '🔄 新しいPR作成: {link}', en: '🔄 New pull request: {link}' },
  prReadyContext: {
    ja: '作成者: {author} | 変更行数: +{additions}/-{deletions}',
    en: 'Author: {author} | Lines changed: +{additions}/-{deletions}',
  },
  mrReady: { ja: '🔄 新しいMR作成: {link}', en: '🔄 New merge request: {link}' },
  mrReadyTitle: { ja: '🔄 新しいMR作成', en: '🔄 New merge request' },
  prReadyTitle: { ja: '🔄 新しいPR作成', en: '🔄 New pull request' },
  prMerged: { ja: '🎉 マージされました: {link}（{author}）', en: '🎉 Merged: {link} (by {author})' },
  prMergedTitle: { ja: '🎉 マージ', en: '🎉 Merged' },
  reviewRequested: {
    ja: '👀 {reviewer} さん、レビュー依頼です: {link}（{author} から）',
    en: '👀 {reviewer}, your review is requested: {link} (from {author})',
  },
  reviewRequestedTitle: { ja: '👀 レビュー依頼', en: '👀 Review requested' },
  largePr: {
    ja: '⚠️ 大きな変更: {link} は +{additions} / −{deletions} 行です（しきい値 {threshold} 行）。分割を検討してください。',
    en: '⚠️ Large change: {link} changes +{additions} / −{deletions} lines (threshold {threshold}). Consider splitting it.',
  },
  largePush: {
    ja: '⚠️ 大きなプッシュ: {link} に {commits} 件のコミット、+{additions} / −{deletions} 行（しきい値 {threshold} 行）',
    en: '⚠️ Large push: {link} brought {commits} commits, +{additions} / −{deletions} lines (threshold {threshold})',
  },
  largeTitle: { ja: '⚠️ 大きな変更', en: '⚠️ Large change' },
  unknownLines: { ja: '?', en: '?' },
  syncStoppedRate: {
    ja: 'GitHub のレート制限のため同期を中断しました。{at} 以降の実行で再開します。',
    en: 'GitHub sync paused by the rate limit; it resumes at the first run after {at}.',
  },
  syncStoppedTime: {
    ja: '時間の上限に達したため同期を中断しました。次回の実行で続きから再開します。',
    en: 'GitHub sync stopped at its time limit; the next run resumes where it stopped.',
  },
  syncDone: { ja: 'GitHub の同期が完了しました', en: 'GitHub sync finished' },
  syncNoRepos: {
    ja: '同期するリポジトリがありません: Settings シートの GITHUB_REPOSITORIES に owner/name を入力してください。',
    en: 'No repositories to sync: list them (owner/name) in GITHUB_REPOSITORIES in the Settings sheet.',
  },
});
