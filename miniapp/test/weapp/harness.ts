// Runs the compiled weapp output (dist/weapp) in miniprogram-simulate: App/Page shims over its Component-only world,
// a recording `wx` double with a fake BFF behind wx.request, and helpers to find text, tap and type in a page.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '../../../testing/eventually';

type AnyRecord = Record<string, any>;

export const DIST = path.resolve(__dirname, '..', '..', '..', 'dist', 'weapp');

/** One wx API call as the page made it. */
export interface WxCall {
  api: string;
  options: AnyRecord;
}

export interface FakeHttpResponse {
  status?: number;
  data?: unknown;
  header?: Record<string, string>;
}

/** `METHOD /path` → answer; unknown routes answer 404 like the BFF. */
export type FakeBffTable = Record<string, (req: { body: any; header: Record<string, string>; query: URLSearchParams }) => FakeHttpResponse>;

const wxCalls: WxCall[] = [];
const wxQueues = new Map<string, Array<{ ok: unknown } | { fail: string }>>();
const storage = new Map<string, unknown>();
let bffTable: FakeBffTable = {};

/** A wx API like the real one: success/fail/complete callbacks when given, and a Promise when called without. */
function wxApi(api: string, answer: (options: AnyRecord) => { ok: true; value: unknown } | { ok: false; errMsg: string }) {
  return (options: AnyRecord = {}) => {
    wxCalls.push({ api, options });
    const queued = wxQueues.get(api)?.shift();
    const result = queued ? ('ok' in queued ? { ok: true as const, value: queued.ok } : { ok: false as const, errMsg: `${api}:fail ${queued.fail}` }) : answer(options);
    const hasCallbacks = typeof options.success === 'function' || typeof options.fail === 'function' || typeof options.complete === 'function';
    const settle = () => {
      if (result.ok) options.success?.(result.value);
      else options.fail?.({ errMsg: result.errMsg });
      options.complete?.(result.ok ? result.value : { errMsg: result.errMsg });
    };
    if (hasCallbacks) {
      // Asynchronous like wx: callbacks run after the caller returns.
      setTimeout(settle, 0);
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    }
    // wx rejects with a plain { errMsg } object, not an Error: the double does the same.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    return new Promise((resolve, reject) => setTimeout(() => (result.ok ? resolve(result.value) : reject({ errMsg: result.errMsg })), 0));
  };
}

const ok = (value: unknown = {}) => ({ ok: true as const, value });

function answerRequest(options: AnyRecord) {
  const url = new URL(String(options.url), 'http://bff.test');
  const method = String(options.method ?? 'GET').toUpperCase();
  const route = bffTable[`${method} ${url.pathname}`];
  const body = typeof options.data === 'string' ? JSON.parse(options.data || 'null') : options.data;
  const response = route ? route({ body, header: options.header ?? {}, query: url.searchParams }) : { status: 404, data: { code: 'not_found', message: '内容不存在或无权访问' } };
  return ok({ statusCode: response.status ?? 200, data: response.data ?? {}, header: response.header ?? {}, errMsg: 'request:ok' });
}

/**
 * wx.uploadFile like wx: answered by the fake BFF table (`POST /path`, body = formData plus the file's path and field
 * name), returning an UploadTask whose onProgressUpdate listeners hear 50% and 100% before success.
 */
function uploadFileDouble(options: AnyRecord = {}) {
  wxCalls.push({ api: 'uploadFile', options });
  const progressListeners: Array<(p: AnyRecord) => void> = [];
  let aborted = false;
  const queued = wxQueues.get('uploadFile')?.shift();
  // Asynchronous like wx: progress and the answer come after uploadFile returns its task.
  setTimeout(() => {
    if (aborted) return;
    if (queued && 'fail' in queued) {
      const errMsg = `uploadFile:fail ${queued.fail}`;
      options.fail?.({ errMsg });
      options.complete?.({ errMsg });
      return;
    }
    for (const progress of [50, 100]) {
      for (const listener of progressListeners) listener({ progress, totalBytesSent: progress, totalBytesExpectedToSend: 100 });
    }
    const url = new URL(String(options.url), 'http://bff.test');
    const route = bffTable[`POST ${url.pathname}`];
    const body = { ...(options.formData ?? {}), [String(options.name)]: options.filePath };
    const response = route ? route({ body, header: options.header ?? {}, query: url.searchParams }) : { status: 404, data: { code: 'not_found', message: '内容不存在或无权访问' } };
    // wx.uploadFile hands the body over as a string.
    const res = { statusCode: response.status ?? 200, data: JSON.stringify(response.data ?? {}), errMsg: 'uploadFile:ok' };
    options.success?.(res);
    options.complete?.(res);
  }, 0);
  return {
    onProgressUpdate(listener: (p: AnyRecord) => void) {
      progressListeners.push(listener);
    },
    offProgressUpdate() {},
    onHeadersReceived() {},
    offHeadersReceived() {},
    abort() {
      aborted = true;
      const errMsg = 'uploadFile:fail abort';
      options.fail?.({ errMsg });
      options.complete?.({ errMsg });
    },
  };
}

