import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceFactory } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import { blobData, makeBlob } from './blob';
import { countedAs } from './counted';
import { emulated, enumObject, type Implemented } from './implemented';
import { signatureError } from './signature';
import { compileTemplate, escapeHtml, runTemplate } from './template';

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type HtmlTemplate = GoogleAppsScript.HTML.HtmlTemplate;

const SANDBOX_MODES = ['EMULATED', 'IFRAME', 'NATIVE'];
const XFRAME_MODES = ['ALLOWALL', 'DEFAULT'];

/** The project's HTML files sit next to Code.js in the build directory (LOCAL_BUILD_DIR, else ./build). */
function buildDir(): string {
  return path.resolve(process.env['LOCAL_BUILD_DIR'] || 'build');
}

function readProjectFile(exec: Execution, name: unknown): string {
  const base = String(name);
  const candidates = [path.join(buildDir(), `${base}.html`), ...(base.endsWith('.html') ? [path.join(buildDir(), base)] : [])];
  for (const file of candidates) if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  throw exec.realm.exception(`No HTML file named ${base} was found.`);
}

export const htmlService: ServiceFactory = (exec) => {
  const realm = exec.realm;

  /** `raw` receives a function that appends without counting a call (for template printing). */
  const htmlOutput = (initial: string, raw?: (append: (text: string) => void) => void): HtmlOutput => {
    let content = initial;
    raw?.((text) => {
      content += text;
    });
    let title = '';
    let width: number | null = null;
    let height: number | null = null;
    let favicon: string | null = null;
    const metas: Array<{ name: string; content: string }> = [];
    // Outputs and templates are local objects: not counted as service calls.
    const output: HtmlOutput = emulated<HtmlOutput>(
      'HtmlOutput',
      {
        append(text: unknown) {
          content += String(text);
          return output;
        },
        appendUntrusted(text: unknown) {
          content += escapeHtml(text);
          return output;
        },
        clear() {
          content = '';
          return output;
        },
        getContent: () => content,
        setContent(text: unknown) {
          content = String(text);
          return output;
        },
        getTitle: () => title,
        setTitle(t: unknown) {
          title = String(t);
          return output;
        },
        // Unset sizes and favicon answer null, as the runtime always has (ui.ts relies on it); the typings leave null out.
        getWidth: () => width as number,
        setWidth(w: unknown) {
          width = Math.trunc(Number(w));
          return output;
        },
        getHeight: () => height as number,
        setHeight(h: unknown) {
          height = Math.trunc(Number(h));
          return output;
        },
        setSandboxMode(mode: unknown) {
          // Only IFRAME exists today; the others are accepted and ignored, as Google does.
          if (!SANDBOX_MODES.includes(String(mode))) throw realm.exception('Invalid argument: mode');
          return output;
        },
        setXFrameOptionsMode(mode: unknown) {
          // Framing is the web server's business, not the content's; nothing local frames pages.
          if (!XFRAME_MODES.includes(String(mode))) throw realm.exception('Invalid argument: mode');
          return output;
        },
        addMetaTag(name: unknown, value: unknown) {
          metas.push({ name: String(name), content: String(value) });
          return output;
        },
        getMetaTags: () =>
          realm.toScript(
            metas.map((m) =>
              emulated<GoogleAppsScript.HTML.HtmlOutputMetaTag>('HtmlOutputMetaTag', { getName: () => m.name, getContent: () => m.content }, exec),
            ),
          ),
        getFaviconUrl: () => favicon as string,
        setFaviconUrl(url: unknown) {
          favicon = String(url);
          return output;
        },
        asTemplate: () => htmlTemplate(content),
        getBlob: () => makeBlob(exec, { bytes: Buffer.from(content, 'utf8'), contentType: 'text/html', name: title || null }),
        getAs: (type: unknown) =>
          makeBlob(exec, { bytes: Buffer.from(content, 'utf8'), contentType: 'text/html', name: title || null }).getAs(String(type)),
        toString: () => 'HtmlOutput',
      },
      exec,
    );
    return output;
  };

  const htmlTemplate = (source: string): HtmlTemplate => {
    const methods = {
      evaluate() {
        let append: (text: string) => void = () => undefined;
        const out = htmlOutput('', (fn) => (append = fn));
        const vars: Record<string, unknown> = {};
        for (const key of Object.keys(template)) if (!ownMethods.has(key)) vars[key] = (template as Record<string, unknown>)[key];
        // Printed pieces and output.append() calls share one buffer, in the order they happen.
        runTemplate(exec, compileTemplate(source), vars, out, (text) => append(text));
        return out;
      },
      getCode: () => compileTemplate(source),
      getCodeWithComments: () => compileTemplate(source),
      getRawContent: () => source,
      toString: () => 'HtmlTemplate',
    } satisfies Implemented<HtmlTemplate>;
    // Properties the script sets on the template land on `methods`; they are the template's variables.
    const ownMethods = new Set(Object.keys(methods));
    const template: HtmlTemplate = emulated<HtmlTemplate>('HtmlTemplate', methods, exec);
    return template;
  };

  const sourceOf = (method: string, args: unknown[], value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    const blob = blobData(value);
    if (blob) return blob.bytes.toString('utf8');
    throw signatureError(exec, method, args);
  };

  const HtmlService = countedAs<GoogleAppsScript.HTML.HtmlService>(exec, 'HtmlService', {
    SandboxMode: enumObject<typeof GoogleAppsScript.HTML.SandboxMode>(realm.toScript(Object.fromEntries(SANDBOX_MODES.map((m) => [m, m])))),
    XFrameOptionsMode: enumObject<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(
      realm.toScript(Object.fromEntries(XFRAME_MODES.map((m) => [m, m]))),
    ),
    createHtmlOutput: (...args: unknown[]) => htmlOutput(sourceOf('HtmlService.createHtmlOutput', args, args[0])),
    createHtmlOutputFromFile: (name: unknown) => htmlOutput(readProjectFile(exec, name)),
    createTemplate: (...args: unknown[]) => htmlTemplate(sourceOf('HtmlService.createTemplate', args, args[0])),
    createTemplateFromFile: (name: unknown) => htmlTemplate(readProjectFile(exec, name)),
    getUserAgent: () => 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
    toString: () => 'HtmlService',
  });
  return { HtmlService };
};
