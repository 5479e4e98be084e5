// weapp: WeChat downloads a new version of the mini-program by itself; when it is ready, offer to restart into it.
// Drafts are saved to the server as the applicant types (and kept on the phone while offline), so a restart loses
// nothing and the applicant continues where they were: the prompt says so.
import Taro from '@tarojs/taro';

export const UPDATE_READY_TITLE = '新版本已准备好';
export const UPDATE_READY_MESSAGE = '草稿已自动保存，重启后可继续填写。是否现在重启小程序？';

/** Once at launch. Not restarting now is fine: WeChat starts the new version on the next cold start. */
export function offerUpdates(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.getUpdateManager !== 'function') return;
  const manager = Taro.getUpdateManager();
  manager.onUpdateReady(() => {
    void Taro.showModal({ title: UPDATE_READY_TITLE, content: UPDATE_READY_MESSAGE, confirmText: '重启', cancelText: '稍后' })
      .then((res) => {
        if (res.confirm) manager.applyUpdate();
      })
      // No modal (another one is showing): the new version starts on the next cold start.
      .catch(() => undefined);
  });
}
