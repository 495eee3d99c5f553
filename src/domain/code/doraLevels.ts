import { catalog } from '../messages';

/**
 * DORA performance levels per key, by the software delivery performance clusters of the current DORA report:
 * Google Cloud's "Accelerate State of DevOps Report 2024" (dora.dev/research/2024/dora-report). Its clusters:
 *
 * | level  | deployment frequency                  | lead time for changes | change failure rate | failed deployment recovery |
 * | elite  | on demand (several a day)             | < 1 day               | 5 %                 | < 1 hour                   |
 * | high   | between once a day and once a week    | 1 day – 1 week        | 20 %                | < 1 day                    |
 * | medium | between once a week and once a month  | 1 week – 1 month      | 10 %                | < 1 day                    |
 * | low    | between once a month and every 6 months | 1 – 6 months        | 40 %                | 1 week – 1 month           |
 *
 * One key is placed on its own, so cluster boundaries become bands. The report's change failure rates are not in
 * order (high 20 % is worse than medium 10 %), and high and medium share a recovery time: the bands below read
 * them in order of the levels — written out in README ▸ DORA performance levels.
 */

export type DoraLevel = 'elite' | 'high' | 'medium' | 'low';

export interface DoraInputs {
  /** Successful production deploys per week, over the window. */
  deploysPerWeek: number | null;
  leadTimeHours: number | null;
  /** A fraction (0.05 = 5 %). */
  changeFailureRate: number | null;
  restoreHours: number | null;
}

export interface DoraLevels {
  deploymentFrequency: DoraLevel | null;
  leadTime: DoraLevel | null;
  changeFailureRate: DoraLevel | null;
  timeToRestore: DoraLevel | null;
}

/** The `GitHub Metrics` period of the last four weeks up to today: the current levels. */
export const DORA_CURRENT_PERIOD = 'Last 28 Days';

/** The window a level is judged over: four weeks, so a quiet week does not make a team "low". */
export const DORA_WINDOW_DAYS = 28;

const DAY = 24;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;

export function doraLevels(input: DoraInputs): DoraLevels {
  return {
    // Several a day on demand ≈ at least one a working day; once a month ≈ a quarter a week.
    deploymentFrequency:
      input.deploysPerWeek === null
        ? null
        : input.deploysPerWeek >= 5
          ? 'elite'
          : input.deploysPerWeek >= 1
            ? 'high'
            : input.deploysPerWeek >= 0.25
              ? 'medium'
              : 'low',
    leadTime:
      input.leadTimeHours === null
        ? null
        : input.leadTimeHours < DAY
          ? 'elite'
          : input.leadTimeHours < WEEK
            ? 'high'
            : input.leadTimeHours < MONTH
              ? 'medium'
              : 'low',
    changeFailureRate:
      input.changeFailureRate === null
        ? null
        : input.changeFailureRate <= 0.05
          ? 'elite'
          : input.changeFailureRate <= 0.1
            ? 'high'
            : input.changeFailureRate <= 0.2
              ? 'medium'
              : 'low',
    timeToRestore:
      input.restoreHours === null
        ? null
        : input.restoreHours < 1
          ? 'elite'
          : input.restoreHours < DAY
            ? 'high'
            : input.restoreHours < WEEK
              ? 'medium'
              : 'low',
  };
}

export const DORA_LEVEL_LABEL: Record<DoraLevel, { ja: string; en: string }> = {
  elite: { ja: 'エリート', en: 'Elite' },
  high: { ja: '高', en: 'High' },
  medium: { ja: '中', en: 'Medium' },
  low: { ja: '低', en: 'Low' },
};

export const doraText = catalog({
  title: { ja: 'DORA パフォーマンス（直近 4 週、DORA 2024 基準）', en: 'DORA performance (last 4 weeks, DORA 2024 clusters)' },
  key: { ja: '指標', en: 'Key' },
  value: { ja: '値', en: 'Value' },
  level: { ja: 'レベル', en: 'Level' },
  deploymentFrequency: { ja: 'デプロイ頻度（回）', en: 'Deployment frequency (deploys)' },
  leadTime: { ja: '変更のリードタイム（時間）', en: 'Lead time for changes (hours)' },
  changeFailureRate: { ja: '変更失敗率', en: 'Change failure rate' },
  timeToRestore: { ja: '復旧時間（時間）', en: 'Time to restore (hours)' },
  weeklyTitle: { ja: 'DORA パフォーマンスレベル', en: 'DORA performance levels' },
  weeklyNote: {
    ja: '週末までの 4 週間、DORA 2024 レポートの基準による（GitHub Metrics の週の行）',
    en: 'Over the four weeks to the week’s end, by the DORA 2024 report’s clusters (GitHub Metrics, the week’s row)',
  },
  deploymentFrequencyKey: { ja: 'デプロイ頻度', en: 'Deployment frequency' },
  leadTimeKey: { ja: '変更のリードタイム', en: 'Lead time for changes' },
  changeFailureRateKey: { ja: '変更失敗率', en: 'Change failure rate' },
  timeToRestoreKey: { ja: '復旧時間', en: 'Time to restore' },
});
