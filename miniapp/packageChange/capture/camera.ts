// The camera calls of the capture screen, in one small module so tests can replace the native camera context.
import Taro from '@tarojs/taro';
import { requirePrivacyConsent } from '../../components/ui/privacy';

const PRIVACY_REFUSED = /privacy permission is not authorized/;

/**
 * Taro.chooseMedia once the applicant has agreed to the privacy guideline; null when they have not (the privacy sheet
 * says what cannot work and offers to ask again, so the screen adds nothing). weapp: WeChat holds the call while the
 * sheet asks and fails it with "privacy permission is not authorized" on 拒绝; H5: the sheet asks first, once.
 */
export async function choosePhoto(options: Taro.chooseMedia.Option): Promise<Taro.chooseMedia.SuccessCallbackResult | null> {
  if (!(await requirePrivacyConsent())) return null;
  try {
    return await Taro.chooseMedia(options);
  } catch (err) {
    if (PRIVACY_REFUSED.test((err as { errMsg?: string } | undefined)?.errMsg ?? '')) return null;
    throw err;
  }
}

/** Takes a photo with the on-screen Camera component; resolves with its temp file path. */
export function takePhoto(): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.createCameraContext().takePhoto({
      quality: 'high',
      success: (res) => resolve(res.tempImagePath),
      // wx's failure is a plain { errMsg }; keep it (callers read errMsg) on a real Error.
      fail: (err) => reject(Object.assign(new Error(err.errMsg), err)),
    });
  });
}

/** Whether the applicant refused the camera before (`false`); `undefined` means never asked (the Camera will ask). */
export async function cameraPermission(): Promise<boolean | undefined> {
  try {
    const setting = await Taro.getSetting();
    return setting.authSetting?.['scope.camera'];
  } catch {
    return undefined;
  }
}
