import type { DocBlock, ReportDocument, Span } from './weeklyDocument';

/**
 * The report in Confluence's storage format (XHTML). Every piece of text from people and GitHub is escaped as XML
 * character data, so `<script>` or a `]]>` in a PR title stays text: nothing here opens a CDATA section or a macro.
 */
export function xmlText(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // Characters XML 1.0 forbids (control characters other than tab, newline, return) would make the page invalid.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

function spans(list: readonly Span[]): string {
  return list
    .map((s) => {
      const text = s.bold ? `<strong>${xmlText(s.text)}</strong>` : xmlText(s.text);
      return s.url ? `<a href="${xmlText(s.url)}">${text}</a>` : text;
    })
    .join('');
}

function render(b: DocBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${xmlText(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${spans(b.spans)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${spans(i)}</li>`).join('')}</ul>`;
    case 'table':
      return (
        `<table><tbody><tr>${b.header.map((h) => `<th>${xmlText(h)}</th>`).join('')}</tr>` +
        b.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th>${xmlText(c)}</th>` : `<td>${xmlText(c)}</td>`)).join('')}</tr>`).join('') +
        `</tbody></table>`
      );
  }
}

export function confluenceStorage(doc: ReportDocument): string {
  return doc.blocks.map(render).join('');
}
