// CaptureScreen behaviour: guide per kind, shoot → review → upload → done, album (and H5), camera refused, re-entry.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { taroMock } from '../../test/taro-mock';
import { takePhoto } from './camera';
import { CAMERA_DENIED_MESSAGE, CaptureScreen, TAKE_PHOTO_FAILED } from './CaptureScreen';
import { installFakeUploadFile, uploadResponse, type FakeUploadFile } from './testing';
import { RECOGNITION_FILL_EVENT } from './recognition';
import { setToken } from '../../services/session';
import Taro from '@tarojs/taro';
import { PRIVACY_CONSENT_KEY } from '../../components/ui/privacy';
import { PRIVACY_GUIDE_VERSION } from '../../../shared/data/privacy';

jest.mock('./camera', () => ({ ...jest.requireActual('./camera'), takePhoto: jest.fn() }));

// The H5 Camera stand-in cannot fail by itself: this one exposes onError as a button, like a camera refusing to start.
jest.mock('@tarojs/components', () => {
  // No JSX and no eager requireActual: the factory runs before this file's imports (jest hoists it), and Taro's H5
  // components import '@tarojs/components' themselves, so the real members are looked up only when used.
  const { createElement } = jest.requireActual('react');
  const Camera = ({ children, onError, flash }: { children?: ReactNode; onError?: () => void; flash?: string }) =>
    createElement('div', { 'data-testid': 'camera', 'data-flash': flash }, createElement('button', { type: 'button', onClick: () => onError?.() }, 'camera-error'), children);
  return new Proxy(
    {},
    {
      get: (_target, name) => {
        if (name === 'Camera') return Camera;
        if (name === '__esModule') return true;
        return jest.requireActual('@tarojs/components')[name];
      },
    },
  );
});

const takePhotoMock = takePhoto as jest.MockedFunction<typeof takePhoto>;
let fake: FakeUploadFile;
let seq = 0;
let changeId: string;
const originalEnv = process.env.TARO_ENV;

beforeEach(() => {
  fake = installFakeUploadFile();
  changeId = `change-screen-${++seq}`;
  takePhotoMock.mockReset();
});

afterEach(() => {
  fake.uninstall();
  process.env.TARO_ENV = originalEnv;
});

/** Retries without waiting: the backoff itself is upload.test.ts's concern. */
const noWait = { sleep: async () => undefined, maxRetries: 2 };

function renderScreen(kind: 'id_front' | 'id_back' | 'verification_form' = 'id_front', subject: 'website_principal' | 'website' = 'website_principal') {
  const onDone = jest.fn();
  const onCancel = jest.fn();
  const view = render(<CaptureScreen kind={kind} subject={subject} changeId={changeId} onDone={onDone} onCancel={onCancel} uploadOptions={noWait} />);
  return { onDone, onCancel, ...view };
}

test('the camera shows a landscape ID-card frame, the one-line tip and a flash toggle', async () => {
  renderScreen('id_front');
  expect(screen.getByText('拍摄身份证人像面')).toBeTruthy();
  expect(screen.getByText('人像面朝上，平放、四角完整、避免反光、请勿翻拍屏幕')).toBeTruthy();
  const frame = screen.getByLabelText('拍摄身份证人像面取景框');
  const width = parseFloat(frame.style.width);
  const height = parseFloat(frame.style.height);
  expect(width / height).toBeCloseTo(85.6 / 54, 1);

  expect(screen.getByTestId('camera').dataset.flash).toBe('off');
  fireEvent.click(screen.getByText('闪光灯：关'));
  expect(screen.getByTestId('camera').dataset.flash).toBe('on');
  expect(screen.getByText('闪光灯：开')).toBeTruthy();
});

test('the verification form gets a portrait A4 frame', () => {
  renderScreen('verification_form', 'website');
  const frame = screen.getByLabelText('拍摄网站真实性核验单取景框');
  expect(parseFloat(frame.style.width) / parseFloat(frame.style.height)).toBeCloseTo(210 / 297, 1);
  expect(screen.getByText('签字后整页拍摄，平放、四角完整、避免反光、请勿翻拍屏幕')).toBeTruthy();
});

