// Opening a verification task and how often to look for its result: the engine behind the 负责人核验 section.
import Taro from '@tarojs/taro';
import type { PrincipalVerification } from '../../services/api';

type Entry = NonNullable<PrincipalVerification['entry']>;

/** Waits between looks for a result while a verification is pending: quick at first, then every 30 s. */
export const POLL_DELAYS_MS = [2000, 3000, 5000, 8000, 13000, 20000, 30000] as const;

export function pollDelay(attempt: number): number {
  return POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)];
}

/**
 * Opens the verification. H5: the service's page in a new tab (this page keeps polling). WeChat: the verification
 * mini-program by `navigateToMiniProgram`; the sandbox has none (`demo`), so its page's link is copied to open in a
 * browser — a web-view would need the sandbox's host as a business domain, which a demo cannot register.
 */
export async function openVerification(entry: Entry): Promise<'opened' | 'copied' | 'failed'> {
  if (process.env.TARO_ENV === 'h5') {
    const opened = typeof window !== 'undefined' ? window.open(entry.h5Url, '_blank') : null;
    if (!opened) window.location.assign(entry.h5Url);
    return 'opened';
  }
  if (!entry.demo) {
    try {
      await Taro.navigateToMiniProgram({ appId: entry.appId, path: entry.path });
      return 'opened';
    } catch {
      // Declined in the confirmation dialog, or the mini-program is unavailable: the link still works.
    }
  }
  try {
    await Taro.setClipboardData({ data: entry.h5Url });
    await Taro.showModal({ title: '核验链接已复制', content: '请在手机浏览器中粘贴打开，由负责人本人持身份证完成人脸核验；完成后回到本页即可看到结果。', showCancel: false });
    return 'copied';
  } catch {
    return 'failed';
  }
}
