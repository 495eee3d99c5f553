import { catalog } from '../messages';

/** The GitLab area's texts. */
export const gitlabText = catalog({
  syncStoppedRate: {
    ja: 'GitLab のレート制限のため同期を中断しました。{at} 以降の実行で再開します。',
    en: 'GitLab sync paused by the rate limit; it resumes at the first run after {at}.',
  },
  syncStoppedTime: {
    ja: '時間の上限に達したため GitLab の同期を中断しました。次回の実行で続きから再開します。',
    en: 'GitLab sync stopped at its time limit; the next run resumes where it stopped.',
  },
  syncDone: { ja: 'GitLab の同期が完了しました', en: 'GitLab sync finished' },
  syncNoProjects: {
    ja: '同期するプロジェクトがありません: Settings シートの GITLAB_PROJECTS に group/project を入力してください。',
    en: 'No projects to sync: list them (group/project) in GITLAB_PROJECTS in the Settings sheet.',
  },
  hooksNoToken: {
    ja: 'GitLab のプロジェクト Webhook は作成していません: GITLAB_TOKEN がありません。',
    en: 'GitLab project hooks not made: GITLAB_TOKEN is not set.',
  },
  hooksNoUrl: {
    ja: 'GitLab のプロジェクト Webhook は作成していません: Web アプリがまだデプロイされていません（npm run deploy）。',
    en: 'GitLab project hooks not made: the web app is not deployed yet (npm run deploy).',
  },
  hooksDone: {
    ja: 'GitLab のプロジェクト Webhook: 作成 {created}、更新 {updated}、変更なし {unchanged}',
    en: 'GitLab project hooks: {created} created, {updated} updated, {unchanged} unchanged',
  },
  hooksRefused: {
    ja: '{project}: トークンに Webhook を作成する権限がありません（api スコープとメンテナー権限が必要）。プロジェクトの Settings ▸ Webhooks で手動で追加してください。',
    en: '{project}: the token may not manage hooks (it needs the api scope and the Maintainer role). Add the hook by hand in the project’s Settings ▸ Webhooks.',
  },
});
