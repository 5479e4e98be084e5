// The H5 build's privacy consent, on the real capture page: asked once before the album opens, remembered with the
// guideline's version, a refusal explains itself and can be taken back, and 查看完整指引 opens the app's copy.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { PRIVACY_GUIDE_VERSION, PRIVACY_REFUSED_MESSAGE } from '../../../shared/data/privacy';
import CapturePage from '../../packageChange/pages/capture/index';
import { PRIVACY_CONSENT_KEY, resetPrivacyGate } from './privacy';

const photo = (path: string) => ({ ok: { tempFiles: [{ tempFilePath: path, size: 1000, fileType: 'image' }], type: 'image', errMsg: 'chooseMedia:ok' } });

async function tap(text: string): Promise<void> {
  await act(async () => {
    fireEvent.click(await screen.findByText(text));
  });
}

beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  resetPrivacyGate();
  taroMock.setRouterParams({ changeId: 'chg_privacy0001', kind: 'id_front', subject: 'website_principal' });
});

afterAll(() => {
  delete process.env.TARO_ENV;
});

it('asks before the album opens; 同意并继续 opens it and the consent is remembered with the guideline version', async () => {
  render(<CapturePage />);
  await tap('拍照或从相册选择');
  expect(await screen.findByRole('dialog', { name: '隐私保护提示' })).toBeTruthy();
  expect(screen.getByText('身份证号码（证件号码）')).toBeTruthy();
  expect(screen.getByText('选中的照片（证件照片、网站真实性核验单）')).toBeTruthy();
  expect(taroMock.calls('chooseMedia')).toHaveLength(0);

  taroMock.enqueue('chooseMedia', photo('blob:photo-1'), photo('blob:photo-2'));
  await tap('同意并继续');
  await screen.findByText('使用这张');
  expect(taroMock.calls('chooseMedia')).toHaveLength(1);
  expect(screen.queryByRole('dialog', { name: '隐私保护提示' })).toBeNull();
  expect(taroMock.storage.get(PRIVACY_CONSENT_KEY)).toMatchObject({ version: PRIVACY_GUIDE_VERSION });

  // Asked once: the next pick goes straight to the album.
  await tap('重拍');
  await tap('拍照或从相册选择');
  await waitFor(() => expect(taroMock.calls('chooseMedia')).toHaveLength(2));
  expect(screen.queryByRole('dialog', { name: '隐私保护提示' })).toBeNull();
});

it('拒绝 opens nothing and says what cannot work; 重新授权 asks again, and after 同意 the album opens', async () => {
  render(<CapturePage />);
  await tap('拍照或从相册选择');
  await tap('拒绝');
  expect(await screen.findByText(PRIVACY_REFUSED_MESSAGE)).toBeTruthy();
  expect(taroMock.calls('chooseMedia')).toHaveLength(0);
  expect(taroMock.storage.has(PRIVACY_CONSENT_KEY)).toBe(false);
  // The refusal is the sheet's to explain: the capture screen adds no error of its own.
  expect(screen.queryByText('无法打开相册，请重试')).toBeNull();

  await tap('重新授权');
  await tap('同意并继续');
  expect(taroMock.storage.get(PRIVACY_CONSENT_KEY)).toMatchObject({ version: PRIVACY_GUIDE_VERSION });
  taroMock.enqueue('chooseMedia', photo('blob:photo-3'));
  await tap('拍照或从相册选择');
  await screen.findByText('使用这张');
  expect(taroMock.calls('chooseMedia')).toHaveLength(1);
});

it('暂不授权 closes the explanation and the next pick asks again', async () => {
  render(<CapturePage />);
  await tap('拍照或从相册选择');
  await tap('拒绝');
  await tap('暂不授权');
  expect(screen.queryByText(PRIVACY_REFUSED_MESSAGE)).toBeNull();
  await tap('拍照或从相册选择');
  expect(await screen.findByRole('dialog', { name: '隐私保护提示' })).toBeTruthy();
  expect(taroMock.calls('chooseMedia')).toHaveLength(0);
});

it('a consent stored for an older version of the guideline is asked for again', async () => {
  taroMock.storage.set(PRIVACY_CONSENT_KEY, { version: '2020-01-01', agreedAt: '2020-01-01T00:00:00.000Z' });
  render(<CapturePage />);
  await tap('拍照或从相册选择');
  expect(await screen.findByRole('dialog', { name: '隐私保护提示' })).toBeTruthy();
  expect(taroMock.calls('chooseMedia')).toHaveLength(0);
});

it('查看完整指引 opens the guideline in the app (H5 has no WeChat guideline page)', async () => {
  render(<CapturePage />);
  await tap('拍照或从相册选择');
  await tap('查看完整指引');
  expect(taroMock.calls('navigateTo').map((c) => c.url)).toEqual(['/pages/terms/index?doc=privacy-guide']);
  expect(taroMock.calls('openPrivacyContract')).toHaveLength(0);
});
