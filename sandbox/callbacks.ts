// Delivers progress events to callback URLs: signed, in order per submission, retried with exponential backoff until a 2xx.
import { signedHeaders, signPayload } from '../shared/contracts/signature';
import { VERIFICATION_SIGNATURE_HEADER, VERIFICATION_TIMESTAMP_HEADER } from '../shared/contracts/verification';
import type { SandboxConfig } from './env';
import type { Delivery, StateStore } from './store';

/** A receiver that does not answer within this is treated like a failed attempt. */
const ATTEMPT_TIMEOUT_MS = 5000;

/** Wait before attempt n+1 after n failed attempts: base · 2^(n−1), capped. */
export function backoffMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), maxMs);
}

export class CallbackDispatcher {
  private readonly inFlight = new Set<string>();
  private readonly abort = new AbortController();

  constructor(
    private readonly store: StateStore,
    private readonly config: SandboxConfig,
    private readonly log: (line: string) => void,
  ) {}

  /** Deliveries due now whose earlier events (same submission and URL) are already delivered. */
  private due(now: number): Delivery[] {
    const pending = this.store.state.deliveries.filter((d) => d.deliveredAt === null);
    return pending.filter(
      (d) => !this.inFlight.has(d.id) && new Date(d.nextAttemptAt).getTime() <= now && !pending.some((e) => e.submissionId === d.submissionId && e.url === d.url && e.sequence < d.sequence),
    );
  }

  /** Start every due attempt; returns when they have all finished. */
  async run(): Promise<void> {
    if (this.abort.signal.aborted) return;
    await Promise.all(this.due(Date.now()).map((d) => this.attempt(d)));
  }

  /** Signed anew at each attempt, with the headers of the system the event comes from (same secret and scheme). */
  private headers(delivery: Delivery): Record<string, string> {
    if (delivery.signing !== 'verification') return signedHeaders(this.config.callbackSecret, delivery.body);
    const now = Math.floor(Date.now() / 1000);
    return {
      'content-type': 'application/json',
      [VERIFICATION_TIMESTAMP_HEADER]: String(now),
      [VERIFICATION_SIGNATURE_HEADER]: signPayload(this.config.callbackSecret, now, delivery.body),
    };
  }

  private async attempt(delivery: Delivery): Promise<void> {
    this.inFlight.add(delivery.id);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: this.headers(delivery),
        body: delivery.body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      this.inFlight.delete(delivery.id);
    }
    if (this.abort.signal.aborted) return; // closing: the attempt is retried after the next start
    const ok = status !== null && status >= 200 && status < 300;
    this.store.update(() => {
      delivery.attempts += 1;
      delivery.lastStatus = status;
      delivery.lastError = ok ? null : (error ?? `HTTP ${status}`);
      if (ok) delivery.deliveredAt = new Date().toISOString();
      else delivery.nextAttemptAt = new Date(Date.now() + backoffMs(delivery.attempts, this.config.callbackRetryBaseMs, this.config.callbackRetryMaxMs)).toISOString();
    });
    if (!ok) this.log(`callback ${delivery.eventId} to ${delivery.url} failed (${delivery.lastError}); attempt ${delivery.attempts + 1} at ${delivery.nextAttemptAt}`);
  }

  stop(): void {
    this.abort.abort();
  }
}
