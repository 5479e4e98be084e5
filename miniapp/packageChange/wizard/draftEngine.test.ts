// The draft engine on its own (no React): flush with If-Match, one save at a time, the 412 merge, the offline queue
// and its replay by the next engine, and state that stays still while the applicant types.
import { ApiRequestError } from '../../services/errors';
import { taroMock } from '../../test/taro-mock';
import { buildDraft, ENTITY_PRINCIPAL, WEBSITE_PRINCIPAL } from './testing/buildDraft';
import { FakeBff } from './testing/fakeApi';
import { createDraftEngine, OFFLINE_RETRY_MS, type DraftEngine } from './draftEngine';

const NEW_ID = '11010519491231002X';
let engines: DraftEngine[] = [];

/** A started engine of change c1 against this fake BFF, with its first load done. */
async function startEngine(bff: FakeBff): Promise<DraftEngine> {
  const engine = createDraftEngine('c1', { client: bff });
  engines.push(engine);
  engine.start();
  await jest.advanceTimersByTimeAsync(0);
  expect(engine.getState().loading).toBe(false);
  return engine;
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  for (const engine of engines) engine.stop();
  engines = [];
  jest.useRealTimers();
});

describe('flush', () => {
  it('sends the pending edits with If-Match of the loaded version and adopts the new version', async () => {
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);
    engine.edit('name', '云朵科技官方网站');
    expect(engine.getState().saveState).toBe('pending');

    await expect(engine.flush()).resolves.toBe(true);
    expect(bff.patches).toEqual([{ patch: { form: { name: '云朵科技官方网站' } }, ifMatch: '"1"', status: 200 }]);
    expect(engine.getState()).toMatchObject({ saveState: 'saved', draft: { version: 2 } });
  });

  it('autosaves once, a debounce after the last keystroke', async () => {
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);
    engine.edit('notes', '第');
    await jest.advanceTimersByTimeAsync(600);
    engine.edit('notes', '第一次');
    await jest.advanceTimersByTimeAsync(999);
    expect(bff.patches).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(bff.patches.map((p) => p.patch)).toEqual([{ form: { notes: '第一次' } }]);
  });

  it('runs one save at a time: a second flush waits and carries the ETag the first one got back', async () => {
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);
    engine.edit('notes', '第一次');
    const first = engine.flush();
    engine.edit('notes', '第二次');
    const second = engine.flush({ step: 'materials' });
    await expect(Promise.all([first, second])).resolves.toEqual([false, true]);
    expect(bff.patches.map((p) => [p.ifMatch, p.patch])).toEqual([
      ['"1"', { form: { notes: '第一次' } }],
      ['"2"', { form: { notes: '第二次' }, step: 'materials' }],
    ]);
    expect(bff.draft.step).toBe('materials');
  });

  it('keeps what was typed while a save was in flight for the next one', async () => {
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);
    engine.edit('notes', '保存中');
    const saving = engine.flush();
    engine.edit('name', '保存期间改的名称');
    await expect(saving).resolves.toBe(false);
    expect(engine.getState().saveState).toBe('pending');
    expect(engine.getForm()?.name).toBe('保存期间改的名称');
  });

  it('does not tell its listeners about keystrokes once the save line says 待保存', async () => {
    const engine = await startEngine(new FakeBff(buildDraft()));
    const seen: string[] = [];
    engine.subscribe(() => seen.push(engine.getState().saveState));
    for (const value of ['云', '云朵', '云朵科', '云朵科技']) engine.edit('name', value);
    expect(seen).toEqual(['pending']);
  });

  it('reports what the BFF refused, field by field, without retrying', async () => {
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);
    bff.patchChange = async () => {
      throw new ApiRequestError({
        status: 422,
        code: 'validation_failed',
        message: '填写内容有误，请按提示修改',
        fields: [{ path: 'homepageUrl', message: '首页地址应以 http:// 或 https:// 开头' }],
      });
    };
    engine.edit('homepageUrl', 'www.example.com');
    await expect(engine.flush()).resolves.toBe(false);
    expect(engine.getState()).toMatchObject({ saveState: 'invalid', saveMessage: '填写内容有误，请按提示修改', problems: { homepageUrl: '首页地址应以 http:// 或 https:// 开头' } });
    await jest.advanceTimersByTimeAsync(OFFLINE_RETRY_MS);
    expect(engine.getState().saveState).toBe('invalid');
  });
});

