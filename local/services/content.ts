import type { ServiceFactory } from '../runtime/api';
import { makeBlob } from './blob';
import { countedAs } from './counted';
import { emulated, enumMember, enumObject } from './implemented';

type TextOutput = GoogleAppsScript.Content.TextOutput;

/** ContentService.MimeType: each value is its own name, which webapp.ts maps to the HTTP type. */
const MIME_TYPES: Record<string, string> = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'application/xml',
};

export const contentService: ServiceFactory = (exec) => {
  const MimeType = exec.realm.toScript(Object.fromEntries(Object.keys(MIME_TYPES).map((k) => [k, k])));

  const createTextOutput = (initial?: unknown) => {
    let content = initial === undefined || initial === null ? '' : String(initial);
    let mimeType = 'TEXT';
    let fileName: string | null = null;
    // Not counted: building the output is local; only the service's own entry points are calls.
    const output: TextOutput = emulated<TextOutput>(
      'TextOutput',
      {
        append(text: unknown) {
          content += String(text);
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
        getMimeType: () => enumMember<GoogleAppsScript.Content.MimeType>(mimeType),
        setMimeType(type: unknown) {
          const name = String(type);
          if (!(name in MIME_TYPES)) throw exec.realm.exception('Invalid argument: mimeType');
          mimeType = name;
          return output;
        },
        downloadAsFile(name: unknown) {
          fileName = String(name);
          return output;
        },
        // null until downloadAsFile, as Apps Script answers; the typings say string.
        getFileName: () => fileName as string,
        // The runtime has answered these since before it was typed; @types/google-apps-script does not declare
        // them on TextOutput, so nothing checks them.
        ...{
          getAs: (type: unknown) => makeBlob(exec, { bytes: Buffer.from(content, 'utf8'), contentType: String(type), name: fileName }),
          getBlob: () => makeBlob(exec, { bytes: Buffer.from(content, 'utf8'), contentType: MIME_TYPES[mimeType] ?? 'text/plain', name: fileName }),
        },
        toString: () => 'TextOutput',
      },
      exec,
    );
    return output;
  };

  const ContentService = countedAs<GoogleAppsScript.Content.ContentService>(exec, 'ContentService', {
    MimeType: enumObject<typeof GoogleAppsScript.Content.MimeType>(MimeType),
    createTextOutput,
    toString: () => 'ContentService',
  });
  return { ContentService };
};
