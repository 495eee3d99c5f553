import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceFactory } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import { COST_MS } from '../runtime/execution';
import type { StateDir } from '../runtime/state';
import { blobData, type BlobData } from './blob';
import { countedAs } from './counted';
import { mailbox, renderMessage, rfc5322Date, type MimePart } from './mime';
import { consume, dailyLimit, used } from './quota';
import { signatureError } from './signature';
import { zonedParts } from './timezone';

/** One sent message as `local mail` shows it; `eml` is the RFC 5322 file written for it. */
export interface SentMail {
  via: 'GmailApp' | 'MailApp';
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  name: string;
  subject: string;
  body: string;
  htmlBody: string;
  inlineImages: string[];
  attachments: Array<{ name: string; contentType: string; size: number }>;
  sentAt: string;
  eml: string;
}

const SLICE = 'mail';

interface Message {
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name: string;
  noReply: boolean;
  attachments: BlobData[];
  inlineImages: Array<[string, BlobData]>;
}

export const mailService: ServiceFactory = (exec) => {
  const send = (via: SentMail['via'], message: Message) => deliver(exec, via, message);

  const GmailApp: GoogleAppsScript.Gmail.GmailApp = countedAs<GoogleAppsScript.Gmail.GmailApp>(
    exec,
    'GmailApp',
    {
      sendEmail(...args: unknown[]) {
        const [recipient, subject, body, options] = args;
        if (typeof recipient !== 'string' || args.length < 3) throw signatureError(exec, 'GmailApp.sendEmail', args);
        send('GmailApp', message(exec, 'GmailApp.sendEmail', args, { to: recipient, subject, body, ...optionsOf(options) }));
        return GmailApp;
      },
      getAliases: () => exec.realm.toScript([] as string[]),
      toString: () => 'GmailApp',
    },
    { sendEmail: COST_MS.mailSend },
  );

  const MailApp = countedAs<GoogleAppsScript.Mail.MailApp>(
    exec,
    'MailApp',
    {
      sendEmail(...args: unknown[]) {
        const [first, second, third, fourth] = args;
        if (args.length === 1 && first !== null && typeof first === 'object') {
          send('MailApp', message(exec, 'MailApp.sendEmail', args, first as Record<string, unknown>));
        } else if (args.length === 4 && [first, second, third, fourth].every((a) => typeof a === 'string')) {
          send('MailApp', message(exec, 'MailApp.sendEmail', args, { to: first, replyTo: second, subject: third, body: fourth }));
        } else if (typeof first === 'string' && args.length >= 3) {
          send('MailApp', message(exec, 'MailApp.sendEmail', args, { to: first, subject: second, body: third, ...optionsOf(fourth) }));
        } else {
          throw signatureError(exec, 'MailApp.sendEmail', args);
        }
      },
      getRemainingDailyQuota: () => dailyLimit('email') - used(exec, 'email'),
      toString: () => 'MailApp',
    },
    { sendEmail: COST_MS.mailSend },
  );

  return { GmailApp, MailApp };
};

function optionsOf(options: unknown): Record<string, unknown> {
  return options !== null && typeof options === 'object' ? (options as Record<string, unknown>) : {};
}

function message(exec: Execution, method: string, args: unknown[], fields: Record<string, unknown>): Message {
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const blobs = (value: unknown): BlobData[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw signatureError(exec, method, args);
    return value.map((v) => {
      const data = blobData(v);
      if (!data) throw exec.realm.exception('Invalid argument: attachments');
      return data;
    });
  };
  const inline: Array<[string, BlobData]> = [];
  const images = fields['inlineImages'];
  if (images !== undefined && images !== null) {
    for (const [cid, v] of Object.entries(images as Record<string, unknown>)) {
      const data = blobData(v);
      if (!data) throw exec.realm.exception('Invalid argument: inlineImages');
      inline.push([cid, data]);
    }
  }
  const m: Message = {
    to: str(fields['to']),
    cc: str(fields['cc']),
    bcc: str(fields['bcc']),
    replyTo: str(fields['replyTo']),
    subject: str(fields['subject']),
    body: str(fields['body']),
    name: str(fields['name']),
    noReply: fields['noReply'] === true,
    attachments: blobs(fields['attachments']),
    inlineImages: inline,
  };
  if (fields['htmlBody'] !== undefined && fields['htmlBody'] !== null) m.htmlBody = String(fields['htmlBody']);
  return m;
}