describe('412 merge', () => {
  it('asks about fields both sides changed, then PATCHes the choice against the version now saved', async () => {
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);
    engine.edit('name', '本机改的网站名称');
    engine.edit('homepageUrl', 'https://www.example.cn');
    bff.editElsewhere({ name: '另一台设备改的名称', notes: '另一台设备写的备注' });

    await expect(engine.flush()).resolves.toBe(false);
    const { conflict, saveState } = engine.getState();
    expect(saveState).toBe('conflict');
    expect(conflict?.conflicts).toEqual([{ path: 'name', label: '网站名称', local: '本机改的网站名称', saved: '另一台设备改的名称' }]);
    expect(conflict?.carryOver).toEqual({ homepageUrl: 'https://www.example.cn' });
    // Nothing is sent while the choice is open.
    await expect(engine.flush()).resolves.toBe(false);
    expect(bff.patches.map((p) => p.status)).toEqual([412]);

    await expect(engine.resolveConflict({ name: 'saved' })).resolves.toBe(true);
    expect(bff.patches.at(-1)).toEqual({ patch: { form: { homepageUrl: 'https://www.example.cn' } }, ifMatch: '"2"', status: 200 });
    expect(bff.draft.form).toMatchObject({ name: '另一台设备改的名称', homepageUrl: 'https://www.example.cn', notes: '另一台设备写的备注' });
    expect(engine.getState()).toMatchObject({ conflict: null, saveState: 'saved' });
    expect(engine.getForm()?.name).toBe('另一台设备改的名称');
  });

  it('carries non-colliding edits onto the newer version and saves them in a second round', async () => {
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);
    const revision = engine.getState().formRevision;
    engine.edit('notes', '本机备注');
    bff.editElsewhere({ name: '另一台设备改的名称' });

    await expect(engine.flush()).resolves.toBe(true);
    expect(bff.patches.map((p) => [p.ifMatch, p.status])).toEqual([
      ['"1"', 412],
      ['"2"', 200],
    ]);
    expect(bff.draft.form).toMatchObject({ name: '另一台设备改的名称', notes: '本机备注' });
    // The fields re-read their values: the other device's name shows.
    expect(engine.getState().formRevision).toBeGreaterThan(revision);
    expect(engine.getState().form?.name).toBe('另一台设备改的名称');
  });
});

