// Prints the text of a PDF (path in argv[2]) as JSON: one string per page. Run as a child process because pdfjs-dist
// is an ES module and jest runs the tests as CommonJS.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// Japanese text is set in CID fonts: their character maps turn glyphs back into text.
const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await getDocument({
  data,
  cMapUrl: `${root}/cmaps/`,
  cMapPacked: true,
  standardFontDataUrl: `${root}/standard_fonts/`,
  useSystemFonts: false,
  isEvalSupported: false,
  verbosity: 0,
}).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
process.stdout.write(JSON.stringify({ pages, info: (await doc.getMetadata()).info }));
