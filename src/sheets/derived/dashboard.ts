import { KPI_FIELDS, type KpiKey } from '../../domain/kpi/fields';
import { kpiText, type KpiTextId } from '../../domain/kpi/messages';
import type { Language } from '../../domain/messages';
import { DORA_CURRENT_PERIOD, DORA_LEVEL_LABEL, doraText } from '../../domain/code/doraLevels';
import { sheetRef } from '../a1';
import { kpiNumberFormat } from '../kpiColumns';
import type { ChartSpec, GridArea } from '../layout';
import { lowerIsBetterFormula, targetFormula, type TargetColumns } from './targets';

/**
 * The `Dashboard` sheet: each KPI's latest value against its target with a 30-day sparkline, today's
 * participation, the open blockers, and two line charts of `KPI Tracking`. Everything is a formula over the tables,
 * so it is current whenever the sheet is opened; setup writes it again (never anything else on the sheet).
 */

export const DASHBOARD = 'Dashboard';

export interface DashboardColumns {
  /** `KPI Tracking` columns (letters) and their positions (for charts). */
  kpi: Record<'date' | KpiKey, string>;
  kpiPositions: Record<'date' | KpiKey, number>;
  targets: TargetColumns;
  members: { name: string; active: string };
  reports: { date: string; member: string };
  blockers: { id: string; openedAt: string; member: string; description: string; status: string; resolvedAt: string };
  /** `GitHub Metrics` columns: the DORA keys and their levels, read from the `Last 28 Days` row. */
  githubMetrics: Record<
    | 'period'
    | 'deployments'
    | 'leadTime'
    | 'changeFailureRate'
    | 'timeToRestore'
    | 'deployFrequencyLevel'
    | 'leadTimeLevel'
    | 'changeFailureLevel'
    | 'restoreLevel',
    string
  >;
}

export interface DashboardPlan {
  cells: Array<Array<string | number | null>>;
  formats: string[][];
  title: GridArea;
  bands: GridArea[];
  /** Where the open blockers' list starts spilling down (its Opened column needs a date format to the end). */
  blockerList: { row: number; openedCol: number };
  charts: ChartSpec[];
}

export const WIDTH = 7;
const CLOSED = '^(resolved|closed|done|fixed|解決|解決済み?|完了|クローズ|対応済み?)$';

export function chartTitles(): string[] {
  return (['ja', 'en'] as const).flatMap((l) => [kpiText('dashboardChartRates', l), kpiText('dashboardChartScores', l)]);
}

