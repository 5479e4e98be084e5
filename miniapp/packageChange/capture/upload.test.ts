// uploadMaterial: compression, progress, retry with backoff on network failure, refusals, and the page-surviving registry.
import { waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { BFF_ROUTES, bffPath } from '../../../shared/contracts/bffRoutes';
import { MATERIAL_EVENT, type MaterialEvent } from '../wizard/materials';
import { NETWORK_MESSAGE } from '../../services/errors';
import { seedSession } from '../../test/fakeBff';
import { taroMock } from '../../test/taro-mock';
import { installFakeUploadFile, uploadResponse, type FakeUploadFile } from './testing';
import { findUpload, uploadMaterial, type UploadState } from './upload';

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
  expect(options).toMatchObject({ filePath: 'wxfile://compressed.jpg', name: 'file', header: { Authorization: 'Bearer token-abc' } });
  expect(options.url).toMatch(/\/api\/changes\/change-\d+\/materials\/verification_form\?subject=website$/);

  fake.calls[0].progress(40);
  expect(upload.state).toEqual({ phase: 'uploading', progress: 40, attempt: 1 });
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

test('network failures are retried with growing backoff, then the upload succeeds', async () => {
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
  expect(phases).toContain('retry:网络不稳定，正在重新上传（第2次）…');
  expect(phases).toContain('retry:网络不稳定，正在重新上传（第3次）…');
});

test('a refused photo is not retried: the BFF’s instruction is the error', async () => {
  const upload = uploadMaterial({ changeId, kind: 'id_front', subject: 'website_principal', filePath: 'wxfile://blur.jpg' }, noSleep);
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  fake.calls[0].answer(422, { code: 'photo_rejected', message: '照片模糊，请在光线充足处重拍，拍摄时保持手机稳定、对焦清晰' });
  await expect(upload.done).rejects.toMatchObject({ status: 422, code: 'photo_rejected', message: expect.stringContaining('照片模糊') });
  expect(fake.calls).toHaveLength(1);
  expect(events.at(-1)).toMatchObject({ state: 'failed', message: expect.stringContaining('照片模糊') });
});

test('a 503 is retried like a network failure; after the last retry the upload fails with a network message', async () => {
  const upload = uploadMaterial({ changeId, kind: 'id_back', subject: 'website_principal', filePath: 'wxfile://x.jpg' }, { ...noSleep, maxRetries: 2 });
  await waitFor(() => expect(fake.calls).toHaveLength(1));
  fake.calls[0].answer(503, { code: 'service_unavailable', message: '服务繁忙，请稍后重试' });
  await waitFor(() => expect(fake.calls).toHaveLength(2));
  fake.calls[1].networkFailure();
  await waitFor(() => expect(fake.calls).toHaveLength(3));
  fake.calls[2].networkFailure();
  await expect(upload.done).rejects.toMatchObject({ code: 'network', message: NETWORK_MESSAGE });
  expect(fake.calls).toHaveLength(3);
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
  expect(seen[0]).toEqual({ phase: 'uploading', progress: 70, attempt: 1 });
  expect(findUpload(changeId, 'entity_principal', 'id_front')).toBeUndefined();

  const second = uploadMaterial({ changeId, kind: 'id_front', subject: 'website_principal', filePath: 'wxfile://2.jpg' }, noSleep);
  expect(fake.calls[0].aborted).toBe(true);
  await expect(first.done).rejects.toMatchObject({ code: 'aborted' });
  expect(findUpload(changeId, 'website_principal', 'id_front')).toBe(second);
  await waitFor(() => expect(fake.calls).toHaveLength(2));
  fake.calls[1].answer(200, uploadResponse('website_principal.id_front'));
  await expect(second.done).resolves.toMatchObject({ slot: 'website_principal.id_front' });
});