/** Comma-separated recipients, each "a@b.c" or "Name <a@b.c>"; Apps Script rejects the message on the first bad one. */
function addresses(exec: Execution, list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const item = raw.trim();
    if (!item) continue;
    const address = /<([^>]*)>\s*$/.exec(item)?.[1]?.trim() ?? item;
    if (!/^[^\s@<>(),;:"]+@[^\s@<>(),;:".]+(\.[^\s@<>(),;:".]+)+$/.test(address)) throw exec.realm.exception(`Invalid email: ${item}`);
    out.push(item);
  }
  return out;
}

function deliver(exec: Execution, via: SentMail['via'], m: Message): void {
  const to = addresses(exec, m.to);
  const cc = addresses(exec, m.cc);
  const bcc = addresses(exec, m.bcc);
  if (m.replyTo) addresses(exec, m.replyTo);
  if (to.length + cc.length + bcc.length === 0) throw exec.realm.exception('Failed to send email: no recipient');
  // Each recipient counts against the day's quota, To, Cc and Bcc alike.
  consume(exec, 'email', to.length + cc.length + bcc.length);

  const sentAt = exec.now();
  const workspace = process.env['LOCAL_QUOTA'] === 'workspace';
  // noReply is honoured for Workspace accounts only, as Google documents.
  const fromAddress = m.noReply && workspace ? `noreply@${exec.userEmail.split('@')[1] ?? 'example.com'}` : exec.userEmail;
  const part = (data: BlobData, fallbackName: string, contentId?: string): MimePart => {
    const p: MimePart = { contentType: data.contentType ?? 'application/octet-stream', bytes: data.bytes, filename: data.name ?? fallbackName };
    if (contentId) p.contentId = contentId;
    return p;
  };
  const rendered = {
    from: mailbox(fromAddress, m.name || undefined),
    to,
    cc,
    bcc,
    subject: m.subject,
    date: rfc5322Date(sentAt, zonedParts(sentAt, exec.timeZone).offsetMinutes),
    messageId: `<${crypto.randomUUID()}@local.shinchoku>`,
    text: m.body,
    inline: m.inlineImages.map(([cid, data]) => part(data, cid, cid)),
    attachments: m.attachments.map((data, i) => part(data, `attachment-${i + 1}`)),
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    ...(m.htmlBody !== undefined ? { html: m.htmlBody } : {}),
  };

  const index = exec.state.slice<SentMail[]>(SLICE, () => []);
  const file = path.resolve(
    exec.state.subdir('mail'),
    `${new Date(sentAt).toISOString().replace(/[:.]/g, '-')}-${String(index.length + 1).padStart(4, '0')}.eml`,
  );
  fs.writeFileSync(file, renderMessage(rendered));
  index.push({
    via,
    from: fromAddress,
    to: to.join(', '),
    cc: cc.join(', '),
    bcc: bcc.join(', '),
    replyTo: m.replyTo,
    name: m.name,
    subject: m.subject,
    body: m.body,
    htmlBody: m.htmlBody ?? '',
    inlineImages: m.inlineImages.map(([cid]) => cid),
    attachments: m.attachments.map((a, i) => ({
      name: a.name ?? `attachment-${i + 1}`,
      contentType: a.contentType ?? 'application/octet-stream',
      size: a.bytes.length,
    })),
    sentAt: new Date(sentAt).toISOString(),
    eml: file,
  });
  exec.state.touch(SLICE);
}

/** Every message sent so far, oldest first, for `local mail` and tests. */
export function readMail(state: StateDir): SentMail[] {
  return state.slice<SentMail[]>(SLICE, () => []).map((m) => ({ ...m }));
}
