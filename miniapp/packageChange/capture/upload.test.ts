// uploadMaterial: compression, progress, a stall watchdog instead of a total timeout, retries with backoff that say what
// happened and which retry it is, refusals (not retried, not resendable), and the page-surviving registry.
import { waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { BFF_ROUTES, bffPath } from '../../../shared/contracts/bffRoutes';
import { MATERIAL_EVENT, type MaterialEvent } from '../wizard/materials';
import { seedSession } from '../../test/fakeBff';
import { taroMock } from '../../test/taro-mock';
import { installFakeUploadFile, uploadResponse, type FakeUploadFile } from './testing';
import { findUpload, PLATFORM_TIMEOUT_MS, uploadMaterial, type UploadState } from './upload';

let fake: FakeUploadFile;
let events: MaterialEvent[];
const onEvent = (e: MaterialEvent) => events.push(e);
let changeSeq = 0;
let changeId: string;

beforeEach(() => {
  fake = installFakeUploadFile();
  events = [];
  Taro.eventCenter.on(MATERIAL_EVENT, onEvent);
  changeId = `change-${++changeSeq}`;
  seedSession('token-abc');
});

afterEach(() => {
  Taro.eventCenter.off(MATERIAL_EVENT, onEvent);
  fake.uninstall();
});

const noSleep = { sleep: jest.fn(async (_ms: number) => undefined) };

test('compresses to a 2000 px long edge, uploads with the token, reports progress and resolves with an absolute preview URL', async () => {
  taroMock.enqueue('getImageInfo', { ok: { width: 3000, height: 4000 } });
  taroMock.enqueue('compressImage', { ok: { tempFilePath: 'wxfile://compressed.jpg' } });
  const upload = uploadMaterial({ changeId, kind: 'verification_form', subject: 'website', filePath: 'wxfile://original.jpg' });
  const states: UploadState[] = [];
  upload.subscribe((s) => states.push(s));

  await waitFor(() => expect(fake.calls).toHaveLength(1));
  expect(taroMock.calls('compressImage')[0]).toMatchObject({ src: 'wxfile://original.jpg', quality: 80, compressedHeight: 2000 });
  const { options } = fake.calls[0];
  // The platform's own timeout is pushed far out: a slow upload that keeps moving is never cut by a total timeout.
  expect(options).toMatchObject({ filePath: 'wxfile://compressed.jpg', name: 'file', header: { Authorization: 'Bearer token-abc' }, timeout: PLATFORM_TIMEOUT_MS });
  expect(PLATFORM_TIMEOUT_MS).toBeGreaterThanOrEqual(30 * 60_000);
  expect(options.url).toMatch(/\/api\/changes\/change-\d+\/materials\/verification_form\?subject=website$/);

  fake.calls[0].progress(40);
  expect(upload.state).toEqual({ phase: 'uploading', progress: 40, attempt: 1, retry: 0 });
  fake.calls[0].answer(200, uploadResponse('website.verification_form', { warnings: ['照片略模糊，请放大确认文字清晰，否则建议重拍'] }));
  const result = await upload.done;
  expect(result.previewUrl).toMatch(/^http:\/\/.+\/api\/materials\/a{32}\?exp=1&sig=x$/);
  expect(result.warnings).toEqual(['照片略模糊，请放大确认文字清晰，否则建议重拍']);
  expect(states.map((s) => s.phase)).toEqual(['preparing', 'uploading', 'uploading', 'done']);
  // The wizard's materials step hears about it too.
  expect(events.map((e) => [e.slot, e.state, e.progress])).toEqual(
    expect.arrayContaining([
      ['website.verification_form', 'uploading', 40],
      ['website.verification_form', 'done', 100],
    ]),
  );
});

test('posts to the contract’s upload route (wx.uploadFile can only POST) and holds the answer to its schema', async () => {
  expect(BFF_ROUTES.uploadMaterialPost.method).toBe('POST');
  const upload = uploadMaterial({ changeId, kind: 'id_back', subject: 'entity_principal', filePath: 'wxfile://c.jpg' }, noSleep);
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  const url = new URL(fake.calls[0].options.url);
  expect(`${url.pathname}${url.search}`).toBe(bffPath('uploadMaterialPost', { id: changeId, kind: 'id_back' }, { subject: 'entity_principal' }));
  expect(fake.calls[0].options.formData).toEqual({ subject: 'entity_principal' });
  // An answer off the contract (here without its preview URL) is not taken for an upload.
  const { previewUrl: _missing, ...offContract } = uploadResponse('entity_principal.id_back');
  fake.calls[0].answer(200, offContract);
  await expect(upload.done).rejects.toMatchObject({ code: 'bad_response' });
});

test('a landscape photo is compressed by width; when compression is unavailable the original is uploaded', async () => {
  taroMock.enqueue('getImageInfo', { ok: { width: 4000, height: 3000 } });
  taroMock.enqueue('compressImage', { ok: { tempFilePath: 'wxfile://small.jpg' } });
  uploadMaterial({ changeId, kind: 'id_front', subject: 'website_principal', filePath: 'wxfile://a.jpg' });
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  expect(taroMock.calls('compressImage')[0]).toMatchObject({ compressedWidth: 2000 });

  taroMock.enqueue('getImageInfo', { fail: 'not supported' });
  uploadMaterial({ changeId, kind: 'id_back', subject: 'website_principal', filePath: 'wxfile://b.jpg' });
  await waitFor(() => expect(fake.calls).toHaveLength(2));
  expect(fake.calls[1].options.filePath).toBe('wxfile://b.jpg');
});

test('network failures and timeouts are retried with growing backoff, each retry saying what happened and which retry it is', async () => {
  const sleep = jest.fn(async (_ms: number) => undefined);
  const upload = uploadMaterial({ changeId, kind: 'id_front', subject: 'entity_principal', filePath: 'wxfile://p.jpg' }, { sleep });
  const phases: string[] = [];
  upload.subscribe((s) => phases.push(s.phase === 'waiting_retry' ? `retry:${s.message}` : s.phase));
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  fake.calls[0].networkFailure();
  await waitFor(() => expect(fake.calls).toHaveLength(2));
  fake.calls[1].networkFailure('uploadFile:fail timeout');
  await waitFor(() => expect(fake.calls).toHaveLength(3));
  fake.calls[2].answer(200, uploadResponse('entity_principal.id_front'));
  await expect(upload.done).resolves.toMatchObject({ slot: 'entity_principal.id_front' });
  expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000, 2000]);
  expect(phases).toContain('retry:网络中断，1秒后第1次重试…');
  expect(phases).toContain('retry:上传超时，2秒后第2次重试…');
  // The wizard hears which retry is running.
  expect(events.some((e) => e.state === 'uploading' && e.message === '第2次重试')).toBe(true);
});