export function dashboard(c: DashboardColumns, language: Language): DashboardPlan {
  const t = (id: KpiTextId) => kpiText(id, language);
  const k = sheetRef('KPI Tracking');
  const col = (letter: string) => `${k}!${letter}2:${letter}`;
  const dates = col(c.kpi.date);
  const rows: Array<Array<string | number | null>> = [];
  const formats: string[][] = [];
  const row = (cells: Array<string | number | null>, fmt: string[] = []) => {
    rows.push([...cells, ...Array<null>(WIDTH - cells.length).fill(null)]);
    formats.push([...fmt, ...Array<string>(WIDTH - fmt.length).fill('General')]);
  };

  row([t('dashboardTitle')]);
  row([t('dashboardAsOf'), `=IFERROR(MAX(${dates}),"")`], ['General', 'yyyy-mm-dd']);
  row([]);
  row([
    t('dashboardKpi'),
    t('dashboardLatest'),
    t('dashboardDate'),
    t('dashboardTarget'),
    t('dashboardDirection'),
    t('dashboardStatus'),
    t('dashboardTrend'),
  ]);
  for (const field of KPI_FIELDS) {
    const r = rows.length + 1;
    const values = col(c.kpi[field.key]);
    const lower = lowerIsBetterFormula(c.targets, field);
    const direction = language === 'ja' ? ['低いほど良い', '高いほど良い'] : ['lower is better', 'higher is better'];
    row(
      [
        field.label[language],
        `=IFERROR(INDEX(FILTER(${values},ISNUMBER(${values})),COUNT(${values})),"")`,
        `=IFERROR(INDEX(FILTER(${dates},ISNUMBER(${values})),COUNT(${values})),"")`,
        `=${targetFormula(c.targets, field)}`,
        `=IF(${lower},"↓ ${direction[0]}","↑ ${direction[1]}")`,
        `=IF(OR(B${r}="",D${r}=""),"",IF(IF(${lower},B${r}<=D${r},B${r}>=D${r}),"✅","⚠️"))`,
        `=IFERROR(SPARKLINE(FILTER(${values},ISNUMBER(${values}),${dates}>MAX(${dates})-30),{"charttype","line"}),"")`,
      ],
      ['General', kpiNumberFormat(field.kind), 'yyyy-mm-dd', kpiNumberFormat(field.kind)],
    );
  }
  row([]);
  const doraTitleRow = rows.length + 1;
  row([doraText('title', language), doraText('value', language), doraText('level', language)]);
  const g = sheetRef('GitHub Metrics');
  const gm = c.githubMetrics;
  const current = (letter: string) => `INDEX(${g}!${letter}2:${letter},MATCH("${DORA_CURRENT_PERIOD}",${g}!${gm.period}2:${gm.period},0))`;
  const levelName = (letter: string) => {
    const v = current(letter);
    const names = (['elite', 'high', 'medium', 'low'] as const).map((l) => [l, DORA_LEVEL_LABEL[l][language]] as const);
    const nested = names.reduceRight((otherwise, [l, name]) => `IF(${v}="${l}","${name}",${otherwise})`, '""');
    return `=IFERROR(${nested},"")`;
  };
  const doraRows = [
    ['deploymentFrequency', gm.deployments, gm.deployFrequencyLevel, '0'],
    ['leadTime', gm.leadTime, gm.leadTimeLevel, '0.0'],
    ['changeFailureRate', gm.changeFailureRate, gm.changeFailureLevel, '0%'],
    ['timeToRestore', gm.timeToRestore, gm.restoreLevel, '0.0'],
  ] as const;
  for (const [id, valueCol, levelCol, format] of doraRows) {
    row([doraText(id, language), `=IFERROR(${current(valueCol)},"")`, levelName(levelCol)], ['General', format]);
  }
  row([]);
  const d = sheetRef('Daily Reports');
  const m = sheetRef('Members');
  const today = 'TODAY()';
  row([t('dashboardToday'), `=${today}`], ['General', 'yyyy-mm-dd']);
  row([
    t('dashboardParticipation'),
    `=COUNTIF(${d}!${c.reports.date}2:${c.reports.date},${today})&" / "&COUNTIF(${m}!${c.members.active}2:${c.members.active},TRUE)`,
  ]);
  row([
    t('dashboardMissing'),
    `=IFERROR(TEXTJOIN(", ",TRUE,FILTER(${m}!${c.members.name}2:${c.members.name},${m}!${c.members.active}2:${c.members.active}=TRUE,COUNTIF(IF(${d}!${c.reports.date}2:${c.reports.date}=${today},${d}!${c.reports.member}2:${c.reports.member},""),${m}!${c.members.name}2:${c.members.name})=0)),"")`,
  ]);
  row([]);
  const b = sheetRef('Blockers');
  const bc = (letter: string) => `${b}!${letter}2:${letter}`;
  const open = `(${bc(c.blockers.id)}<>"")*(${bc(c.blockers.resolvedAt)}="")*(REGEXMATCH(LOWER(${bc(c.blockers.status)}&""),"${CLOSED}")=FALSE)`;
  row([t('dashboardOpenBlockers'), `=SUMPRODUCT(${open})`]);
  row([t('dashboardBlockerMember'), t('dashboardBlockerDescription'), t('dashboardBlockerOpened')]);
  const listRow = rows.length + 1;
  row(
    [
      `=IFERROR(FILTER(${bc(c.blockers.member)},${open}),"")`,
      `=IFERROR(FILTER(${bc(c.blockers.description)},${open}),"")`,
      `=IFERROR(FILTER(${bc(c.blockers.openedAt)},${open}),"")`,
    ],
    ['General', 'General', 'yyyy-mm-dd hh:mm'],
  );

  const p = c.kpiPositions;
  const charts: ChartSpec[] = [
    {
      title: t('dashboardChartRates'),
      sourceSheet: 'KPI Tracking',
      columns: [p.date, p.overallProgress, p.taskCompletionRate, p.deploySuccessRate],
      anchor: { row: 1, col: WIDTH + 2 },
      width: 640,
      height: 300,
      vAxisFormat: '0%',
    },
    {
      title: t('dashboardChartScores'),
      sourceSheet: 'KPI Tracking',
      columns: [p.date, p.qualityScore, p.teamSatisfaction],
      anchor: { row: 17, col: WIDTH + 2 },
      width: 640,
      height: 300,
    },
  ];
  return {
    cells: rows,
    formats,
    title: { row: 1, col: 1, numRows: 1, numCols: WIDTH },
    bands: [
      { row: 4, col: 1, numRows: 1, numCols: WIDTH },
      { row: doraTitleRow, col: 1, numRows: 1, numCols: 3 },
      { row: listRow - 1, col: 1, numRows: 1, numCols: 3 },
    ],
    blockerList: { row: listRow, openedCol: 3 },
    charts,
  };
}
