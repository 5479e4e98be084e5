// Local material storage: generated ids only, owner-only files, ids checked on every access, idempotent delete.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors';
import { checkPreviewSignature } from './signing';
import { createLocalStorage, FILE_ID_PATTERN } from './storage';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'storage-')), 'materials');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const meta = { contentType: 'image/jpeg' as const, sha256: 'x' };

test('put stores under a fresh random id with owner-only permissions, read returns the same bytes', async () => {
  const storage = createLocalStorage(dir);
  const a = await storage.put(Buffer.from('first'), meta);
  const b = await storage.put(Buffer.from('second'), meta);
  expect(a.fileId).toMatch(FILE_ID_PATTERN);
  expect(b.fileId).not.toBe(a.fileId);
  expect((await storage.read(a.fileId)).toString()).toBe('first');
  expect(statSync(join(dir, `${a.fileId}.jpg`)).mode & 0o777).toBe(0o600);
  expect(readdirSync(dir).sort()).toEqual([`${a.fileId}.jpg`, `${b.fileId}.jpg`].sort());
});

test('ids that are not generated ones never reach the file system', async () => {
  const storage = createLocalStorage(dir);
  await storage.put(Buffer.from('x'), meta);
  writeFileSync(join(dir, '..', 'secret.jpg'), 'secret');
  for (const id of ['../secret', '..%2Fsecret', 'A'.repeat(32), `${'a'.repeat(31)}/`, '']) {
    await expect(storage.read(id)).rejects.toMatchObject({ status: 404 });
    await expect(storage.delete(id)).rejects.toBeInstanceOf(AppError);
  }
  await expect(storage.read('b'.repeat(32))).rejects.toMatchObject({ status: 404, message: '照片不存在或无权访问' });
});

test('delete removes the file and is idempotent', async () => {
  const storage = createLocalStorage(dir);
  const { fileId } = await storage.put(Buffer.from('x'), meta);
  await storage.delete(fileId);
  await storage.delete(fileId);
  await expect(storage.read(fileId)).rejects.toMatchObject({ status: 404 });
});

test('signed URLs verify with the same secret only, and expire', () => {
  const storage = createLocalStorage(dir, { signingSecret: 's3cret', publicBaseUrl: 'https://bff.example.com/' });
  const id = 'c'.repeat(32);
  const url = new URL(storage.signedUrl(id, 300));
  expect(url.origin + url.pathname).toBe(`https://bff.example.com/api/materials/${id}`);
  const exp = url.searchParams.get('exp')!;
  const sig = url.searchParams.get('sig')!;
  expect(checkPreviewSignature(id, exp, sig, 's3cret')).toBe('ok');
  expect(checkPreviewSignature(id, exp, sig, 'other')).toBe('invalid');
  expect(checkPreviewSignature('d'.repeat(32), exp, sig, 's3cret')).toBe('invalid');
  expect(checkPreviewSignature(id, String(Number(exp) + 1), sig, 's3cret')).toBe('invalid');
  expect(checkPreviewSignature(id, exp, sig, 's3cret', (Number(exp) + 1) * 1000)).toBe('expired');
  expect(() => createLocalStorage(dir).signedUrl(id, 60)).toThrow(/signingSecret/);
});