test('a refused photo is not retried: the error says the server refused it, with the BFF’s instruction, and is not resendable', async () => {
  const upload = uploadMaterial({ changeId, kind: 'id_front', subject: 'website_principal', filePath: 'wxfile://blur.jpg' }, noSleep);
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  fake.calls[0].answer(422, { code: 'photo_rejected', message: '照片模糊，请在光线充足处重拍，拍摄时保持手机稳定、对焦清晰', reason: 'blurred', retake: true });
  await expect(upload.done).rejects.toMatchObject({ status: 422, code: 'photo_rejected', message: '服务器拒收：照片模糊，请在光线充足处重拍，拍摄时保持手机稳定、对焦清晰' });
  expect(upload.state).toMatchObject({ phase: 'failed', resendable: false });
  expect(fake.calls).toHaveLength(1);
  expect(events.at(-1)).toMatchObject({ state: 'failed', message: expect.stringContaining('服务器拒收：照片模糊') });
});

test('a busy BFF (503) is retried after its Retry-After; after the last retry the failure names what happened and is resendable', async () => {
  const sleep = jest.fn(async (_ms: number) => undefined);
  const upload = uploadMaterial({ changeId, kind: 'id_back', subject: 'website_principal', filePath: 'wxfile://x.jpg' }, { sleep, maxRetries: 2 });
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  fake.calls[0].answer(503, { code: 'service_unavailable', message: '当前上传的照片较多，请7秒后重新上传', retryAfterSeconds: 7 });
  await waitFor(() => expect(fake.calls).toHaveLength(2));
  expect(sleep).toHaveBeenLastCalledWith(7000);
  expect(upload.state).toMatchObject({ phase: 'uploading', retry: 1 });
  fake.calls[1].networkFailure();
  await waitFor(() => expect(fake.calls).toHaveLength(3));
  fake.calls[2].networkFailure();
  await expect(upload.done).rejects.toMatchObject({ code: 'network', message: '网络中断，照片没有传完（已自动重试2次）。请到信号好的地方，点“重新上传这张”' });
  expect(upload.state).toMatchObject({ phase: 'failed', resendable: true });
  expect(fake.calls).toHaveLength(3);
});

