import type { MailAttachment } from './attachments';

/**
 * Email through MailApp. MailApp can only send (scope script.send_mail), where GmailApp would need full access to
 * the mailbox (https://mail.google.com/): shinchoku never reads mail, so it asks for the narrower scope. Messages
 * come from the account that installed the triggers, as with GmailApp.
 */
export interface OutgoingMail {
  to: readonly string[];
  subject: string;
  /** The plain-text body, for clients that show no HTML. */
  text: string;
  html?: string;
  /** The sender's display name. */
  name?: string;
  attachments?: readonly MailAttachment[];
}

export interface Mailer {
  /** Recipients the script may still email today (each To/Cc/Bcc address counts one). */
  remainingQuota(): number;
  /** One message to all recipients: it is sent whole or not at all. */
  send(mail: OutgoingMail): void;
}

export function mailApp(): Mailer {
  return {
    remainingQuota: remainingEmailQuota,
    send(mail) {
      const options: GoogleAppsScript.Mail.MailAdvancedParameters = { to: mail.to.join(','), subject: mail.subject, body: mail.text };
      if (mail.html !== undefined) options.htmlBody = mail.html;
      if (mail.name !== undefined) options.name = mail.name;
      if (mail.attachments?.length) options.attachments = mail.attachments.map((a) => a.blob as GoogleAppsScript.Base.BlobSource);
      MailApp.sendEmail(options);
    },
  };
}

/** How many more recipients the script may email today (MailApp's daily quota). */
export function remainingEmailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}
