// The camera calls of the capture screen, in one small module so tests can replace the native camera context.
import Taro from '@tarojs/taro';

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
