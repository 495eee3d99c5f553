import * as fs from 'node:fs';
import { readMail } from '../../local/services/mail';
import { newState, runSnippet } from '../helpers/runtime';

const AT = '2026-01-05T09:00:00+09:00';

/** A tiny MIME reader for the test: headers (unfolded, encoded-words decoded), parts, decoded bodies. */
interface Part {
  headers: Record<string, string>;
  type: string;
  parts: Part[];
  body: Buffer;
}

function parseMime(raw: string): Part {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const rest = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="([^"]+)"/.exec(type)?.[1];
  if (boundary) {
    const sections = rest
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((s) => s.replace(/^\r\n/, '').replace(/\r\n$/, ''));
    return { headers, type, parts: sections.map(parseMime), body: Buffer.alloc(0) };
  }
  const encoding = headers['content-transfer-encoding'];
  const body =
    encoding === 'base64'
      ? Buffer.from(rest.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            rest.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          )
        : Buffer.from(rest, 'utf8');
  return { headers, type, parts: [], body };
}

function decodeWords(text: string): string {
  // Whitespace between two adjacent encoded-words is not part of the text (RFC 2047 §6.2).
  return text.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

describe('GmailApp and MailApp', () => {
  test('a message with a Japanese subject, HTML, an inline image and an attachment is a well-formed .eml', () => {
    const state = newState();
    const code = `function send() {
      var logo = Utilities.newBlob([137, 80, 78, 71, 13, 10, 26, 10], 'image/png', 'logo.png');
      var csv = Utilities.newBlob('date,kpi\\n2026-01-05,0.8\\n', 'text/csv', '週報.csv');
      GmailApp.sendEmail('lead@example.com, "Tanaka" <tanaka@example.jp>', '【週報】2026年第2週の進捗レポート：チーム全体のKPIと主要な課題のまとめ', '本文です。', {
        htmlBody: '<p>進捗 <img src="cid:logo"></p>', inlineImages: { logo: logo }, attachments: [csv],
        name: '進捗ボット', cc: 'pm@example.com', bcc: 'audit@example.com', replyTo: 'team@example.com' });
      return MailApp.getRemainingDailyQuota();
    }`;
    const result = runSnippet(state, code, 'send', { at: AT });
    expect(result.error).toBeUndefined();
    expect(result.value).toBe(100 - 4);
    expect(result.stats.calls['GmailApp']).toEqual({ sendEmail: 1 });
    expect(result.stats.modeledMs).toBe(800 + 500);

    const [sent] = readMail(state);
    expect(sent).toMatchObject({
      to: 'lead@example.com, "Tanaka" <tanaka@example.jp>',
      cc: 'pm@example.com',
      bcc: 'audit@example.com',
      subject: '【週報】2026年第2週の進捗レポート：チーム全体のKPIと主要な課題のまとめ',
      body: '本文です。',
      htmlBody: '<p>進捗 <img src="cid:logo"></p>',
      inlineImages: ['logo'],
      attachments: [{ name: '週報.csv', contentType: 'text/csv', size: 24 }],
      sentAt: '2026-01-05T00:00:00.500Z',
    });

    const raw = fs.readFileSync(sent?.eml ?? '', 'utf8');
    // Headers are ASCII only: the subject travels as RFC 2047 encoded-words, each at most 75 characters.
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    // eslint-disable-next-line no-control-regex -- the header must be plain ASCII, NUL included in the range
    expect(head).toMatch(/^[\x00-\x7f]*$/);
    for (const word of head.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);

    const mail = parseMime(raw);
    expect(mail.headers['subject']).toBe(sent?.subject);
    expect(mail.headers['from']).toBe('進捗ボット <owner@example.com>');
    expect(mail.headers['to']).toBe('lead@example.com, "Tanaka" <tanaka@example.jp>');
    expect(mail.headers['bcc']).toBe('audit@example.com');
    expect(mail.headers['reply-to']).toBe('team@example.com');
    expect(mail.headers['date']).toBe('Mon, 05 Jan 2026 09:00:00 +0900');
    expect(mail.headers['mime-version']).toBe('1.0');
    expect(mail.type).toMatch(/^multipart\/mixed/);
    const [alternative, attachment] = mail.parts;
    expect(alternative?.type).toMatch(/^multipart\/alternative/);
    const [text, related] = alternative?.parts ?? [];
    expect(text?.type).toBe('text/plain; charset=UTF-8');
    expect(text?.body.toString('utf8')).toBe('本文です。');
    expect(related?.type).toMatch(/^multipart\/related/);
    const [html, image] = related?.parts ?? [];
    expect(html?.body.toString('utf8')).toBe('<p>進捗 <img src="cid:logo"></p>');
    expect(image?.headers['content-id']).toBe('<logo>');
    expect(image?.headers['content-disposition']).toMatch(/^inline/);
    expect([...(image?.body ?? [])]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(attachment?.headers['content-disposition']).toBe('attachment; filename="週報.csv"');
    expect(attachment?.body.toString('utf8')).toBe('date,kpi\n2026-01-05,0.8\n');
  });

  test('plain text only is a single text/plain part; MailApp takes the message-object form', () => {
    const state = newState();
    const code = `function send() {
      MailApp.sendEmail('a@example.com', 'Plain', 'line 1\\nline 2');
      MailApp.sendEmail({ to: 'b@example.com', subject: 'Object form', body: 'x', htmlBody: '<b>x</b>', name: 'Bot' });
    }`;
    expect(runSnippet(state, code, 'send', { at: AT }).error).toBeUndefined();
    const [plain, object] = readMail(state);
    const parsed = parseMime(fs.readFileSync(plain?.eml ?? '', 'utf8'));
    expect(parsed.type).toBe('text/plain; charset=UTF-8');
    expect(parsed.body.toString('utf8')).toBe('line 1\r\nline 2');
    expect(object).toMatchObject({ via: 'MailApp', to: 'b@example.com', subject: 'Object form', htmlBody: '<b>x</b>', name: 'Bot' });
    expect(parseMime(fs.readFileSync(object?.eml ?? '', 'utf8')).type).toMatch(/^multipart\/alternative/);
  });

  test("an invalid address is refused with Apps Script's message and nothing is sent", () => {
    const state = newState();
    const code = `function send(to) { try { GmailApp.sendEmail(to, 's', 'b'); } catch (e) { return e.message; } }`;
    expect(runSnippet(state, code, 'send', { args: ['ok@example.com, not-an-address'] }).value).toBe('Invalid email: not-an-address');
    expect(runSnippet(state, code, 'send', { args: [''] }).value).toBe('Failed to send email: no recipient');
    expect(readMail(state)).toEqual([]);
  });

  test('recipients per day are limited (100 on a consumer account), counting To, Cc and Bcc', () => {
    const state = newState();
    const code = `function send() {
      var to = []; for (var i = 0; i < 98; i++) to.push('u' + i + '@example.com');
      MailApp.sendEmail(to.join(','), 's', 'b');
      var left = MailApp.getRemainingDailyQuota();
      try { MailApp.sendEmail('x@example.com', 's', 'b', { cc: 'y@example.com', bcc: 'z@example.com' }); } catch (e) { return [left, e.message, MailApp.getRemainingDailyQuota()]; }
    }`;
    expect(runSnippet(state, code, 'send', { at: AT }).value).toEqual([2, 'Service invoked too many times for one day: email.', 2]);
    // The next Pacific day the quota is back.
    const next = runSnippet(state, 'function q() { return MailApp.getRemainingDailyQuota(); }', 'q', { at: '2026-01-06T18:00:00+09:00' });
    expect(next.value).toBe(100);
  });
});
