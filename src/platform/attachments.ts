/**
 * Files made inside Apps Script for an email. A PDF is made the way Apps Script makes one from HTML: a `text/html`
 * blob converted with `getAs('application/pdf')` (Google lays the page out and prints it; remote images and
 * scripts are not loaded, CSS is what its converter supports). It can fail — Google answers a conversion error —
 * and the caller decides what the email says then.
 */
export interface MailAttachment {
  name: string;
  contentType: string;
  size: number;
  /** The blob MailApp takes; opaque above this layer. */
  readonly blob: unknown;
}

export interface AttachmentMaker {
  pdfFromHtml(html: string, fileName: string): MailAttachment;
  text(text: string, fileName: string, contentType: string): MailAttachment;
}

export function appsScriptAttachments(): AttachmentMaker {
  const wrap = (blob: GoogleAppsScript.Base.Blob, name: string): MailAttachment => {
    blob.setName(name);
    return { name, contentType: blob.getContentType() ?? '', size: blob.getBytes().length, blob };
  };
  return {
    pdfFromHtml: (html, fileName) =>
      wrap(Utilities.newBlob(html, 'text/html', fileName.replace(/\.pdf$/i, '.html')).getAs('application/pdf'), fileName),
    text: (text, fileName, contentType) => wrap(Utilities.newBlob(text, contentType, fileName), fileName),
  };
}

/** Apps Script's only way to wait: Utilities.sleep (a rate limit's Retry-After, a pause between requests). */
export function sleep(ms: number): void {
  if (ms > 0) Utilities.sleep(ms);
}

export function base64(text: string): string {
  return Utilities.base64Encode(text, Utilities.Charset.UTF_8);
}