describe('the stall watchdog', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Lets the upload's promise chain (compression, request slot) run up to its next timer. */
  const settle = async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  };

  test('an upload that keeps moving is never cut; one that stops moving is aborted as 上传超时 and retried', async () => {
    const options = { ...noSleep, stallTimeoutMs: 20_000, answerTimeoutMs: 60_000 };
    const upload = uploadMaterial({ changeId, kind: 'id_front', subject: 'entity_principal', filePath: 'wxfile://slow.jpg' }, options);
    await settle();
    expect(fake.calls).toHaveLength(1);
    // Five minutes of slow progress: each step comes within the stall window, so nothing is aborted.
    for (let percent = 1; percent <= 30; percent++) {
      jest.advanceTimersByTime(10_000);
      fake.calls[0].progress(percent * 3);
    }
    expect(fake.calls[0].aborted).toBe(false);
    expect(upload.state).toMatchObject({ phase: 'uploading', progress: 90 });
    // Then nothing for 20 s: stalled.
    jest.advanceTimersByTime(20_000);
    expect(fake.calls[0].aborted).toBe(true);
    await settle();
    expect(fake.calls).toHaveLength(2);
    expect(events.some((e) => e.message === '上传超时，1秒后第1次重试…')).toBe(true);
  });

  test('once every byte is handed over, the answer gets its own, longer wait (buffers drain, the BFF checks the photo)', async () => {
    const options = { ...noSleep, stallTimeoutMs: 20_000, answerTimeoutMs: 60_000 };
    uploadMaterial({ changeId, kind: 'id_front', subject: 'entity_principal', filePath: 'wxfile://sent.jpg' }, options);
    await settle();
    fake.calls[0].progress(100);
    jest.advanceTimersByTime(59_000);
    expect(fake.calls[0].aborted).toBe(false);
    jest.advanceTimersByTime(1_000);
    expect(fake.calls[0].aborted).toBe(true);
  });
});

test('the registry keeps an upload by change + slot, a late subscriber sees its progress, and a new photo replaces it', async () => {
  const first = uploadMaterial({ changeId, kind: 'id_front', subject: 'website_principal', filePath: 'wxfile://1.jpg' }, noSleep);
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  fake.calls[0].progress(70);

  // The page was left and opened again: it finds the same upload and gets its current state at once.
  const found = findUpload(changeId, 'website_principal', 'id_front');
  expect(found).toBe(first);
  const seen: UploadState[] = [];
  found!.subscribe((s) => seen.push(s));
  expect(seen[0]).toEqual({ phase: 'uploading', progress: 70, attempt: 1, retry: 0 });
  expect(findUpload(changeId, 'entity_principal', 'id_front')).toBeUndefined();

  const second = uploadMaterial({ changeId, kind: 'id_front', subject: 'website_principal', filePath: 'wxfile://2.jpg' }, noSleep);
  expect(fake.calls[0].aborted).toBe(true);
  await expect(first.done).rejects.toMatchObject({ code: 'aborted' });
  expect(findUpload(changeId, 'website_principal', 'id_front')).toBe(second);
  await waitFor(() => expect(fake.calls).toHaveLength(2));
  fake.calls[1].answer(200, uploadResponse('website_principal.id_front'));
  await expect(second.done).resolves.toMatchObject({ slot: 'website_principal.id_front' });
});
