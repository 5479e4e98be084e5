// Autosave, offline queue, restore after the app was killed, and the 412 merge of the wizard's form-state hook.
import { act, renderHook } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { buildDraft, WEBSITE_PRINCIPAL } from './testing/buildDraft';
import { FakeBff, installFakeBff } from './testing/fakeApi';
import { OFFLINE_RETRY_MS, useChangeDraft } from './useChangeDraft';

jest.mock('../../services/api', () => jest.requireActual('./testing/fakeApi'));

const NEW_ID = '11010519491231002X';

async function settle(ms = 0) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

/** Capture the callback the hook registers with Taro.onNetworkStatusChange. */
function captureNetworkListener(): { emit: (isConnected: boolean) => void } {
  let listener: ((res: { isConnected: boolean }) => void) | null = null;
  taroMock.setDefault('onNetworkStatusChange', { handler: (cb: (res: { isConnected: boolean }) => void) => void (listener = cb) });
  taroMock.setDefault('offNetworkStatusChange', { ok: undefined });
  return { emit: (isConnected) => listener?.({ isConnected }) };
}

async function mountHook(bff: FakeBff) {
  installFakeBff(bff);
  const hook = renderHook(() => useChangeDraft('c1'));
  await settle();
  expect(hook.result.current.loading).toBe(false);
  return hook;
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

describe('autosave', () => {
  it('saves once, about 1 s after typing stops, with If-Match of the loaded version', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);

    act(() => result.current.edit('name', '云朵科技'));
    await settle(500);
    act(() => result.current.edit('name', '云朵科技官方网站'));
    await settle(999);
    expect(bff.patches).toHaveLength(0);
    expect(result.current.saveState).toBe('pending');

    await settle(1);
    expect(bff.patches).toEqual([{ patch: { form: { name: '云朵科技官方网站' } }, ifMatch: '"1"', status: 200 }]);
    expect(result.current.saveState).toBe('saved');
    expect(bff.draft.form.name).toBe('云朵科技官方网站');
  });

  it('uses the new ETag for the next save', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);
    act(() => result.current.edit('notes', '第一次'));
    await settle(1000);
    act(() => result.current.edit('notes', '第二次'));
    await settle(1000);
    expect(bff.patches.map((p) => [p.ifMatch, p.status])).toEqual([
      ['"1"', 200],
      ['"2"', 200],
    ]);
  });

  it('saves at once when the page is hidden', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);
    act(() => result.current.edit('notes', '离开页面前的修改'));
    await act(async () => {
      await taroMock.hide();
    });
    await settle();
    expect(bff.patches).toHaveLength(1);
    expect(bff.draft.form.notes).toBe('离开页面前的修改');
  });

  it('writes both principals while 同主体负责人 is ticked', async () => {
    const bff = new FakeBff(buildDraft({ principalSameAsEntity: true }));
    const { result } = await mountHook(bff);
    act(() => result.current.edit('websitePrincipal.email', 'new@example.com'));
    await settle(1000);
    expect(bff.patches[0].patch.form).toEqual({
      websitePrincipal: { email: 'new@example.com' },
      entityPrincipal: { email: 'new@example.com' },
    });
  });

  it('shows the problems the BFF reports for saved values', async () => {
    const bff = new FakeBff(buildDraft());
    bff.problemsFor = (d) => (d.form.homepageUrl.includes('other.com') ? [{ path: 'homepageUrl', message: '首页地址的域名未备案' }] : []);
    const { result } = await mountHook(bff);
    act(() => result.current.edit('homepageUrl', 'https://other.com'));
    await settle(1000);
    expect(result.current.problems).toEqual({ homepageUrl: '首页地址的域名未备案' });
  });
  it('shows the new status when the change was submitted elsewhere, keeping the edit in memory', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);
    bff.draft = { ...bff.draft, status: 'submitted', version: bff.draft.version + 1 };
    act(() => result.current.edit('notes', '提交后才写的备注'));
    await settle(1000);
    expect(result.current.saveState).toBe('error');
    expect(result.current.saveMessage).toBe('该变更当前不能修改，请等待审核结果');
    expect(result.current.draft?.status).toBe('submitted');
    expect(result.current.getForm()?.notes).toBe('提交后才写的备注');
  });
});

