import { escapeHtml } from '../domain/html';
import type { Language } from '../domain/messages';
import { publishText } from '../domain/publish/messages';
import { printableHtml } from '../domain/publish/printable';
import { weeklyKpiCsv } from '../domain/publish/weeklyCsv';
import type { AttachmentMaker, MailAttachment } from '../platform/attachments';
import type { WeeklyReportData } from '../domain/reports/weeklyReport';

/** The built report as far as its files need it (structural: the weekly report's use case imports this file). */
interface BuiltReport {
  week: string;
  subject: string;
  html: string;
  text: string;
  data: WeeklyReportData;
}

/** MailApp takes at most 25 MB of attachments a message (Apps Script quotas: "Email attachments"). */
export const MAIL_ATTACHMENTS_MAX_BYTES = 25 * 1024 * 1024;

export interface WeeklyAttachments {
  files: MailAttachment[];
  /** Lines the email carries about its files: why one is missing. */
  notes: string[];
  failed: boolean;
}

/** A file of the weekly email could not be made or attached; the email went without it. */
export class AttachmentError extends Error {
  override readonly name = 'AttachmentError';
}

export interface AttachmentDeps {
  maker: AttachmentMaker;
  language: Language;
  /** Records what went wrong in `Errors` while the email still goes. */
  onFailure: (error: AttachmentError) => void;
  maxBytes?: number;
}

/**
 * The report as a PDF made from the email's own HTML, and the week's KPI rows as CSV. Each file that cannot be made
 * (a conversion error, a size over MailApp's limit) is left out with a line saying why; the email always goes.
 */
export function weeklyAttachments(report: BuiltReport, deps: AttachmentDeps): WeeklyAttachments {
  const { language } = deps;
  const files: MailAttachment[] = [];
  const notes: string[] = [];
  const fail = (file: string, reason: string) => {
    notes.push(publishText('attachmentFailed', language, { file, reason }));
    deps.onFailure(new AttachmentError(`${file}: ${reason}`));
  };
  const pdfName = `shinchoku-weekly-${report.week}.pdf`;
  const csvName = `shinchoku-kpi-${report.week}.csv`;
  try {
    files.push(deps.maker.pdfFromHtml(printableHtml(report.html, report.subject, language), pdfName));
  } catch (error) {
    fail(pdfName, error instanceof Error ? error.message : String(error));
  }
  try {
    files.push(deps.maker.text(weeklyKpiCsv(report.data.week.days, report.data.kpiRows), csvName, 'text/csv'));
  } catch (error) {
    fail(csvName, error instanceof Error ? error.message : String(error));
  }
  // Over the limit, the largest files go first: the CSV is small and holds the figures.
  const max = deps.maxBytes ?? MAIL_ATTACHMENTS_MAX_BYTES;
  files.sort((a, b) => a.size - b.size);
  let total = 0;
  const kept: MailAttachment[] = [];
  for (const f of files) {
    if (total + f.size > max) {
      fail(
        f.name,
        publishText('attachmentTooLarge', language, {
          size: (f.size / 1024 / 1024).toFixed(1),
          limit: Math.round(max / 1024 / 1024),
        }),
      );
      continue;
    }
    total += f.size;
    kept.push(f);
  }
  // Files that are there need no words (the mail client lists them), so the email reads as its preview does.
  return { files: kept, notes, failed: notes.length > 0 };
}

/** The email with the lines about missing files at the top: in the plain text, and above the report's card in the HTML. */
export function withAttachmentNotes(report: BuiltReport, files: WeeklyAttachments): { text: string; html: string } {
  if (files.notes.length === 0) return { text: report.text, html: report.html };
  const text = `${files.notes.join('\n')}\n\n${report.text}`;
  // A table of the card's width, as the report lays itself out: Gmail honours neither auto margins nor max-width alone.
  const box =
    `<table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" style="width:600px;max-width:600px;border-collapse:collapse">` +
    `<tr><td style="font-family:sans-serif;font-size:13px;line-height:20px;color:#8a4b00;background-color:#fef7e0;padding:8px 12px">${files.notes.map(escapeHtml).join('<br>')}</td></tr></table>`;
  return { text, html: `${box}\n${report.html}` };
}
