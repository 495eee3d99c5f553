import type { DocBlock, ReportDocument, Span } from './weeklyDocument';

/**
 * The report as Notion blocks and properties (Notion API 2025-09-03). Shapes follow Notion's block objects; the
 * limits are Notion's: a rich text's `content` at most 2,000 characters, a link at most 2,000, at most 100
 * rich-text items in an array, at most 100 blocks in one request (a table's rows counted with it).
 */
export const NOTION_TEXT_MAX = 2000;
export const NOTION_BLOCKS_PER_REQUEST = 100;
const RICH_TEXT_ITEMS_MAX = 100;

export interface NotionRichText {
  type: 'text';
  text: { content: string; link?: { url: string } | null };
  annotations?: { bold?: boolean };
}

export type NotionBlock = Record<string, unknown> & { object: 'block'; type: string };

/** Text cut into items of at most 2,000 characters (UTF-16 units, as Notion counts), never splitting a surrogate pair. */
export function richText(spans: readonly Span[]): NotionRichText[] {
  const out: NotionRichText[] = [];
  for (const span of spans) {
    const pieces: string[] = [];
    let piece = '';
    for (const ch of span.text) {
      if (piece.length + ch.length > NOTION_TEXT_MAX) {
        pieces.push(piece);
        piece = '';
      }
      piece += ch;
    }
    if (piece !== '') pieces.push(piece);
    for (const content of pieces) {
      const item: NotionRichText = { type: 'text', text: { content } };
      if (span.url && span.url.length <= NOTION_TEXT_MAX) item.text.link = { url: span.url };
      if (span.bold) item.annotations = { bold: true };
      out.push(item);
    }
  }
  if (out.length <= RICH_TEXT_ITEMS_MAX) return out;
  // Past 100 items the rest is joined, unlinked, into the last one, as much as 2,000 characters hold.
  const kept = out.slice(0, RICH_TEXT_ITEMS_MAX - 1);
  const rest = out
    .slice(RICH_TEXT_ITEMS_MAX - 1)
    .map((r) => r.text.content)
    .join('');
  return [...kept, { type: 'text', text: { content: richText([{ text: rest }])[0]?.text.content ?? '' } }];
}

function block(type: string, body: Record<string, unknown>): NotionBlock {
  return { object: 'block', type, [type]: body };
}

export function notionBlocks(doc: ReportDocument): NotionBlock[] {
  return doc.blocks.flatMap((b) => toNotion(b));
}

function toNotion(b: DocBlock): NotionBlock[] {
  switch (b.kind) {
    case 'heading':
      return [block(b.level === 2 ? 'heading_2' : 'heading_3', { rich_text: richText([{ text: b.text }]) })];
    case 'paragraph':
      return [block('paragraph', { rich_text: richText(b.spans) })];
    case 'list':
      return b.items.map((item) => block('bulleted_list_item', { rich_text: richText(item) }));
    case 'table': {
      const width = b.header.length;
      const row = (cells: readonly string[], bold: boolean) =>
        block('table_row', { cells: Array.from({ length: width }, (_, i) => richText([{ text: cells[i] ?? '', bold }])) });
      // A table and its rows travel in one request: rows beyond what fits are a second table under the first.
      const rows = b.rows.map((r) => row(r, false));
      const tables: NotionBlock[] = [];
      const perTable = NOTION_BLOCKS_PER_REQUEST - 2;
      for (let i = 0; i === 0 || i < rows.length; i += perTable) {
        tables.push(
          block('table', {
            table_width: width,
            has_column_header: true,
            has_row_header: true,
            children: [row(b.header, true), ...rows.slice(i, i + perTable)],
          }),
        );
      }
      return tables;
    }
  }
}

/** How many blocks a block counts for in one request: itself and its children. */
export function blockWeight(b: NotionBlock): number {
  const body = b[b.type] as { children?: unknown[] } | undefined;
  return 1 + (body?.children?.length ?? 0);
}

/** The blocks in requests of at most 100, in order. */
export function notionBatches(blocks: readonly NotionBlock[]): NotionBlock[][] {
  const batches: NotionBlock[][] = [];
  let current: NotionBlock[] = [];
  let weight = 0;
  for (const b of blocks) {
    const w = blockWeight(b);
    if (current.length > 0 && weight + w > NOTION_BLOCKS_PER_REQUEST) {
      batches.push(current);
      current = [];
      weight = 0;
    }
    current.push(b);
    weight += w;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The properties a report page sets in a database, by name; the title property is whatever the data source calls
 * its title. Names are the `KPI Tracking` headers, so a person reading both sees the same words.
 */
export const NOTION_PROPERTIES = {
  week: { name: 'Week', type: 'rich_text' },
  start: { name: 'Start', type: 'date' },
  end: { name: 'End', type: 'date' },
  overallProgress: { name: 'Overall Progress', type: 'number', format: 'percent' },
  quality: { name: 'Quality Score', type: 'number', format: 'number' },
  satisfaction: { name: 'Team Satisfaction', type: 'number', format: 'number' },
  blockers: { name: 'Blockers Count', type: 'number', format: 'number' },
} as const;

export function notionPropertyValues(doc: ReportDocument, titleProperty: string): Record<string, unknown> {
  const f = doc.facts;
  const num = (v: number | null) => ({ number: v });
  return {
    [titleProperty]: { title: richText([{ text: doc.title }]) },
    [NOTION_PROPERTIES.week.name]: { rich_text: richText([{ text: f.week }]) },
    [NOTION_PROPERTIES.start.name]: { date: { start: f.start } },
    [NOTION_PROPERTIES.end.name]: { date: { start: f.end } },
    [NOTION_PROPERTIES.overallProgress.name]: num(f.overallProgress),
    [NOTION_PROPERTIES.quality.name]: num(f.quality),
    [NOTION_PROPERTIES.satisfaction.name]: num(f.satisfaction),
    [NOTION_PROPERTIES.blockers.name]: num(f.blockers),
  };
}

/** The schema of the properties a data source lacks, for one update of the data source. */
export function missingNotionProperties(existing: Readonly<Record<string, { type?: unknown }>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of Object.values(NOTION_PROPERTIES)) {
    if (existing[p.name]) continue;
    out[p.name] = p.type === 'number' ? { number: { format: p.format } } : { [p.type]: {} };
  }
  return out;
}

/** A Notion id from an id or a page/database URL (32 hex digits, dashed or not), or null. */
export function notionId(text: string): string | null {
  const hex = /([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})(?:[?#].*)?$/i.exec(text.trim().replace(/\/+$/, ''))?.[1];
  if (!hex) return null;
  const h = hex.replace(/-/g, '').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
