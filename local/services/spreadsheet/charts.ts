import { emulated, enumMember, qualifiedA1Of, refFromA1, refOf, type Ctx, type Implemented } from './context';
import type { ChartData } from './model';

/**
 * Embedded charts are definitions only (type, ranges, position, options); nothing is drawn. A chart built but
 * not inserted has id 0; insertChart gives it one, and modify().build() keeps it so updateChart can find it.
 */
const charts = new WeakMap<object, { data: ChartData; sheetId: number }>();

export function chartOf(obj: unknown): { data: ChartData; sheetId: number } | undefined {
  return obj !== null && typeof obj === 'object' ? charts.get(obj) : undefined;
}

function clone(data: ChartData): ChartData {
  return JSON.parse(JSON.stringify(data)) as ChartData;
}

/** Option values are plain data; the script's objects are copied out of its realm. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type EmbeddedChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type ContainerInfo = GoogleAppsScript.Spreadsheet.ContainerInfo;

export function chartObject(ctx: Ctx, source: ChartData, sheetId: number): EmbeddedChart {
  const data = clone(source);
  const target = {
    // Apps Script answers these; @types/google-apps-script does not declare them, so nothing checks them.
    ...{ getId: () => (data.id === 0 ? null : `u${data.id}`), isInitialized: () => true },
    getChartId: () => (data.id === 0 ? null : data.id),
    getRanges: () =>
      ctx.realmArray(
        data.ranges.flatMap((a1) => {
          const ref = refFromA1(ctx, a1);
          return ref ? [ctx.make.range(ref)] : [];
        }),
      ),
    getOptions: () =>
      emulated<GoogleAppsScript.Charts.ChartOptions>(
        'ChartOptions',
        {
          get: (key: unknown) => ctx.exec.realm.toScript(data.options[String(key)] ?? null),
          // Apps Script answers getOrDefault; @types/google-apps-script does not declare it, so nothing checks it.
          ...{ getOrDefault: (key: unknown) => ctx.exec.realm.toScript(data.options[String(key)] ?? null) },
        },
        ctx.exec,
      ),
    getContainerInfo: () => containerInfo(ctx, data),
    getHiddenDimensionStrategy: () => enumMember<GoogleAppsScript.Charts.ChartHiddenDimensionStrategy>(data.hiddenDimensionStrategy ?? 'IGNORE_BOTH'),
    getMergeStrategy: () => enumMember<GoogleAppsScript.Charts.ChartMergeStrategy>(data.mergeStrategy ?? 'MERGE_COLUMNS'),
    getNumHeaders: () => data.numHeaders ?? -1,
    getTransposeRowsAndColumns: () => data.transpose ?? false,
    modify: () => chartBuilder(ctx, sheetId, data),
  } satisfies Implemented<EmbeddedChart>;
  const obj = emulated<EmbeddedChart>('EmbeddedChart', target, ctx.exec);
  charts.set(obj, { data, sheetId });
  return obj;
}

function containerInfo(ctx: Ctx, data: ChartData): ContainerInfo {
  return emulated<ContainerInfo>(
    'ContainerInfo',
    {
      getAnchorRow: () => data.position.row,
      getAnchorColumn: () => data.position.column,
      getOffsetX: () => data.position.offsetX,
      getOffsetY: () => data.position.offsetY,
    },
    ctx.exec,
  );
}

const AS_TYPES: Record<string, string> = {
  asAreaChart: 'AREA',
  asBarChart: 'BAR',
  asColumnChart: 'COLUMN',
  asComboChart: 'COMBO',
  asHistogramChart: 'HISTOGRAM',
  asLineChart: 'LINE',
  asPieChart: 'PIE',
  asScatterChart: 'SCATTER',
  asTableChart: 'TABLE',
};

/** Sheet.newChart() and EmbeddedChart.modify(). */
export function chartBuilder(ctx: Ctx, sheetId: number, from?: ChartData): EmbeddedChartBuilder {
  const data: ChartData = from
    ? clone(from)
    : { id: 0, type: 'LINE', ranges: [], position: { row: 1, column: 1, offsetX: 0, offsetY: 0 }, options: {} };
  let self: EmbeddedChartBuilder;
  const set = (fn: () => void): EmbeddedChartBuilder => {
    fn();
    return self;
  };
  const option = (key: string, value: unknown): EmbeddedChartBuilder => set(() => (data.options[key] = plain(value)));
  const target = {
    addRange: (range: unknown) => set(() => data.ranges.push(qualifiedA1Of(ctx, refOf(ctx, range, 'EmbeddedChartBuilder.addRange')))),
    removeRange: (range: unknown) =>
      set(() => {
        const a1 = qualifiedA1Of(ctx, refOf(ctx, range, 'EmbeddedChartBuilder.removeRange'));
        data.ranges = data.ranges.filter((r) => r !== a1);
      }),
    clearRanges: () => set(() => (data.ranges = [])),
    getRanges: () =>
      ctx.realmArray(
        data.ranges.flatMap((a1) => {
          const ref = refFromA1(ctx, a1);
          return ref ? [ctx.make.range(ref)] : [];
        }),
      ),
    setChartType: (type: unknown) => set(() => (data.type = String(type))),
    getChartType: () => enumMember<GoogleAppsScript.Charts.ChartType>(data.type),
    setPosition: (row: unknown, column: unknown, offsetX: unknown, offsetY: unknown) =>
      set(() => (data.position = { row: Number(row), column: Number(column), offsetX: Number(offsetX ?? 0), offsetY: Number(offsetY ?? 0) })),
    getContainer: () => containerInfo(ctx, data),
    setOption: (key: unknown, value: unknown) => option(String(key), value),
    setHiddenDimensionStrategy: (s: unknown) => set(() => (data.hiddenDimensionStrategy = String(s))),
    setMergeStrategy: (s: unknown) => set(() => (data.mergeStrategy = String(s))),
    setNumHeaders: (n: unknown) => set(() => (data.numHeaders = Number(n))),
    setTransposeRowsAndColumns: (b: unknown) => set(() => (data.transpose = Boolean(b))),
    build: () => chartObject(ctx, data, sheetId),
  } satisfies Implemented<EmbeddedChartBuilder>;
  // asLineChart() and its kind turn the builder into a typed one in place, which no static type follows.
  const dynamic = target as Record<string, unknown>;
  // The typed builders (asLineChart() …) add setters that are shorthands for chart options; the plain
  // EmbeddedChartBuilder has none of them, as in Apps Script.
  const typedSetters: Record<string, (...args: never[]) => unknown> = {
    setTitle: (t: unknown) => option('title', t),
    setXAxisTitle: (t: unknown) => option('hAxis.title', t),
    setYAxisTitle: (t: unknown) => option('vAxis.title', t),
    setLegendPosition: (p: unknown) => option('legend.position', String(p).toLowerCase()),
    setStacked: () => option('isStacked', true),
    setColors: (c: unknown) => option('colors', c),
    setBackgroundColor: (c: unknown) => option('backgroundColor', c),
    setDimensions: (w: unknown, h: unknown) => set(() => ((data.options['width'] = Number(w)), (data.options['height'] = Number(h)))),
    setRange: (min: unknown, max: unknown) =>
      set(() => ((data.options['vAxis.viewWindow.min'] = Number(min)), (data.options['vAxis.viewWindow.max'] = Number(max)))),
    setCurveStyle: (s: unknown) => option('curveType', String(s) === 'SMOOTH' ? 'function' : 'none'),
    setPointStyle: (s: unknown) => option('pointSize', { NONE: 0, TINY: 1, MEDIUM: 3, LARGE: 7, HUGE: 14 }[String(s)] ?? 3),
    useLogScale: () => option('vAxis.logScale', true),
    set3D: () => option('is3D', true),
    reverseCategories: () => option('hAxis.direction', -1),
  };
  for (const [method, type] of Object.entries(AS_TYPES)) {
    dynamic[method] = () =>
      set(() => {
        data.type = type;
        Object.assign(target, typedSetters);
      });
  }
  self = emulated<EmbeddedChartBuilder>('EmbeddedChartBuilder', target, ctx.exec);
  return self;
}
