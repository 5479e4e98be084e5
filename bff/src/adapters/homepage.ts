// Fetches a website's homepage for the pre-checks; hosts listed in HOMEPAGE_HOST_MAP are reached at the mapped address
// (the sandbox in demo/test) over plain HTTP with the original Host header, so the check itself has no special case.
import http from 'node:http';
import https from 'node:https';

export type HostMap = Record<string, { host: string; port: number | null }>;

export interface HomepageResult {
  status: number;
  body: string;
  finalUrl: string;
}

const MAX_BODY = 512 * 1024;

function fetchOnce(url: URL, hostMap: HostMap, timeoutMs: number): Promise<{ status: number; body: string; location: string | null }> {
  const mapped = hostMap[url.hostname.toLowerCase()];
  // A mapped address is a plain-HTTP endpoint (the sandbox, or a TLS-terminating proxy's backend).
  const lib = url.protocol === 'https:' && !mapped ? https : http;
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        host: mapped?.host ?? url.hostname,
        port: mapped?.port ?? (url.port ? Number(url.port) : defaultPort),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        servername: url.hostname,
        headers: { host: url.host, 'user-agent': 'beian-change-assistant/precheck', accept: 'text/html' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_BODY) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location ?? null }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export async function fetchHomepage(rawUrl: string, hostMap: HostMap, timeoutMs: number): Promise<HomepageResult> {
  let url = new URL(rawUrl);
  const deadline = Date.now() + timeoutMs;
  for (let hop = 0; hop < 4; hop += 1) {
    let res;
    try {
      res = await fetchOnce(url, hostMap, Math.max(1, deadline - Date.now()));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'ENOTFOUND' ? `域名 ${url.hostname} 无法解析` : /no answer within/.test((err as Error).message) ? `${Math.round(timeoutMs / 1000)} 秒内没有响应` : `无法连接 ${url.host}`,
        { cause: err },
      );
    }
    if (res.status >= 300 && res.status < 400 && res.location) {
      url = new URL(res.location, url);
      continue;
    }
    return { status: res.status, body: res.body, finalUrl: url.toString() };
  }
  throw new Error('重定向次数过多');
}
