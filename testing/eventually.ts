// The one way tests wait: poll a read until it gives the expected state, or fail naming what never happened.
export interface EventuallyOptions {
  /** Give up after this long (default 15 s: generous for a machine shared with other test runs). */
  timeoutMs?: number;
  /** Pause between reads (default 25 ms: cheap reads; slower ones such as HTTP calls take their own time anyway). */
  intervalMs?: number;
}

export type Poll<T> = () => Promise<T | null | undefined | false> | T | null | undefined | false;

const DEFAULTS: Required<EventuallyOptions> = { timeoutMs: 15_000, intervalMs: 25 };

/**
 * Calls `read` until it returns something truthy and returns that value (a job's result, a callback's body, `true`).
 * An error thrown by `read` fails at once: a broken read must not look like a slow one. On timeout the error names
 * `what` ("the relay", "the rejection SMS") and the time waited. The third argument may be the timeout in ms.
 */
export async function eventually<T>(read: Poll<T>, what: string, options: number | EventuallyOptions = {}): Promise<T> {
  const { timeoutMs, intervalMs } = { ...DEFAULTS, ...(typeof options === 'number' ? { timeoutMs: options } : options) };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * For the one claim a poll cannot make: `read` stays falsy for the whole window (no second relay, no extra SMS).
 * Fails as soon as it turns truthy; the window is the claim's own length, not a guess at how long something takes.
 */
export async function never(read: Poll<unknown>, what: string, windowMs: number, intervalMs = 25): Promise<void> {
  const end = Date.now() + windowMs;
  for (;;) {
    if (await read()) throw new Error(`${what} happened within ${windowMs} ms`);
    if (Date.now() >= end) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, end - Date.now())));
  }
}