describe('offline', () => {
  it('keeps the patch on the phone without ID numbers and syncs when the network returns', async () => {
    const network = captureNetworkListener();
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);

    bff.offline = true;
    act(() => {
      result.current.edit('websitePrincipal.mobile', '13700137000');
      result.current.edit('websitePrincipal.idNumber', NEW_ID);
    });
    await settle(1000);
    expect(result.current.saveState).toBe('offline');
    const stored = JSON.stringify([...taroMock.storage.entries()]);
    expect(stored).toContain('13700137000');
    expect(stored).not.toContain(NEW_ID);
    expect(stored).not.toContain(WEBSITE_PRINCIPAL.idNumber);

    bff.offline = false;
    await act(async () => {
      network.emit(true);
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(result.current.saveState).toBe('saved');
    // The ID number came from memory, so nothing typed is lost while the app stays open.
    expect(bff.draft.form.websitePrincipal).toMatchObject({ mobile: '13700137000', idNumber: NEW_ID });
    expect(taroMock.storage.size).toBe(0);
  });

  it('retries on a timer even without a network event', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);
    bff.offline = true;
    act(() => result.current.edit('notes', '离线时写的备注'));
    await settle(1000);
    expect(result.current.saveState).toBe('offline');
    bff.offline = false;
    await settle(OFFLINE_RETRY_MS);
    expect(result.current.saveState).toBe('saved');
    expect(bff.draft.form.notes).toBe('离线时写的备注');
  });

  it('replays stored edits after the app was killed and asks for the ID number again', async () => {
    const bff = new FakeBff(buildDraft());
    const first = await mountHook(bff);
    bff.offline = true;
    act(() => {
      first.result.current.edit('websitePrincipal.mobile', '13700137000');
      first.result.current.edit('websitePrincipal.idNumber', NEW_ID);
    });
    first.unmount(); // the app is killed before the debounce fired
    await settle();

    bff.offline = false;
    const second = await mountHook(bff);
    await settle();
    expect(bff.draft.form.websitePrincipal.mobile).toBe('13700137000');
    expect(bff.draft.form.websitePrincipal.idNumber).toBe(WEBSITE_PRINCIPAL.idNumber);
    expect(second.result.current.idNumbersToReenter).toEqual(['网站负责人证件号码']);

    act(() => second.result.current.edit('websitePrincipal.idNumber', NEW_ID));
    expect(second.result.current.idNumbersToReenter).toEqual([]);
  });
});

describe('412 merge', () => {
  it('asks per field where both sides changed it, carries over the rest, and PATCHes the merge with the new ETag', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);

    act(() => {
      result.current.edit('name', '本机改的网站名称');
      result.current.edit('homepageUrl', 'https://www.example.cn');
    });
    bff.editElsewhere({ name: '另一台设备改的名称', notes: '另一台设备写的备注' });
    await settle(1000);

    expect(result.current.saveState).toBe('conflict');
    expect(result.current.conflict?.conflicts).toEqual([{ path: 'name', label: '网站名称', local: '本机改的网站名称', saved: '另一台设备改的名称' }]);

    await act(async () => {
      await result.current.resolveConflict({ name: 'local' });
    });
    const last = bff.patches[bff.patches.length - 1];
    expect(last).toEqual({ patch: { form: { name: '本机改的网站名称', homepageUrl: 'https://www.example.cn' } }, ifMatch: '"2"', status: 200 });
    expect(bff.draft.form).toMatchObject({ name: '本机改的网站名称', homepageUrl: 'https://www.example.cn', notes: '另一台设备写的备注' });
    expect(result.current.saveState).toBe('saved');
  });

  it('keeps the saved value when the user picks it, and still saves the other edits', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);
    act(() => {
      result.current.edit('name', '本机改的网站名称');
      result.current.edit('notes', '本机备注');
    });
    bff.editElsewhere({ name: '另一台设备改的名称' });
    await settle(1000);
    await act(async () => {
      await result.current.resolveConflict({ name: 'saved' });
    });
    expect(bff.draft.form).toMatchObject({ name: '另一台设备改的名称', notes: '本机备注' });
    expect(result.current.getForm()?.name).toBe('另一台设备改的名称');
  });

  it('keeps what was typed while the choice was open', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);
    act(() => result.current.edit('name', '本机改的网站名称'));
    bff.editElsewhere({ name: '另一台设备改的名称' });
    await settle(1000);
    expect(result.current.conflict).not.toBeNull();
    act(() => result.current.edit('notes', '选择期间写的备注'));
    await settle(1000);
    await act(async () => {
      await result.current.resolveConflict({ name: 'saved' });
    });
    expect(bff.draft.form).toMatchObject({ name: '另一台设备改的名称', notes: '选择期间写的备注' });
  });

  it('merges silently when the other device changed only fields this phone did not touch', async () => {
    const bff = new FakeBff(buildDraft());
    const { result } = await mountHook(bff);
    act(() => result.current.edit('notes', '本机备注'));
    bff.editElsewhere({ name: '另一台设备改的名称' });
    await settle(1000);
    expect(result.current.conflict).toBeNull();
    expect(bff.draft.form).toMatchObject({ name: '另一台设备改的名称', notes: '本机备注' });
    expect(result.current.formRevision).toBeGreaterThan(1);
  });
});
