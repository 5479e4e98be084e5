// H5: answers to GET requests the HTML started before any script arrived (the inline script config/firstPage.ts writes
// into index.html keeps them in window.__earlyResponses by path). On a slow link the first page's data then travels
// alongside the JavaScript instead of one round trip after it. Each answer is taken once; later calls go out as usual.
import type { TransportResponse } from './transport';

interface EarlyWindow {
  __earlyResponses?: Record<string, Promise<Response | null> | undefined>;
}

/** As Taro.request reads an answer with dataType 'json': headers by name, the body parsed (null when not JSON). */
async function asTransportResponse(response: Response): Promise<TransportResponse> {
  const header: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    header[key] = value;
  });
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  return { status: response.status, data, header };
}

/**
 * The early answer for `path`, at most once; null when there is none, it failed, or it has not arrived within
 * `timeoutMs` (the caller then sends the request itself, with its usual timeout and retries).
 */
export async function takeEarlyResponse(path: string, timeoutMs: number, scope: EarlyWindow = globalThis as EarlyWindow): Promise<TransportResponse | null> {
  const early = scope.__earlyResponses;
  const pending = early?.[path];
  if (!early || !pending) return null;
  delete early[path];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const answer = pending.then((response) => (response ? asTransportResponse(response) : null)).catch(() => null);
  try {
    return await Promise.race([answer, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
