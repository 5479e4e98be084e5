// The privacy consent gate behind the kit's PrivacySheet (React-free: the app registers it at launch, the capture code
// asks it before the album, the sheet renders its state).
//
// weapp: WeChat holds a privacy API (chooseMedia, the camera component, the clipboard…) pending and calls the listener
// given to wx.onNeedPrivacyAuthorization whenever the applicant has not agreed to the guideline declared in the MP
// console — the first call, and again after the console declares new collection types. The sheet then shows; its
// <button open-type="agreePrivacyAuthorization"> answers `resolve({ buttonId, event: 'agree' })` (WeChat checks that
// this button was tapped) and 拒绝 answers `resolve({ event: 'disagree' })`, which fails the held call with
// "privacy permission is not authorized".
// H5: no such interception exists, so the same sheet is asked for once before the album or camera is used and the
// answer is stored with PRIVACY_GUIDE_VERSION (a new version asks again).
import Taro from '@tarojs/taro';
import { PRIVACY_GUIDE_TITLE, PRIVACY_GUIDE_VERSION } from '../../../shared/data/privacy';

/** The id of the sheet's agree button; WeChat checks that the button with this id was tapped before it lets the call go on. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';
/** Where the H5 build keeps the applicant's consent (the guideline version and when). */
export const PRIVACY_CONSENT_KEY = 'beian.privacyConsent';

export type PrivacyState =
  | { phase: 'closed' }
  /** The sheet asks. `referrer`: the API or component WeChat held (e.g. `chooseMedia`), when it said. */
  | { phase: 'asking'; referrer: string | null; guideName: string }
  /** The applicant refused: the sheet says what cannot work and offers to ask again. */
  | { phase: 'refused'; guideName: string };

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

let state: PrivacyState = { phase: 'closed' };
let guideName = `《${PRIVACY_GUIDE_TITLE}》`;
/** weapp: the held privacy calls (several can wait at once, e.g. the camera and the album); all get the one answer. */
let heldCalls: Resolve[] = [];
/** H5: callers of requirePrivacyConsent waiting for the sheet's answer. */
let waiting: Array<(agreed: boolean) => void> = [];
const listeners = new Set<(state: PrivacyState) => void>();

const isWeapp = () => process.env.TARO_ENV === 'weapp';
/** Only the H5 build asks by itself; everywhere else WeChat intercepts the privacy API. */
const isH5 = () => process.env.TARO_ENV === 'h5';

function setState(next: PrivacyState): void {
  state = next;
  for (const listener of listeners) listener(state);
}

export function privacyState(): PrivacyState {
  return state;
}

/** Calls `listener` on every change of the gate's state; returns the unsubscribe function. */
export function subscribePrivacy(listener: (state: PrivacyState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The guideline's name as WeChat knows it (from the MP console), for the sheet's 查看完整指引 line. */
function refreshGuideName(): void {
  if (typeof Taro.getPrivacySetting !== 'function') return;
  Taro.getPrivacySetting({
    success: (res) => {
      if (!res.privacyContractName) return;
      guideName = res.privacyContractName;
      if (state.phase !== 'closed') setState({ ...state, guideName });
    },
  });
}

/** weapp, once at launch: take over WeChat's privacy prompt (older base libraries have none and need no consent). */
export function installPrivacyGate(): void {
  if (!isWeapp() || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    heldCalls.push(resolve);
    setState({ phase: 'asking', referrer: eventInfo?.referrer ?? null, guideName });
    refreshGuideName();
  });
}

/** The sheet is on screen: WeChat wants to know that the applicant was shown it. */
export function reportPrivacySheetShown(): void {
  for (const resolve of heldCalls) resolve({ event: 'exposureAuthorization' });
}

function storedConsent(): boolean {
  try {
    const stored: unknown = Taro.getStorageSync(PRIVACY_CONSENT_KEY);
    return typeof stored === 'object' && stored !== null && (stored as { version?: unknown }).version === PRIVACY_GUIDE_VERSION;
  } catch {
    return false;
  }
}

function answerWaiting(agreed: boolean): void {
  const callers = waiting;
  waiting = [];
  for (const answer of callers) answer(agreed);
}

/**
 * 同意. weapp: call it from the agree button's agreeprivacyauthorization event (WeChat has recorded the tap by then);
 * the held calls go on. H5: stores the consent and lets the waiting album call go on.
 */
export function agreePrivacy(): void {
  const calls = heldCalls;
  heldCalls = [];
  for (const resolve of calls) resolve({ buttonId: PRIVACY_AGREE_BUTTON_ID, event: 'agree' });
  if (isH5()) {
    try {
      Taro.setStorageSync(PRIVACY_CONSENT_KEY, { version: PRIVACY_GUIDE_VERSION, agreedAt: new Date().toISOString() });
    } catch {
      // Storage full or unavailable: the consent holds for this session and is asked for again next time.
    }
  }
  answerWaiting(true);
  setState({ phase: 'closed' });
}

/** 拒绝: the held calls fail (weapp) or the album is not opened (H5); the sheet explains and offers to ask again. */
export function refusePrivacy(): void {
  const calls = heldCalls;
  heldCalls = [];
  for (const resolve of calls) resolve({ event: 'disagree' });
  answerWaiting(false);
  setState({ phase: 'refused', guideName });
}

/** 重新授权 after a refusal: the sheet asks again (weapp: through WeChat, which holds a stand-in privacy call). */
export function askPrivacyAgain(): void {
  if (isWeapp() && typeof Taro.requirePrivacyAuthorize === 'function') {
    // Already agreed (e.g. in another page meanwhile): WeChat answers success without asking, so just close.
    Taro.requirePrivacyAuthorize({
      success: () => {
        if (state.phase === 'refused') setState({ phase: 'closed' });
      },
    });
    return;
  }
  setState({ phase: 'asking', referrer: null, guideName });
}

/** 暂不授权: closes the refusal's explanation. */
export function closePrivacySheet(): void {
  if (state.phase === 'refused') setState({ phase: 'closed' });
}

/** 查看完整指引: WeChat's page for the guideline declared in the MP console; on H5 the app's own copy. */
export function openPrivacyGuide(openInApp: () => void): void {
  if (isWeapp() && typeof Taro.openPrivacyContract === 'function') {
    Taro.openPrivacyContract({ fail: openInApp });
    return;
  }
  openInApp();
}

/**
 * Before the album or camera: whether the applicant has agreed to the privacy guideline. weapp answers true at once
 * (WeChat intercepts the API itself and the sheet shows then); H5 asks with the sheet the first time and remembers.
 */
export function requirePrivacyConsent(): Promise<boolean> {
  if (!isH5() || storedConsent()) return Promise.resolve(true);
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (state.phase !== 'asking') setState({ phase: 'asking', referrer: null, guideName });
  });
}

/** Tests: back to a fresh launch. */
export function resetPrivacyGate(): void {
  state = { phase: 'closed' };
  guideName = `《${PRIVACY_GUIDE_TITLE}》`;
  heldCalls = [];
  waiting = [];
  listeners.clear();
}
