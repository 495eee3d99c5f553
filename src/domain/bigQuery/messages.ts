import { catalog } from '../messages';

/** What setup and the health answer say about the BigQuery archive (README ▸ BigQuery). */
export const bigQueryText = catalog({
  setupReady: {
    ja: 'BigQuery: データセット {dataset}（{datasetState}）、テーブル {tables} 個（作成 {created}、列を追加 {updated}）',
    en: 'BigQuery: dataset {dataset} ({datasetState}), {tables} tables ({created} created, {updated} with columns added)',
  },
  datasetExists: { ja: '既存', en: 'exists' },
  datasetCreated: { ja: '作成しました', en: 'created' },
  setupConflict: {
    ja: 'BigQuery: {table} の列の型がシートの宣言と違うため、読み込みは失敗します: {conflicts}',
    en: 'BigQuery: {table} has columns whose type differs from the sheet declaration, so loads will fail: {conflicts}',
  },
  setupUnreachable: {
    ja: 'BigQuery: {dataset} に接続できません（データセットを確認・作成できませんでした）: {error}',
    en: 'BigQuery: cannot reach {dataset} (the dataset could not be found or created): {error}',
  },
  setupNoProject: {
    ja: 'BigQuery: ARCHIVE_TARGET が bigquery ですが BIGQUERY_PROJECT_ID が空です。Settings シートに Google Cloud のプロジェクト ID を入れてください',
    en: 'BigQuery: ARCHIVE_TARGET is bigquery but BIGQUERY_PROJECT_ID is empty: put the Google Cloud project ID in the Settings sheet',
  },
});
