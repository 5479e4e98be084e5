// The sandbox's SMTP server: accepts every mail (no TLS, any or no login) and files it in the mail outbox.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail } from './mailParse';
import type { StateStore } from './store';

/** A mail larger than this is refused (the BFF sends short notifications). */
const MAX_MAIL_BYTES = 10 * 1024 * 1024;

export interface RunningSmtp {
  port: number;
  close(): Promise<void>;
}

export function startSmtp(store: StateStore, host: string, port: number): Promise<RunningSmtp> {
  const server = new SMTPServer({
    // plain SMTP so nodemailer with `secure: false` and no certificates just works
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    size: MAX_MAIL_BYTES,
    logger: false,
    closeTimeout: 2000,
    banner: '备案审核沙箱 SMTP',
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'sandbox' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        try {
          const mail = parseMail(Buffer.concat(chunks));
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '';
          store.update((state) => {
            state.outbox.mail.push({
              id: `mail_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
              envelopeFrom,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              ...mail,
              receivedAt: new Date().toISOString(),
            });
          });
          callback();
        } catch (e) {
          callback(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const listening = server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', () => undefined); // client-side protocol errors must not crash the sandbox
      resolve({
        port: (listening.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
