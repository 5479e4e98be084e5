// The progress page refreshes itself while it is visible: polling with backoff (5 s, doubling to 60 s while nothing
// changes, back to 5 s when something did), stopped while the page is hidden or the change has finished.
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';

export const REFRESH_FIRST_MS = 5000;
export const REFRESH_MAX_MS = 60000;

/** The next wait: back to the first after a change, else doubled up to the cap. */
export function nextDelay(previous: number, changed: boolean): number {
  return changed ? REFRESH_FIRST_MS : Math.min(previous * 2, REFRESH_MAX_MS);
}

/** `refresh` answers whether what is shown changed; `active` is false once nothing more can happen (final status). */
export function useAutoRefresh(refresh: () => Promise<boolean>, active: boolean): void {
  const [visible, setVisible] = useState(true);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (!visible || !active) return undefined;
    let delay = REFRESH_FIRST_MS;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const tick = async () => {
      // A browser tab in the background (H5) is not looked at: skip the request, keep the rhythm.
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      const changed = hidden ? false : await refreshRef.current().catch(() => false);
      if (stopped) return;
      delay = nextDelay(delay, changed);
      timer = setTimeout(() => void tick(), delay);
    };
    timer = setTimeout(() => void tick(), delay);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [visible, active]);
}
