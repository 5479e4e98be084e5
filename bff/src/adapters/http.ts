// Small JSON-over-HTTP helper for the adapters: timeouts, and "upstream down" told apart from "upstream said no".
export class UpstreamError extends Error {
  constructor(
    readonly service: string,
    /** HTTP status, or 0 when the service could not be reached. */
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  /** Unreachable, timed out or 5xx: worth retrying later. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }

  /** The upstream's stable error code, when its body carries one. */
  get code(): string | undefined {
    const b = this.body as { code?: unknown } | null;
    return b && typeof b.code === 'string' ? b.code : undefined;
  }
}

export interface JsonRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

export async function requestJson(service: string, url: string, req: JsonRequest = {}): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method ?? 'GET',
      headers: { accept: 'application/json', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
      body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      signal: AbortSignal.timeout(req.timeoutMs ?? 5000),
    });
  } catch (err) {
    throw new UpstreamError(service, 0, null, `${service} unreachable: ${(err as Error).message}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) throw new UpstreamError(service, res.status, body, `${service} answered ${res.status} for ${req.method ?? 'GET'} ${new URL(url).pathname}`);
  return { status: res.status, body };
}
