import * as crypto from 'node:crypto';

/**
 * RFC 5322 / MIME rendering of one sent message, shaped as Gmail shapes what Apps Script sends:
 * multipart/mixed (attachments) ⊃ multipart/alternative (text, html) ⊃ multipart/related (html + inline images).
 */
export interface MimePart {
  contentType: string;
  bytes: Buffer;
  filename?: string;
  contentId?: string;
}

export interface MimeMessage {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  date: string;
  messageId: string;
  text: string;
  html?: string;
  inline: MimePart[];
  attachments: MimePart[];
}

export function renderMessage(m: MimeMessage): string {
  const headers = [
    `From: ${m.from}`,
    m.to.length ? `To: ${m.to.join(', ')}` : undefined,
    m.cc.length ? `Cc: ${m.cc.join(', ')}` : undefined,
    // Kept in the local copy (as Gmail's Sent folder shows it) so tests and people can see who was blind-copied.
    m.bcc.length ? `Bcc: ${m.bcc.join(', ')}` : undefined,
    m.replyTo ? `Reply-To: ${m.replyTo}` : undefined,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${m.date}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
  ].filter((h): h is string => h !== undefined);

  let body = textPart('text/plain', m.text);
  if (m.html !== undefined) {
    let html = textPart('text/html', m.html);
    if (m.inline.length) html = multipart('related', [html, ...m.inline.map((p) => binaryPart(p, 'inline'))]);
    body = multipart('alternative', [body, html]);
  }
  if (m.attachments.length) body = multipart('mixed', [body, ...m.attachments.map((p) => binaryPart(p, 'attachment'))]);
  return `${headers.join('\r\n')}\r\n${body.headers.join('\r\n')}\r\n\r\n${body.content}`;
}

interface Rendered {
  headers: string[];
  content: string;
}

function multipart(subtype: string, parts: Rendered[]): Rendered {
  const boundary = `----=_Part_${crypto.randomBytes(12).toString('hex')}`;
  const content = parts.map((p) => `--${boundary}\r\n${p.headers.join('\r\n')}\r\n\r\n${p.content}\r\n`).join('') + `--${boundary}--\r\n`;
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`], content };
}

function textPart(type: string, text: string): Rendered {
  return {
    headers: [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: quoted-printable'],
    content: quotedPrintable(Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8')),
  };
}

function binaryPart(part: MimePart, disposition: 'inline' | 'attachment'): Rendered {
  const name = part.filename ? `; filename="${encodeWord(part.filename)}"` : '';
  const headers = [
    `Content-Type: ${part.contentType}${part.filename ? `; name="${encodeWord(part.filename)}"` : ''}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: ${disposition}${name}`,
  ];
  if (part.contentId) headers.push(`Content-ID: <${part.contentId}>`, `X-Attachment-Id: ${part.contentId}`);
  return { headers, content: base64Lines(part.bytes) };
}

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** RFC 2045 quoted-printable over UTF-8 bytes, lines at most 76 characters with soft breaks. */
export function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  let line = '';
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0d && bytes[i + 1] === 0x0a) {
      // Trailing whitespace before a hard break must be encoded, or transports may strip it.
      line = line.replace(/[ \t]$/, (ws) => `=${ws.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
      lines.push(line);
      line = '';
      i++;
      continue;
    }
    const printable = (b >= 33 && b <= 126 && b !== 61) || b === 32 || b === 9;
    push(printable ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  lines.push(line.replace(/[ \t]$/, (ws) => `=${ws.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
  return lines.join('\r\n');
}

/**
 * RFC 2047 encoded-words (UTF-8, base64) for header text that is not plain ASCII, split so that no word passes
 * 75 characters and no character's bytes are split between words.
 */
export function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    const next = chunk + ch;
    // 12 = "=?UTF-8?B?" + "?="; base64 grows 4/3.
    if (12 + Math.ceil(Buffer.byteLength(next, 'utf8') / 3) * 4 > 75) {
      words.push(chunk);
      chunk = ch;
    } else {
      chunk = next;
    }
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** RFC 5322 date-time in the given offset, e.g. "Mon, 05 Jan 2026 09:00:00 +0900". */
export function rfc5322Date(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`;
}

/** A display name and address as a header mailbox: `"名前" <a@b>` with the name encoded when needed. */
export function mailbox(address: string, name?: string): string {
  if (!name) return address;
  const display = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeWord(name);
  return `${display} <${address}>`;
}