describe('offline queue', () => {
  it('keeps the edits on the phone (without ID numbers), retries on a timer and on the network coming back', async () => {
    let onNetwork: (res: { isConnected: boolean }) => void = () => undefined;
    taroMock.setDefault('onNetworkStatusChange', { handler: (cb: typeof onNetwork) => void (onNetwork = cb) });
    taroMock.setDefault('offNetworkStatusChange', { ok: undefined });
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);

    bff.offline = true;
    engine.edit('websitePrincipal.mobile', '13700137000');
    engine.edit('websitePrincipal.idNumber', NEW_ID);
    await expect(engine.flush()).resolves.toBe(false);
    expect(engine.getState().saveState).toBe('offline');
    const stored = JSON.stringify([...taroMock.storage.entries()]);
    expect(stored).toContain('13700137000');
    expect(stored).not.toContain(NEW_ID);

    // Still offline when the timer fires: it stays queued.
    await jest.advanceTimersByTimeAsync(OFFLINE_RETRY_MS);
    expect(engine.getState().saveState).toBe('offline');

    bff.offline = false;
    onNetwork({ isConnected: true });
    await jest.advanceTimersByTimeAsync(0);
    expect(engine.getState().saveState).toBe('saved');
    expect(bff.draft.form.websitePrincipal).toMatchObject({ mobile: '13700137000', idNumber: NEW_ID });
    expect(taroMock.storage.size).toBe(0);
  });

  it('a stopped engine leaves its edits in storage; the next one replays them and asks for the ID number again', async () => {
    const bff = new FakeBff(buildDraft());
    const first = await startEngine(bff);
    bff.offline = true;
    first.edit('websitePrincipal.mobile', '13700137000');
    first.edit('websitePrincipal.idNumber', NEW_ID);
    first.stop();
    first.leave(); // the page was closed before the debounce fired
    await jest.advanceTimersByTimeAsync(0);
    bff.offline = false;
    // The stopped engine does not retry on its own: the page is gone.
    await jest.advanceTimersByTimeAsync(OFFLINE_RETRY_MS * 2);
    expect(bff.patches).toHaveLength(0);

    const second = await startEngine(bff);
    await jest.advanceTimersByTimeAsync(0);
    expect(bff.patches.map((p) => p.patch)).toEqual([{ form: { websitePrincipal: { mobile: '13700137000' } } }]);
    expect(bff.draft.form.websitePrincipal.idNumber).toBe(WEBSITE_PRINCIPAL.idNumber);
    expect(second.getState()).toMatchObject({ saveState: 'saved', idNumbersToReenter: ['websitePrincipal.idNumber'] });
    second.edit('websitePrincipal.idNumber', NEW_ID);
    expect(second.getState().idNumbersToReenter).toEqual([]);
  });

  it('a replay that collides with a newer save elsewhere becomes a choice, not an overwrite', async () => {
    const bff = new FakeBff(buildDraft());
    const first = await startEngine(bff);
    bff.offline = true;
    first.edit('name', '离线时改的名称');
    first.stop();
    first.leave();
    await jest.advanceTimersByTimeAsync(0);

    bff.offline = false;
    bff.editElsewhere({ name: '另一台设备改的名称' });
    const second = await startEngine(bff);
    expect(second.getState().conflict?.conflicts.map((c) => [c.path, c.local, c.saved])).toEqual([['name', '离线时改的名称', '另一台设备改的名称']]);
    expect(bff.patches).toHaveLength(0);
  });
});

describe('同主体负责人', () => {
  it('untick restores the website principal as it was before the tick, edits included', async () => {
    const bff = new FakeBff(buildDraft());
    const engine = await startEngine(bff);
    engine.edit('websitePrincipal.email', 'typed@example.cn');
    engine.setSameAsEntity(true);
    expect(engine.getForm()?.websitePrincipal.idNumber).toBe(ENTITY_PRINCIPAL.idNumber);
    engine.setSameAsEntity(false);
    const form = engine.getForm();
    expect(form?.principalSameAsEntity).toBe(false);
    expect(form?.websitePrincipal).toMatchObject({ ...WEBSITE_PRINCIPAL, email: 'typed@example.cn' });
    await engine.flush();
    expect(bff.draft.form.websitePrincipal.idNumber).toBe(WEBSITE_PRINCIPAL.idNumber);
  });

  it('untick after a reload (no memory of the tick) restores the filed website principal', async () => {
    const ticked = buildDraft();
    ticked.form = { ...ticked.form, principalSameAsEntity: true, websitePrincipal: { ...ticked.form.entityPrincipal } };
    const engine = await startEngine(new FakeBff(ticked));
    engine.setSameAsEntity(false);
    expect(engine.getForm()?.websitePrincipal).toMatchObject(WEBSITE_PRINCIPAL);
  });

  it('a website filed as 同主体 starts its own principal from the filed one (the entity principal) on untick', async () => {
    const engine = await startEngine(new FakeBff(buildDraft({ principalSameAsEntity: true })));
    engine.setSameAsEntity(false);
    expect(engine.getForm()?.websitePrincipal).toMatchObject(ENTITY_PRINCIPAL);
  });
});

describe('the live form', () => {
  it('holds unsaved keystrokes on top of the saved draft (what a re-shown step mounts from)', async () => {
    const engine = await startEngine(new FakeBff(buildDraft()));
    engine.edit('notes', '刚输入的备注');
    expect(engine.getState().form?.notes).not.toBe('刚输入的备注');
    expect(engine.getForm()?.notes).toBe('刚输入的备注');
  });
});
