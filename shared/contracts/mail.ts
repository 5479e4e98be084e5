// Contract of outgoing mail: plain SMTP (the BFF sends with nodemailer), and the sandbox outbox's view of a received mail.
import { z } from 'zod';

/** What the BFF needs to reach an SMTP server. The sandbox listens without TLS and without auth. */
export const smtpSettings = z.object({
  host: z.string().min(1),
  port: z.number().int().positive(),
  /** true = implicit TLS (465); false = plain or STARTTLS. */
  secure: z.boolean(),
  from: z.string().min(3),
});
export type SmtpSettings = z.infer<typeof smtpSettings>;

/** One mail as the sandbox's outbox shows it (`GET /outbox/mail?to=`). Headers are decoded (RFC 2047), body decoded. */
export const mailOutboxEntry = z.object({
  id: z.string(),
  /** SMTP envelope sender and recipients (lower-case addresses). */
  envelopeFrom: z.string(),
  envelopeTo: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  /** The text/plain part (or the text of the html part when there is no plain one). */
  text: z.string(),
  html: z.string().nullable(),
  receivedAt: z.string(),
});
export type MailOutboxEntry = z.infer<typeof mailOutboxEntry>;
