import { escapeHtml } from '../html';
import type { Language } from '../messages';

/**
 * The email's HTML as a document to print: the same markup (tables and inline styles, which Google's HTML-to-PDF
 * converter lays out as a browser does), on A4 with a title, and rows kept whole across pages.
 */
export function printableHtml(bodyHtml: string, title: string, language: Language): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`,
    '<style>@page{size:A4;margin:12mm}body{margin:0;-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{page-break-inside:avoid;break-inside:avoid}</style>',
    `</head><body>${bodyHtml}</body></html>`,
  ].join('\n');
}