test('shoot → review → 使用这张 uploads with progress and hands the result to onDone', async () => {
  takePhotoMock.mockResolvedValue('wxfile://shot.jpg');
  const { onDone } = renderScreen('id_front');
  fireEvent.click(screen.getByText('拍照'));
  expect(await screen.findByText('使用这张')).toBeTruthy();
  expect(screen.getByLabelText('待上传的照片').querySelector('img')?.getAttribute('src')).toBe('wxfile://shot.jpg');

  fireEvent.click(screen.getByText('使用这张'));
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  expect(fake.calls[0].options.url).toContain(`/api/changes/${changeId}/materials/id_front?subject=website_principal`);
  act(() => fake.calls[0].progress(35));
  expect(await screen.findByText('正在上传 35%')).toBeTruthy();
  expect(screen.getByText('离开本页不会中断上传')).toBeTruthy();
  act(() => fake.calls[0].answer(200, uploadResponse('website_principal.id_front')));
  // An ID photo goes on to its suggestion while it is read; 完成 leaves without filling anything.
  fireEvent.click(await screen.findByText('完成'));
  expect(onDone).toHaveBeenCalledTimes(1);
  expect(onDone.mock.calls[0][0]).toMatchObject({ slot: 'website_principal.id_front', width: 2000 });
});

test('an upload accepted with a warning shows it and lets the applicant keep the photo or reshoot', async () => {
  takePhotoMock.mockResolvedValue('wxfile://soft.jpg');
  const { onDone } = renderScreen();
  fireEvent.click(screen.getByText('拍照'));
  fireEvent.click(await screen.findByText('使用这张'));
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  const warning = '照片略模糊，请放大确认文字清晰，否则建议重拍';
  act(() => fake.calls[0].answer(200, uploadResponse('website_principal.id_front', { warnings: [warning] })));
  expect(await screen.findByText(warning)).toBeTruthy();
  expect(onDone).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText('就用这张'));
  fireEvent.click(await screen.findByText('完成'));
  expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ warnings: [warning] }));
});

test('重拍 on the review screen goes back to the camera without uploading', async () => {
  takePhotoMock.mockResolvedValue('wxfile://shot.jpg');
  renderScreen();
  fireEvent.click(screen.getByText('拍照'));
  fireEvent.click(await screen.findByText('重拍'));
  expect(screen.getByTestId('camera')).toBeTruthy();
  expect(fake.calls).toHaveLength(0);
});

test('a failed shot says so and keeps the camera open', async () => {
  takePhotoMock.mockRejectedValue({ errMsg: 'takePhoto:fail' });
  renderScreen();
  fireEvent.click(screen.getByText('拍照'));
  expect(await screen.findByText(TAKE_PHOTO_FAILED)).toBeTruthy();
  expect(screen.getByTestId('camera')).toBeTruthy();
});

test('a refused photo says the server refused it and why, shows a good example, and offers 重新拍摄 — not 重新上传这张', async () => {
  takePhotoMock.mockResolvedValue('wxfile://blurred.jpg');
  const { onDone } = renderScreen();
  fireEvent.click(screen.getByText('拍照'));
  fireEvent.click(await screen.findByText('使用这张'));
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  act(() => fake.calls[0].answer(422, { code: 'photo_rejected', message: '照片模糊，请在光线充足处重拍，拍摄时保持手机稳定、对焦清晰', reason: 'blurred', retake: true }));
  expect(await screen.findByText('服务器拒收：照片模糊，请在光线充足处重拍，拍摄时保持手机稳定、对焦清晰')).toBeTruthy();
  expect(screen.getByText('这张照片不能使用')).toBeTruthy();
  expect(onDone).not.toHaveBeenCalled();
  // Sending the same bytes again cannot help.
  expect(screen.queryByText('重新上传这张')).toBeNull();
  expect(exampleSrc('身份证人像面示例照片')).toMatch(/\/api\/material-examples\/id_front$/);
  expect(fake.calls).toHaveLength(1);

  fireEvent.click(screen.getByText('重新拍摄'));
  expect(screen.getByTestId('camera')).toBeTruthy();
});

test('a network failure that outlasts the retries names it, and 重新上传这张 sends the same photo again', async () => {
  takePhotoMock.mockResolvedValue('wxfile://good.jpg');
  renderScreen();
  fireEvent.click(screen.getByText('拍照'));
  fireEvent.click(await screen.findByText('使用这张'));
  for (let n = 1; n <= 3; n++) {
    await waitFor(() => expect(fake.calls).toHaveLength(n));
    if (n === 2) {
      act(() => fake.calls[1].progress(30));
      expect(await screen.findByText('第1次重试：正在上传 30%')).toBeTruthy();
    }
    act(() => fake.calls[n - 1].networkFailure());
  }
  expect(await screen.findByText('网络中断，照片没有传完（已自动重试2次）。请到信号好的地方，点“重新上传这张”')).toBeTruthy();
  expect(screen.getByText('上传未成功')).toBeTruthy();

  fireEvent.click(screen.getByText('重新上传这张'));
  await waitFor(() => expect(fake.calls).toHaveLength(4));
  expect(fake.calls[3].options.filePath).toBe('wxfile://good.jpg');
});

