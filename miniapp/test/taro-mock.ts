// Test double of the Taro APIs the mini-program uses: every async API answers from a queue of results (ok / fail /
// cancel / a handler), like tdesign-miniprogram's tests, so each path of a screen can be driven from a test.
import { useEffect, useRef } from 'react';

/** What one call of an async API does: resolve with a value, fail with a message, be cancelled, or run a handler. */
export type Outcome = { ok: unknown } | { fail: string; extra?: Record<string, unknown> } | { cancel: true } | { handler: (options: any) => unknown /* a value or a Promise of one */ };

export interface RecordedCall {
  api: string;
  options: any;
}

type Callbacks = { success?: (res: any) => void; fail?: (err: any) => void; complete?: (res: any) => void };

/** APIs that simply succeed unless a test queues something else (navigation, toasts, loading, bar updates). */
const SUCCEED_BY_DEFAULT = new Set([
  'navigateTo',
  'redirectTo',
  'reLaunch',
  'switchTab',
  'navigateBack',
  'showToast',
  'hideToast',
  'showLoading',
  'hideLoading',
  'stopPullDownRefresh',
  'startPullDownRefresh',
  'setNavigationBarTitle',
  'pageScrollTo',
  'vibrateShort',
  'setClipboardData',
]);

const state = {
  queues: new Map<string, Outcome[]>(),
  defaults: new Map<string, Outcome>(),
  calls: [] as RecordedCall[],
  storage: new Map<string, unknown>(),
  routerParams: {} as Record<string, string>,
  env: 'WEAPP' as string,
  pullDownHandlers: new Set<{ current: () => unknown }>(),
  showHandlers: new Set<{ current: () => unknown }>(),
  hideHandlers: new Set<{ current: () => unknown }>(),
};

function errMsg(api: string, message: string): string {
  return `${api}:fail ${message}`;
}

function invoke(api: string, options: (Callbacks & Record<string, unknown>) | undefined, fallback?: Outcome): Promise<any> {
  const opts = options ?? {};
  state.calls.push({ api, options: opts });
  const outcome =
    state.queues.get(api)?.shift() ??
    state.defaults.get(api) ??
    fallback ??
    (SUCCEED_BY_DEFAULT.has(api) ? { ok: { errMsg: `${api}:ok` } } : undefined) ??
    (api === 'showModal' ? { ok: { confirm: true, cancel: false, errMsg: 'showModal:ok' } } : undefined) ??
    (api === 'getNetworkType' ? { ok: { networkType: 'wifi', errMsg: 'getNetworkType:ok' } } : undefined);

  const settle = async (): Promise<{ ok: boolean; value: any }> => {
    if (!outcome) {
      return { ok: false, value: { errMsg: errMsg(api, `taro-mock: no result queued for Taro.${api}`) } };
    }
    if ('ok' in outcome) return { ok: true, value: outcome.ok };
    if ('cancel' in outcome) return { ok: false, value: { errMsg: errMsg(api, 'cancel') } };
    if ('fail' in outcome) return { ok: false, value: { errMsg: errMsg(api, outcome.fail), ...outcome.extra } };
    try {
      return { ok: true, value: await outcome.handler(opts) };
    } catch (err) {
      return { ok: false, value: err };
    }
  };

  // Like wx: callbacks when given, and a Promise either way (Taro 4 relies on the Promise).
  return settle().then(({ ok, value }) => {
    if (ok) opts.success?.(value);
    else opts.fail?.(value);
    opts.complete?.(value);
    if (ok) return value;
    throw value;
  });
}

/** Handle used by tests to script the double and read what the code under test did. */
export const taroMock = {
  /** Queue outcomes for the next calls of `api` (consumed first in, first out). */
  enqueue(api: string, ...outcomes: Outcome[]): void {
    const queue = state.queues.get(api) ?? [];
    queue.push(...outcomes);
    state.queues.set(api, queue);
  },
  /** The outcome of `api` once its queue is empty (e.g. a fake BFF as the `request` handler). */
  setDefault(api: string, outcome: Outcome): void {
    state.defaults.set(api, outcome);
  },
  /** Options of every call of `api`, in order. */
  calls(api: string): any[] {
    return state.calls.filter((c) => c.api === api).map((c) => c.options);
  },
  /** Names of every API called, in order (to assert e.g. requestSubscribeMessage happened before request). */
  callOrder(): string[] {
    return state.calls.map((c) => c.api);
  },
  /** The synchronous storage as a Map (read or seed it directly). */
  storage: state.storage,
  setRouterParams(params: Record<string, string>): void {
    state.routerParams = { ...params };
  },
  /** What Taro.getEnv() answers: 'WEAPP' (default) or 'WEB'. */
  setEnv(env: string): void {
    state.env = env;
  },
  /** Simulate the user pulling the page down: runs every usePullDownRefresh handler. */
  async pullDownRefresh(): Promise<void> {
    for (const handler of [...state.pullDownHandlers]) await handler.current();
  },
  /** Simulate the page being shown again (e.g. navigating back to it). */
  async show(): Promise<void> {
    for (const handler of [...state.showHandlers]) await handler.current();
  },
  async hide(): Promise<void> {
    for (const handler of [...state.hideHandlers]) await handler.current();
  },
  reset(): void {
    state.queues.clear();
    state.defaults.clear();
    state.calls.length = 0;
    state.storage.clear();
    state.routerParams = {};
    state.env = 'WEAPP';
    state.pullDownHandlers.clear();
    state.showHandlers.clear();
    state.hideHandlers.clear();
  },
};

