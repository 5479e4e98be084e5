// Fetches the change's pre-filled 核验单 PDF with the session: weapp downloads it and opens it (print or forward from
// WeChat's document viewer); H5 saves it through a download link, since a plain link cannot carry the bearer token.
import Taro from '@tarojs/taro';
import { bffPath } from '../../../shared/contracts/bffRoutes';
import { api } from '../../services/api';
import { ApiRequestError, errorFromResponse } from '../../services/errors';
import { absoluteUrl } from './materials';

export const VERIFICATION_FORM_FILE_NAME = '网站备案信息真实性核验单.pdf';
const DOWNLOAD_FAILED = '核验单下载失败，请检查网络后重试';

async function downloadInBrowser(url: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: api.authHeader() });
  } catch {
    throw new ApiRequestError({ status: 0, code: 'network', message: DOWNLOAD_FAILED });
  }
  if (!res.ok) throw errorFromResponse(res.status, await res.json().catch(() => null));
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = VERIFICATION_FORM_FILE_NAME;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file; the object URL is not needed after the save dialog.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

async function downloadInWechat(url: string): Promise<void> {
  let res: { statusCode: number; tempFilePath: string };
  try {
    res = await Taro.downloadFile({ url, header: api.authHeader() });
  } catch {
    throw new ApiRequestError({ status: 0, code: 'network', message: DOWNLOAD_FAILED });
  }
  if (res.statusCode !== 200) throw errorFromResponse(res.statusCode, null);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
}

export function downloadVerificationForm(changeId: string): Promise<void> {
  const url = absoluteUrl(bffPath('verificationFormPdf', { id: changeId }));
  return process.env.TARO_ENV === 'h5' ? downloadInBrowser(url) : downloadInWechat(url);
}
