/**
 * BigQuery standard SQL → DuckDB, as far as the README's queries (and queries like them) need: table names in
 * backticks, and the few functions whose spelling differs. Anything else is passed through: DuckDB reads most of
 * standard SQL the same way (SELECT, WHERE, GROUP BY an alias, ORDER BY, COUNT/SUM/AVG/ROUND, QUALIFY, window
 * functions), and a query it cannot read fails with DuckDB's message.
 */

export interface TableRef {
  projectId: string;
  datasetId: string;
  tableId: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** An argument list's end: the index of the parenthesis that closes the one at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  let inString: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      if (c === inString && text[i - 1] !== '\\') inString = null;
      continue;
    }
    if (c === "'" || c === '"') inString = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits an argument list at its top-level commas. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      if (c === inString && text[i - 1] !== '\\') inString = null;
      continue;
    }
    if (c === "'" || c === '"') inString = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((a) => a !== '');
}

type Rewrite = (args: string[]) => string | null;

/**
 * Functions spelt differently: `DATE(ts, 'Asia/Tokyo')` (a TIMESTAMP's day in a time zone), `DATE(ts)` (its UTC
 * day), `CURRENT_DATE('tz')`, `DATE_SUB`/`DATE_ADD(d, INTERVAL n DAY)`, `TIMESTAMP_TRUNC(ts, DAY)`, `SAFE_DIVIDE`.
 */
const FUNCTIONS: Readonly<Record<string, Rewrite>> = {
  DATE: (args) => (args.length === 2 ? `CAST(timezone(${args[1]}, ${args[0]}) AS DATE)` : args.length === 1 ? `CAST(${args[0]} AS DATE)` : null),
  CURRENT_DATE: (args) => (args.length === 1 ? `CAST(timezone(${args[0]}, now()) AS DATE)` : `current_date`),
  DATE_SUB: (args) => (args.length === 2 ? `CAST((${args[0]}) - ${args[1]} AS DATE)` : null),
  DATE_ADD: (args) => (args.length === 2 ? `CAST((${args[0]}) + ${args[1]} AS DATE)` : null),
  TIMESTAMP_TRUNC: (args) => (args.length === 2 ? `date_trunc('${String(args[1]).toLowerCase()}', ${args[0]})` : null),
  SAFE_DIVIDE: (args) => (args.length === 2 ? `(CAST(${args[0]} AS DOUBLE) / NULLIF(${args[1]}, 0))` : null),
};

function rewriteFunctions(sql: string): string {
  let out = '';
  let i = 0;
  const pattern = /\b([A-Z_]+)\s*\(/gi;
  for (;;) {
    pattern.lastIndex = i;
    const m = pattern.exec(sql);
    if (!m) break;
    const name = (m[1] as string).toUpperCase();
    const open = m.index + m[0].length - 1;
    const rewrite = FUNCTIONS[name];
    const close = rewrite ? closing(sql, open) : -1;
    if (!rewrite || close < 0) {
      out += sql.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    const args = splitArgs(rewriteFunctions(sql.slice(open + 1, close)));
    const replaced = rewrite(args);
    out += sql.slice(i, m.index) + (replaced ?? `${m[1]}(${args.join(', ')})`);
    i = close + 1;
  }
  return out + sql.slice(i);
}

/** The query for DuckDB, and the tables it names (so unknown ones get BigQuery's "Not found"). */
export function bigQueryToDuckDb(sql: string, defaultProject: string): { text: string; tables: TableRef[] } {
  const tables: TableRef[] = [];
  const named = sql.replace(/`([^`]+)`/g, (_all, inner: string) => {
    const parts = inner.split('.');
    if (parts.length === 1) return quote(inner);
    const [projectId, datasetId, tableId] =
      parts.length === 3 ? (parts as [string, string, string]) : [defaultProject, parts[0] as string, parts[1] as string];
    tables.push({ projectId, datasetId, tableId });
    return `${quote(`${projectId}.${datasetId}`)}.${quote(tableId)}`;
  });
  return { text: rewriteFunctions(named), tables };
}