// --- privacy authorization as WeChat does it (base library ≥ 2.32.3)

type PrivacyResolve = (option: { event: string; buttonId?: string }) => void;
type PrivacyListener = (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void;

/**
 * WeChat's side of the privacy guideline: whether the console declares collection types, whether this user agreed,
 * the app's onNeedPrivacyAuthorization listener, every resolve() the app called, and which buttons with
 * open-type="agreePrivacyAuthorization" were tapped (WeChat checks the agree answer's buttonId against those).
 */
const privacy = {
  declared: true,
  agreed: false,
  contractName: '《备案变更助手小程序隐私保护指引》',
  listener: null as PrivacyListener | null,
  resolved: [] as Array<{ event: string; buttonId?: string }>,
  tappedAgreeButtons: new Set<string>(),
};

/**
 * A privacy API as WeChat runs it: straight through when the user agreed (or nothing is declared); otherwise held and
 * handed to the app's listener, going on after resolve({ buttonId, event: 'agree' }) — `buttonId` must name a tapped
 * agree button — and failing with `privacy permission is not authorized` after anything else.
 */
function privacyApi(api: string, run: (options: AnyRecord) => unknown) {
  return (options: AnyRecord = {}) => {
    if (!privacy.declared || privacy.agreed || !privacy.listener) return run(options);
    wxCalls.push({ api: `${api}.held`, options });
    return new Promise((resolveCall, rejectCall) => {
      let settled = false;
      const resolve: PrivacyResolve = (option) => {
        privacy.resolved.push(option);
        if (settled || option.event === 'exposureAuthorization') return;
        settled = true;
        if (option.event === 'agree' && option.buttonId !== undefined && privacy.tappedAgreeButtons.has(option.buttonId)) {
          privacy.agreed = true;
          resolveCall(run(options));
          return;
        }
        const errMsg = `${api}:fail privacy permission is not authorized`;
        wxCalls.push({ api, options });
        options.fail?.({ errMsg });
        options.complete?.({ errMsg });
        // wx rejects with a plain { errMsg } object, not an Error: the double does the same.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        if (!options.fail) rejectCall({ errMsg });
        else resolveCall(undefined);
      };
      privacy.listener?.(resolve, { referrer: api });
    });
  };
}

interface UpdateManagerDouble {
  checkListeners: Array<(res: { hasUpdate: boolean }) => void>;
  readyListeners: Array<() => void>;
  failedListeners: Array<() => void>;
  applied: number;
}
const updateManager: UpdateManagerDouble = { checkListeners: [], readyListeners: [], failedListeners: [], applied: 0 };

/** The wx double: only what the app uses is scripted; everything else falls back to miniprogram-simulate's mocks. */
export const wxDouble: AnyRecord = {
  request: wxApi('request', answerRequest),
  login: wxApi('login', () => ok({ code: 'wx-login-code', errMsg: 'login:ok' })),
  getNetworkType: wxApi('getNetworkType', () => ok({ networkType: 'wifi', errMsg: 'getNetworkType:ok' })),
  navigateTo: wxApi('navigateTo', () => ok({ errMsg: 'navigateTo:ok' })),
  redirectTo: wxApi('redirectTo', () => ok({ errMsg: 'redirectTo:ok' })),
  reLaunch: wxApi('reLaunch', () => ok({ errMsg: 'reLaunch:ok' })),
  navigateBack: wxApi('navigateBack', () => ok({ errMsg: 'navigateBack:ok' })),
  showToast: wxApi('showToast', () => ok({ errMsg: 'showToast:ok' })),
  showModal: wxApi('showModal', () => ok({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  showLoading: wxApi('showLoading', () => ok({ errMsg: 'showLoading:ok' })),
  hideLoading: wxApi('hideLoading', () => ok({ errMsg: 'hideLoading:ok' })),
  stopPullDownRefresh: wxApi('stopPullDownRefresh', () => ok({ errMsg: 'stopPullDownRefresh:ok' })),
  pageScrollTo: wxApi('pageScrollTo', () => ok({ errMsg: 'pageScrollTo:ok' })),
  requestSubscribeMessage: wxApi('requestSubscribeMessage', () => ({ ok: false, errMsg: 'requestSubscribeMessage:fail no result queued' })),
  // Camera and upload (the capture page). getSetting answers "never asked" unless a test queues an answer.
  getSetting: wxApi('getSetting', () => ok({ authSetting: {}, errMsg: 'getSetting:ok' })),
  openSetting: wxApi('openSetting', () => ok({ authSetting: { 'scope.camera': true }, errMsg: 'openSetting:ok' })),
  getImageInfo: wxApi('getImageInfo', (options) => ok({ width: 3000, height: 4000, path: options.src, type: 'jpeg', errMsg: 'getImageInfo:ok' })),
  compressImage: wxApi('compressImage', (options) => ok({ tempFilePath: `${options.src}.compressed.jpg`, errMsg: 'compressImage:ok' })),
  uploadFile: uploadFileDouble,
  previewImage: wxApi('previewImage', () => ok({ errMsg: 'previewImage:ok' })),
  createCameraContext: () => ({
    takePhoto: wxApi('cameraContext.takePhoto', () => ok({ tempImagePath: 'wxfile://tmp/camera-photo.jpg', errMsg: 'operateCamera:ok' })),
    setZoom: wxApi('cameraContext.setZoom', () => ok({ errMsg: 'operateCamera:ok' })),
  }),
  chooseMedia: privacyApi(
    'chooseMedia',
    wxApi('chooseMedia', () => ok({ tempFiles: [{ tempFilePath: 'wxfile://tmp/album-photo.jpg', size: 420_000, fileType: 'image' }], type: 'image', errMsg: 'chooseMedia:ok' })),
  ),
  // Privacy authorization (see `privacy` above).
  onNeedPrivacyAuthorization: (listener: PrivacyListener) => {
    privacy.listener = listener;
  },
  getPrivacySetting: wxApi('getPrivacySetting', () =>
    ok({ needAuthorization: privacy.declared && !privacy.agreed, privacyContractName: privacy.contractName, errMsg: 'getPrivacySetting:ok' }),
  ),
  requirePrivacyAuthorize: privacyApi(
    'requirePrivacyAuthorize',
    wxApi('requirePrivacyAuthorize', () => ok({ errMsg: 'requirePrivacyAuthorize:ok' })),
  ),
  openPrivacyContract: wxApi('openPrivacyContract', () => ok({ errMsg: 'openPrivacyContract:ok' })),
  // Version updates: tests play WeChat's side with wx.updateReady().
  getUpdateManager: () => ({
    onCheckForUpdate: (listener: (res: { hasUpdate: boolean }) => void) => void updateManager.checkListeners.push(listener),
    onUpdateReady: (listener: () => void) => void updateManager.readyListeners.push(listener),
    onUpdateFailed: (listener: () => void) => void updateManager.failedListeners.push(listener),
    applyUpdate: () => {
      wxCalls.push({ api: 'updateManager.applyUpdate', options: {} });
      updateManager.applied += 1;
    },
  }),
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
};

export const wx = {
  calls(api: string): AnyRecord[] {
    return wxCalls.filter((c) => c.api === api).map((c) => c.options);
  },
  callOrder(): string[] {
    return wxCalls.map((c) => c.api);
  },
  enqueue(api: string, ...outcomes: Array<{ ok: unknown } | { fail: string }>) {
    wxQueues.set(api, [...(wxQueues.get(api) ?? []), ...outcomes]);
  },
  storage,
  serve(table: FakeBffTable) {
    bffTable = table;
  },
  /** WeChat's privacy state: declared collection types, this user's agreement, the app's answers. */
  privacy,
  /** WeChat finished downloading a new version: runs the app's onUpdateReady listeners. */
  updateReady() {
    for (const listener of updateManager.readyListeners) listener();
  },
  updateManager,
  reset() {
    wxCalls.length = 0;
    wxQueues.clear();
    storage.clear();
    bffTable = {};
    // The app's listeners stay registered (it launched once per test file); the user's answers do not.
    privacy.declared = true;
    privacy.agreed = false;
    privacy.resolved.length = 0;
    privacy.tappedAgreeButtons.clear();
    updateManager.applied = 0;
  },
};

/**
 * Taps a button with open-type="agreePrivacyAuthorization" as WeChat handles it: the tap is recorded against the
 * button's id (what the app must name in resolve), then the button's agreeprivacyauthorization event fires.
 */
export function tapAgreePrivacyButton(rendered: RenderedPage, id: string): void {
  const button = Array.from(rendered.dom.querySelectorAll('wx-button')).find((el) => (el as AnyRecord).__wxElement?.id === id);
  if (!button)
    throw new Error(
      `no button with id "${id}"; buttons: ${Array.from(rendered.dom.querySelectorAll('wx-button'))
        .map((b) => b.textContent)
        .join(', ')}`,
    );
  privacy.tappedAgreeButtons.add(id);
  dispatch(button, 'tap', { x: 0, y: 0 });
  dispatch(button, 'agreeprivacyauthorization', {});
}

// --- miniprogram-simulate with App/Page shims

let simulate: AnyRecord;
let exparser: AnyRecord;
let appInstance: AnyRecord | null = null;
const pageStack: AnyRecord[] = [];
/** Component options per compiled file: jest runs a module once per file, so later loads re-register from here. */
const definitions = new Map<string, AnyRecord>();
let loadingFile: string | null = null;

/** A Taro page config as a j-component definition: functions become methods, onLoad/onShow run on attach. */
function pageToComponent(route: string, config: AnyRecord): AnyRecord {
  const methods: AnyRecord = {};
  for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
  return {
    data: config.data ?? {},
    options: config.options,
    methods,
    lifetimes: {
      attached(this: AnyRecord) {
        this.route = route;
        this.__route__ = route;
        pageStack.push(this);
        this.onLoad?.({ ...(this.__query ?? currentQuery) });
        this.onShow?.();
      },
      ready(this: AnyRecord) {
        this.onReady?.();
      },
      detached(this: AnyRecord) {
        this.onUnload?.();
        pageStack.splice(pageStack.indexOf(this), 1);
      },
    },
  };
}

let currentQuery: Record<string, string> = {};

/** Loads the simulator and the app once per test file (calls the app's onLaunch). */
export function bootApp(): void {
  if (simulate) return;
  (globalThis as AnyRecord).wx = wxDouble;
  // Loaded here, after `wx` exists, because these modules read it when they load; an import would run first.
  /* eslint-disable @typescript-eslint/no-require-imports */
  simulate = require('miniprogram-simulate');
  exparser = require('miniprogram-exparser');
  const utils = require('miniprogram-simulate/src/utils');
  const simulateComponent = (globalThis as AnyRecord).Component;

  (globalThis as AnyRecord).App = (config: AnyRecord) => {
    appInstance = config;
  };
  (globalThis as AnyRecord).getApp = () => appInstance;
  (globalThis as AnyRecord).getCurrentPages = () => [...pageStack];
  (globalThis as AnyRecord).Component = (options: AnyRecord) => {
    if (!loadingFile) return; // e.g. defined at app start but never loaded as a component here
    definitions.set(loadingFile, options);
    simulateComponent(options);
  };
  (globalThis as AnyRecord).Page = (config: AnyRecord) => {
    if (!loadingFile) return;
    const route = path.relative(DIST, loadingFile).split(path.sep).join('/');
    (globalThis as AnyRecord).Component(pageToComponent(route, config));
  };

  const runJs = utils.runJs as (file: string) => void;
  utils.runJs = (file: string) => {
    loadingFile = file;
    try {
      const known = definitions.get(file);
      if (known) simulateComponent(known);
      else runJs(file);
    } finally {
      loadingFile = null;
    }
  };

  require(path.join(DIST, 'app.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  appInstance?.onLaunch?.({ path: 'pages/login/index', query: {}, scene: 1001 });
}

export interface RenderedPage {
  root: AnyRecord;
  dom: HTMLElement;
  text(): string;
  /** The innermost element whose text contains `text` and that handles taps (Taro binds `eh`). */
  tap(text: string): Promise<void>;
  /** Types into the input whose placeholder or aria-label is `label`. */
  input(label: string, value: string): Promise<void>;
  waitForText(text: string, timeoutMs?: number): Promise<void>;
  unmount(): void;
}

/** Dispatches a wx event through exparser on a rendered element (for events a test cannot cause, e.g. `camera`'s error). */
export function dispatch(node: Element, name: string, detail: AnyRecord = {}): void {
  const wxElement = (node as AnyRecord).__wxElement;
  if (!wxElement) throw new Error(`no exparser element behind <${node.tagName.toLowerCase()}>`);
  exparser.Event.dispatchEvent(wxElement, exparser.Event.create(name, detail, { bubbles: true, composed: true, capturePhase: true }));
}

/** Renders a compiled page with a query, like opening it with navigateTo. */
export async function renderPage(route: string, query: Record<string, string> = {}): Promise<RenderedPage> {
  bootApp();
  currentQuery = query;
  const id = simulate.load(path.join(DIST, route), { rootPath: DIST });
  const root = simulate.render(id);
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  root.attach(parent);
  const dom: HTMLElement = root.dom;

  const page: RenderedPage = {
    root,
    dom,
    text: () => dom.textContent ?? '',
    async waitForText(text, timeoutMs = 3000) {
      // The first render takes ≈ 450 ms (React commit + batched setData): poll.
      await eventually(() => page.text().includes(text), `"${text}" to appear`, timeoutMs).catch((err: unknown) => {
        throw new Error(`${err instanceof Error ? err.message : String(err)}; page text: ${page.text().slice(0, 600)}`);
      });
    },
    async tap(text) {
      await page.waitForText(text);
      const candidates = Array.from(dom.querySelectorAll('*')).filter((el) => (el.textContent ?? '').includes(text));
      const target = candidates.reverse().find((el) => el.closest('[bindtap], wx-button, wx-view'));
      if (!target) throw new Error(`nothing to tap with text "${text}"`);
      dispatch(target, 'tap', { x: 0, y: 0 });
    },
    async input(label, value) {
      await page.waitForText(label);
      // Native attributes (placeholder, aria-label) are not reflected into the simulated DOM: find the input by
      // its label, i.e. the one input inside the smallest element whose text contains the label.
      const target = Array.from(dom.querySelectorAll('wx-input')).find((input) => {
        for (let el = input.parentElement; el && el !== dom; el = el.parentElement) {
          if (el.querySelectorAll('wx-input').length > 1) return false;
          if ((el.textContent ?? '').includes(label)) return true;
        }
        return false;
      });
      if (!target) throw new Error(`no input labelled "${label}"`);
      dispatch(target, 'input', { value, cursor: value.length });
    },
    unmount() {
      root.detach();
      parent.remove();
    },
  };
  return page;
}

// --- the rendered tree as a picture

/** A WXSS file with its @imports inlined (relative to DIST), each once. */
function wxssWithImports(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !existsSync(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/@import\s+"([^"]+)";/g, (_m, ref: string) => wxssWithImports(path.resolve(path.dirname(file), ref), seen));
}

/**
 * The page as rendered by miniprogram-simulate, written as an HTML document a browser can show: the simulated DOM
 * (wx-view, wx-text, wx-button… as Taro's templates produced them) under the compiled WXSS of the app and the page, with
 * rpx as 1/750 of the viewport width and tag selectors mapped to the wx-* elements. Not WeChat's renderer — its native
 * parts (button chrome, camera) are approximated — but the build's own tree and styles.
 */
export function writeRenderedHtml(rendered: RenderedPage, route: string, outFile: string): void {
  const styles = [wxssWithImports(path.join(DIST, 'app.wxss')), wxssWithImports(path.join(DIST, `${route}.wxss`))]
    .join('\n')
    .replace(/(-?\d*\.?\d+)rpx/g, (_m, n: string) => `calc(${n} * 100vw / 750)`)
    .replace(/(^|[\s,{}>+~])(page|view|text|button|image|input|camera|progress)(?=[\s,.:{[>+~])/g, (_m, before: string, tag: string) => `${before}${tag === 'page' ? 'body' : `wx-${tag}`}`);
  const base = [
    'wx-view, wx-button, wx-progress, wx-camera { display: block; }',
    'wx-text { display: inline; white-space: pre-wrap; }',
    'wx-camera { background: #111; }',
    'wx-button { font: inherit; text-align: center; }',
  ].join('\n');
  // j-component scopes each class with its component's name (`main--ui-btn`); the stylesheet knows the plain names.
  const body = rendered.dom.innerHTML.replace(/class="([^"]*)"/g, (_m, classes: string) => `class="${classes.replace(/(^|\s)[a-z]+--(?=\S)/g, '$1')}"`);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(
    outFile,
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><style>${base}\n${styles}</style></head><body>${body}</body></html>`,
  );
}
