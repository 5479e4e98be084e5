// What the mini-program collects, why, and through which WeChat interface: the privacy sheet's summary, the in-app
// privacy guideline (terms page) and the declarations entered in the MP admin console (docs/wechat-publishing.md).

/** Title of the guideline, as registered in the MP console (用户隐私保护指引) and shown in the app. */
export const PRIVACY_GUIDE_TITLE = '备案变更助手隐私保护指引';

/**
 * Version of the collection list below. The H5 build stores the applicant's consent with it and asks again when it
 * changes (WeChat does the same on weapp when the console declares new collection types).
 */
export const PRIVACY_GUIDE_VERSION = '2026-12-01';

export interface PrivacyCollection {
  /** What is collected, in the words of the MP console's list. */
  item: string;
  /** Why (the console shows it as 为了…). */
  purpose: string;
  /** How it is collected: typed by the applicant, or the WeChat interface or component that reads it. */
  source: string;
}

export const PRIVACY_COLLECTIONS: PrivacyCollection[] = [
  {
    item: '身份证号码（证件号码）',
    purpose: '核验网站负责人和主体负责人的身份，并随变更申请提交服务商初审和通信管理局审核',
    source: '您在变更表单中填写',
  },
  {
    item: '手机号码和电子邮箱',
    purpose: '发送短信验证码、接收工信部核验短信和审核进度通知',
    source: '您在变更表单中填写',
  },
  {
    item: '选中的照片（证件照片、网站真实性核验单）',
    purpose: '上传备案材料供服务商和通信管理局审核',
    source: '从相册选择照片（wx.chooseMedia）',
  },
  {
    item: '摄像头',
    purpose: '拍摄证件和网站真实性核验单',
    source: '拍照界面的相机（camera 组件）',
  },
];

/** What cannot work without the applicant's consent: said on the sheet after a refusal. */
export const PRIVACY_REFUSED_MESSAGE = '未同意隐私保护指引，就无法拍照上传证件和网站真实性核验单，也无法从相册选择照片，变更申请因此无法提交；查看备案信息和审核进度不受影响。';
