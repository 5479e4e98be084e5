// Connectivity changes from the platform, as one subscribe function (the draft engine replays its queue on them).
import Taro from '@tarojs/taro';

/** Subscribe to connectivity changes; platforms (and test doubles) that lack the API just never call back. */
export function listenForNetwork(callback: (res: { isConnected: boolean }) => void): () => void {
  const quiet = (r: unknown) => void (r as Promise<unknown> | undefined)?.catch?.(() => undefined);
  try {
    quiet(Taro.onNetworkStatusChange(callback));
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      quiet(Taro.offNetworkStatusChange(callback));
    } catch {
      // Nothing to unsubscribe.
    }
  };
}
