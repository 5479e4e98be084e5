// A seconds countdown for "resend after" buttons (SMS codes): start(n), then it ticks down to 0 once a second.
import { useCallback, useEffect, useRef, useState } from 'react';

export function useCountdown(): { remaining: number; start: (seconds: number) => void } {
  const [remaining, setRemaining] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };

  const start = useCallback((seconds: number) => {
    stop();
    const total = Math.max(0, Math.ceil(seconds));
    setRemaining(total);
    if (total === 0) return;
    // Count from a deadline rather than decrementing, so a throttled timer never makes the wait longer.
    const deadline = Date.now() + total * 1000;
    timer.current = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setRemaining(left);
      if (left === 0) stop();
    }, 1000);
  }, []);

  useEffect(() => stop, []);
  return { remaining, start };
}