// --- lifecycle hooks (page lifecycles mapped onto React effects)

function useRegistered(set: Set<{ current: () => unknown }>, callback: () => unknown): void {
  const ref = useRef(callback);
  ref.current = callback;
  useEffect(() => {
    set.add(ref);
    return () => {
      set.delete(ref);
    };
  }, [set]);
}

export function useLoad(callback: (params: Record<string, string>) => unknown): void {
  useEffect(() => {
    callback({ ...state.routerParams });
    // Runs once per mount, like a page's onLoad.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

export function useReady(callback: () => unknown): void {
  useEffect(() => {
    callback();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

export function useDidShow(callback: () => unknown): void {
  useRegistered(state.showHandlers, callback);
  useEffect(() => {
    callback();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

export function useDidHide(callback: () => unknown): void {
  useRegistered(state.hideHandlers, callback);
}

export function useUnload(callback: () => unknown): void {
  const ref = useRef(callback);
  ref.current = callback;
  useEffect(() => () => void ref.current(), []);
}

export function usePullDownRefresh(callback: () => unknown): void {
  useRegistered(state.pullDownHandlers, callback);
}

export function useReachBottom(_callback: () => unknown): void {}
export function useShareAppMessage(_callback: () => unknown): void {}

export function useRouter(): { params: Record<string, string>; path: string } {
  return { params: { ...state.routerParams }, path: '' };
}

export function getCurrentInstance(): { router: { params: Record<string, string>; path: string } } {
  return { router: { params: { ...state.routerParams }, path: '' } };
}

// --- environment

export const ENV_TYPE = {
  WEAPP: 'WEAPP',
  WEB: 'WEB',
  SWAN: 'SWAN',
  ALIPAY: 'ALIPAY',
  TT: 'TT',
  QQ: 'QQ',
  JD: 'JD',
  RN: 'RN',
  HARMONY: 'HARMONY',
} as const;

export function getEnv(): string {
  return state.env;
}

// --- synchronous storage (wx semantics: a missing key reads as '')

function getStorageSync(key: string): unknown {
  state.calls.push({ api: 'getStorageSync', options: { key } });
  return state.storage.has(key) ? state.storage.get(key) : '';
}
function setStorage(options: { key: string; data: unknown } & Callbacks): Promise<any> {
  return invoke('setStorage', options, { handler: () => (state.storage.set(options.key, options.data), { errMsg: 'setStorage:ok' }) });
}
function removeStorage(options: { key: string } & Callbacks): Promise<any> {
  return invoke('removeStorage', options, { handler: () => (state.storage.delete(options.key), { errMsg: 'removeStorage:ok' }) });
}
function setStorageSync(key: string, data: unknown): void {
  state.calls.push({ api: 'setStorageSync', options: { key, data } });
  state.storage.set(key, data);
}
function removeStorageSync(key: string): void {
  state.calls.push({ api: 'removeStorageSync', options: { key } });
  state.storage.delete(key);
}
function clearStorageSync(): void {
  state.storage.clear();
}

function getStorage(options: { key: string } & Callbacks): Promise<any> {
  const fromStorage: Outcome = {
    handler: () => {
      // wx fails with a plain { errMsg } object, not an Error: the double does the same.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (!state.storage.has(options.key)) throw { errMsg: 'getStorage:fail data not found' };
      return { data: state.storage.get(options.key), errMsg: 'getStorage:ok' };
    },
  };
  return invoke('getStorage', options, fromStorage);
}

function getSystemInfoSync() {
  return { windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, pixelRatio: 2, platform: 'devtools', statusBarHeight: 20 };
}

const eventCenterHandlers = new Map<string, Set<(...args: unknown[]) => void>>();
const eventCenter = {
  on(name: string, fn: (...args: unknown[]) => void) {
    const set = eventCenterHandlers.get(name) ?? new Set();
    set.add(fn);
    eventCenterHandlers.set(name, set);
  },
  off(name: string, fn?: (...args: unknown[]) => void) {
    if (fn) eventCenterHandlers.get(name)?.delete(fn);
    else eventCenterHandlers.delete(name);
  },
  trigger(name: string, ...args: unknown[]) {
    for (const fn of eventCenterHandlers.get(name) ?? []) fn(...args);
  },
};

const explicit: Record<string, unknown> = {
  ENV_TYPE,
  getEnv,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  clearStorageSync,
  getStorage,
  setStorage,
  removeStorage,
  getSystemInfoSync,
  getWindowInfo: getSystemInfoSync,
  eventCenter,
  getCurrentInstance,
  getCurrentPages: () => [],
  useLoad,
  useReady,
  useDidShow,
  useDidHide,
  useUnload,
  usePullDownRefresh,
  useReachBottom,
  useShareAppMessage,
  useRouter,
};

/**
 * `Taro` itself: the explicit members above, and any other member is an async API answering from its queue
 * (so e.g. `Taro.chooseMedia` or `Taro.requestSubscribeMessage` need no code here, only queued outcomes).
 */
const Taro: any = new Proxy(explicit, {
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    if (name in target) return target[name];
    if (name === '__esModule' || name === 'then' || name === 'default') return undefined;
    return (options?: Callbacks & Record<string, unknown>) => invoke(name, options);
  },
});

export default Taro;
