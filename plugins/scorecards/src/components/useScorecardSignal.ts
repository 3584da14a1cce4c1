import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/**
 * Calls `onSignal` when a message arrives on `channel` (the scorecards
 * backend's signals of changed scorecards); with `delayMs`, once per burst of
 * messages, that long after the first. Does nothing where the app has no
 * signals API.
 */
export function useScorecardSignal(
  channel: string,
  onSignal: () => void,
  delayMs = 0,
): void {
  const { lastSignal } = useSignal(channel);
  const callback = useRef(onSignal);
  callback.current = onSignal;
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (!lastSignal) return;
    if (delayMs <= 0) {
      callback.current();
      return;
    }
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      callback.current();
    }, delayMs);
  }, [lastSignal, delayMs]);

  useEffect(() => () => clearTimeout(timer.current), []);
}
