// The running product for the browser journeys: real Redis, the sandbox and the BFF serving the H5 build (dist/h5),
// on free ports with temp data dirs — the BFF test harness with its static folder pointed at the H5 build.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventually } from '../../testing/eventually';
import { startHarness, type Harness } from '../../bff/test/harness';

export const ROOT = resolve(__dirname, '..', '..');
/** The H5 build the BFF serves: the snapshot made by e2e/globalSetup.ts, or dist/h5 when run outside jest. */
export const H5_DIR = process.env.E2E_H5_DIR ?? join(ROOT, 'dist', 'h5');

export interface OutboxSms {
  phone: string;
  templateId: string;
  params: Record<string, string>;
  text: string;
}

export interface Product extends Harness {
  /** Every SMS the sandbox's gateway delivered to `phone`, oldest first. */
  smsTo(phone: string): Promise<OutboxSms[]>;
  /** The code of the newest verification SMS to `phone`, waiting for it to arrive. */
  smsCode(phone: string): Promise<string>;
}

/** `env`: extra BFF settings (e.g. `OCR_ENABLED: 'true'` for the journey about reading ID photos). */
export async function startProduct(env: Record<string, string> = {}): Promise<Product> {
  if (!existsSync(join(H5_DIR, 'index.html'))) throw new Error(`no H5 build in ${H5_DIR}: the e2e globalSetup should have built it`);
  const harness = await startHarness({ env: { STATIC_DIR: H5_DIR, ...env } });
  const smsTo = async (phone: string): Promise<OutboxSms[]> => (await harness.sandboxGet<{ messages: OutboxSms[] }>(`/outbox/sms?phone=${encodeURIComponent(phone)}`)).messages;
  return {
    ...harness,
    smsTo,
    async smsCode(phone) {
      const sms = await eventually(async () => (await smsTo(phone)).filter((m) => m.templateId === 'verification_code').pop(), `a verification SMS to ${phone}`, 30_000);
      return sms.params.code;
    },
  };
}
