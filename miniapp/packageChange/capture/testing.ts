// Test double of Taro.uploadFile that behaves like wx's: a Promise with onProgressUpdate/abort, callbacks when given;
// each call waits until the test decides its outcome (progress, answer, network failure).
import Taro from '@tarojs/taro';
import type { MaterialUploadResult } from '../../services/api';

export interface UploadCall {
  options: any;
  progress(percent: number): void;
  answer(statusCode: number, body: unknown): void;
  networkFailure(errMsg?: string): void;
  readonly aborted: boolean;
}

export interface FakeUploadFile {
  calls: UploadCall[];
  uninstall(): void;
}

export function installFakeUploadFile(): FakeUploadFile {
  const calls: UploadCall[] = [];
  const taro = Taro as unknown as Record<string, unknown>;
  taro.uploadFile = (options: any) => {
    const listeners: Array<(res: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void> = [];
    let settled = false;
    let aborted = false;
    let resolvePromise!: (value: unknown) => void;
    let rejectPromise!: (reason: unknown) => void;
    const promise = new Promise((resolve, reject) => {
      resolvePromise = resolve;
      rejectPromise = reject;
    });
    promise.catch(() => undefined);
    const fail = (errMsg: string) => {
      if (settled) return;
      settled = true;
      const err = { errMsg };
      options.fail?.(err);
      options.complete?.(err);
      rejectPromise(err);
    };
    const call: UploadCall = {
      options,
      progress(percent) {
        if (settled) return;
        for (const listener of listeners) listener({ progress: percent, totalBytesSent: percent * 1000, totalBytesExpectedToSend: 100_000 });
      },
      answer(statusCode, body) {
        if (settled) return;
        settled = true;
        const res = { statusCode, data: JSON.stringify(body), errMsg: 'uploadFile:ok' };
        options.success?.(res);
        options.complete?.(res);
        resolvePromise(res);
      },
      networkFailure(errMsg = 'uploadFile:fail net::ERR_CONNECTION_RESET') {
        fail(errMsg);
      },
      get aborted() {
        return aborted;
      },
    };
    calls.push(call);
    return Object.assign(promise, {
      onProgressUpdate: (listener: (typeof listeners)[number]) => listeners.push(listener),
      offProgressUpdate: () => undefined,
      abort: () => {
        aborted = true;
        fail('uploadFile:fail abort');
      },
    });
  };
  return {
    calls,
    uninstall() {
      delete taro.uploadFile;
    },
  };
}

/** A success answer of the upload route (typed by the contract, so a test cannot answer what the BFF never would). */
export function uploadResponse(slot: string, partial: Partial<MaterialUploadResult> = {}): MaterialUploadResult {
  return { slot, width: 2000, height: 1500, bytes: 400_000, previewUrl: `/api/materials/${'a'.repeat(32)}?exp=1&sig=x`, warnings: [], ...partial };
}
