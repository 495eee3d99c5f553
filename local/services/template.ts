import * as vm from 'node:vm';
import type { Execution } from '../runtime/execution';

/**
 * HtmlTemplate scriptlets: `<? code ?>` runs, `<?= expr ?>` prints HTML-escaped, `<?!= expr ?>` prints raw.
 * The generated function runs in the script's realm, with the template's properties as variables (a `with`
 * scope, as Apps Script's own generated code does) and `output` as the HtmlOutput being built.
 */
export function compileTemplate(source: string): string {
  const lines: string[] = [];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > last) lines.push(`__print(${JSON.stringify(source.slice(last, m.index))});`);
    const body = (m[2] ?? '').trim().replace(/;+\s*$/, '');
    if (m[1] === '=') lines.push(`__print(__escape(${body}));`);
    else if (m[1] === '!=') lines.push(`__print(${body});`);
    else lines.push(m[2] ?? '');
    last = re.lastIndex;
  }
  if (last < source.length) lines.push(`__print(${JSON.stringify(source.slice(last))});`);
  return lines.join('\n');
}

export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

/** Runs compiled template code; `vars` become variables, `print` receives each printed piece in order. */
export function runTemplate(exec: Execution, code: string, vars: Record<string, unknown>, output: object, print: (text: string) => void): void {
  const fn = vm.runInContext(`(function (__vars, output, __print, __escape) { with (__vars) {\n${code}\n} })`, exec.realm.context, {
    filename: 'template.html',
  }) as (v: object, o: object, p: (x: unknown) => void, e: (x: unknown) => string) => void;
  const scope = new exec.realm.Object() as Record<string, unknown>;
  for (const [k, v] of Object.entries(vars)) scope[k] = v;
  fn(scope, output, (x) => print(x === undefined || x === null ? '' : String(x)), escapeHtml);
}