test('album pick uses chooseMedia with one compressed image, and closing the picker is not an error', async () => {
  renderScreen();
  taroMock.enqueue('chooseMedia', { cancel: true });
  fireEvent.click(screen.getByText('相册'));
  await waitFor(() => expect(taroMock.calls('chooseMedia')).toHaveLength(1));
  expect(taroMock.calls('chooseMedia')[0]).toMatchObject({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
  expect(screen.queryByRole('alert')).toBeNull();

  taroMock.enqueue('chooseMedia', { ok: { tempFiles: [{ tempFilePath: 'wxfile://album.jpg', size: 100, fileType: 'image' }] } });
  fireEvent.click(screen.getByText('相册'));
  expect(await screen.findByText('使用这张')).toBeTruthy();
  expect(screen.getByLabelText('待上传的照片').querySelector('img')?.getAttribute('src')).toBe('wxfile://album.jpg');
});

/** The src of the example photo labelled `label` (served by the BFF, not shipped in a package). */
function exampleSrc(label: string): string | null | undefined {
  return screen.getByLabelText(label).querySelector('img')?.getAttribute('src');
}

test('the camera bar shows a small example photo; tapping it opens it full screen', () => {
  renderScreen('id_back');
  const src = exampleSrc('身份证国徽面示例照片');
  expect(src).toMatch(/\/api\/material-examples\/id_back$/);
  fireEvent.click(screen.getByText('示例'));
  expect(taroMock.calls('previewImage')[0]).toMatchObject({ urls: [src], current: src });
});

test('on H5 there is no camera: the album is the only path, with the example photo of the kind', async () => {
  process.env.TARO_ENV = 'h5';
  // The H5 privacy consent (asked once before the album; see components/ui/privacySheet.test.tsx) was given.
  taroMock.storage.set(PRIVACY_CONSENT_KEY, { version: PRIVACY_GUIDE_VERSION, agreedAt: '2026-12-01T00:00:00.000Z' });
  renderScreen('verification_form', 'website');
  expect(screen.queryByTestId('camera')).toBeNull();
  expect(exampleSrc('网站真实性核验单示例照片')).toMatch(/\/api\/material-examples\/verification_form$/);
  expect(screen.getByText('示例：平放在桌上，四角完整，文字清晰，没有反光（点击放大）')).toBeTruthy();
  taroMock.enqueue('chooseMedia', { ok: { tempFiles: [{ tempFilePath: 'blob:h5-photo', size: 100, fileType: 'image' }] } });
  fireEvent.click(screen.getByText('拍照或从相册选择'));
  expect(await screen.findByText('使用这张')).toBeTruthy();
  // 重拍 returns to the album screen, not to a camera.
  fireEvent.click(screen.getByText('重拍'));
  expect(screen.getByText('拍照或从相册选择')).toBeTruthy();
});

test('a camera that fails to start explains the permission and 去设置 opens the settings; granted → camera again', async () => {
  renderScreen();
  fireEvent.click(screen.getByText('camera-error'));
  expect(screen.getByText(CAMERA_DENIED_MESSAGE)).toBeTruthy();
  taroMock.enqueue('openSetting', { ok: { authSetting: { 'scope.camera': true } } });
  fireEvent.click(screen.getByText('去设置'));
  await waitFor(() => expect(screen.getByTestId('camera')).toBeTruthy());
  expect(taroMock.calls('openSetting')).toHaveLength(1);
});

test('a camera permission refused earlier (getSetting) goes straight to the explanation, with the album as a way out', async () => {
  taroMock.enqueue('getSetting', { ok: { authSetting: { 'scope.camera': false } } });
  renderScreen();
  expect(await screen.findByText(CAMERA_DENIED_MESSAGE)).toBeTruthy();
  taroMock.enqueue('openSetting', { ok: { authSetting: { 'scope.camera': false } } });
  fireEvent.click(screen.getByText('去设置'));
  await waitFor(() => expect(taroMock.calls('openSetting')).toHaveLength(1));
  expect(screen.getByText(CAMERA_DENIED_MESSAGE)).toBeTruthy();
  expect(screen.getByText('从相册选择')).toBeTruthy();
});

test('leaving during an upload does not stop it: re-entering shows its progress and then completes', async () => {
  takePhotoMock.mockResolvedValue('wxfile://shot.jpg');
  const first = renderScreen();
  fireEvent.click(screen.getByText('拍照'));
  fireEvent.click(await screen.findByText('使用这张'));
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  act(() => fake.calls[0].progress(20));
  first.unmount();

  act(() => fake.calls[0].progress(60));
  const again = renderScreen();
  expect(screen.getByText('正在上传 60%')).toBeTruthy();
  expect(screen.queryByTestId('camera')).toBeNull();
  expect(fake.calls[0].aborted).toBe(false);
  act(() => fake.calls[0].answer(200, uploadResponse('website_principal.id_front')));
  fireEvent.click(await screen.findByText('完成'));
  expect(again.onDone).toHaveBeenCalledTimes(1);
  expect(first.onDone).not.toHaveBeenCalled();
});

test('取消上传 aborts the upload and returns to the review of the same photo', async () => {
  takePhotoMock.mockResolvedValue('wxfile://shot.jpg');
  renderScreen();
  fireEvent.click(screen.getByText('拍照'));
  fireEvent.click(await screen.findByText('使用这张'));
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  fireEvent.click(screen.getByText('取消上传'));
  expect(await screen.findByText('使用这张')).toBeTruthy();
  expect(fake.calls[0].aborted).toBe(true);
});

describe('the suggestion after an ID photo is accepted', () => {
  const answers: Record<string, { status: number; data: unknown }> = {};
  beforeEach(() => {
    // The BFF's recognition route: the front is read on the second poll; the back has no photo yet (404).
    let frontPolls = 0;
    setToken('test-session-token', new Date(Date.now() + 3600_000).toISOString());
    answers.back = { status: 404, data: { code: 'not_found', message: '这份材料的照片不存在或无权访问' } };
    taroMock.setDefault('request', {
      handler: (options: { url: string }) => {
        const front = options.url.includes('/materials/id_front/recognition');
        const answer = front
          ? ++frontPolls < 2
            ? { status: 200, data: { status: 'pending', fields: {}, mismatches: [] } }
            : {
                status: 200,
                data: {
                  status: 'done',
                  fields: { name: '王小明', idNumber: '330106199001010573' },
                  mismatches: [
                    { field: 'websitePrincipal.name', onPhoto: '王小明', inForm: '王晓明', message: '网站负责人身份证照片上的姓名（王小明）与填写的网站负责人姓名（王晓明）不一致' },
                  ],
                },
              }
          : answers.back;
        return { statusCode: answer.status, data: answer.data, header: {}, errMsg: 'request:ok' };
      },
    });
  });

  async function uploadFront() {
    takePhotoMock.mockResolvedValue('wxfile://shot.jpg');
    const view = renderScreen('id_front');
    fireEvent.click(screen.getByText('拍照'));
    fireEvent.click(await screen.findByText('使用这张'));
    await waitFor(() => expect(fake.calls).toHaveLength(1));
    act(() => fake.calls[0].answer(200, uploadResponse('website_principal.id_front')));
    return view;
  }

  test('polls while pending, then offers the read values (number shortened) with the mismatch; nothing is filled without 填入', async () => {
    const filled = jest.fn();
    Taro.eventCenter.on(RECOGNITION_FILL_EVENT, filled);
    const { onDone } = await uploadFront();
    expect(await screen.findByText('正在识别证件上的信息…')).toBeTruthy();
    expect(await screen.findByText('识别到：王小明 · 3301…0573', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText(/与填写的网站负责人姓名（王晓明）不一致/)).toBeTruthy();
    expect(screen.queryByText(/330106199001010573/)).toBeNull();
    expect(filled).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('填入'));
    expect(filled).toHaveBeenCalledWith({ changeId, edits: { 'websitePrincipal.name': '王小明', 'websitePrincipal.idNumber': '330106199001010573' } });
    expect(onDone).toHaveBeenCalledTimes(1);
    Taro.eventCenter.off(RECOGNITION_FILL_EVENT, filled);
  });

  test('不填入，返回 leaves without filling', async () => {
    const filled = jest.fn();
    Taro.eventCenter.on(RECOGNITION_FILL_EVENT, filled);
    const { onDone } = await uploadFront();
    fireEvent.click(await screen.findByText('不填入，返回', undefined, { timeout: 5000 }));
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(filled).not.toHaveBeenCalled();
    Taro.eventCenter.off(RECOGNITION_FILL_EVENT, filled);
  });
});
