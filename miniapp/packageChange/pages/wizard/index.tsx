// The change wizard page: loads the change, shows the step bar, the current step, the save status and the merge sheet.
// zod's settings before any schema parses (the subpackage is where the schemas live).
import '../../zodConfig';
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isMaterialSlot, type WizardStep } from '../../../../shared/domain/change';
import { isOpenForEditing, STATUS_LABELS } from '../../../../shared/domain/status';
import { ConflictSheet } from '../../wizard/ConflictSheet';
import { StepConfirm } from '../../wizard/StepConfirm';
import { StepMaterials } from '../../wizard/StepMaterials';
import { StepWebsite } from '../../wizard/StepWebsite';
import { DiscardChange } from '../../wizard/DiscardChange';
import { fieldAnchorId } from '../../wizard/FormField';
import { RECOGNITION_FILL_EVENT, type RecognitionFillEvent } from '../../capture/recognition';
import { SAVE_STATE_TEXT, useChangeDraft, type ChangeDraftHandle } from '../../wizard/useChangeDraft';
import { Actions, Button, Caption, Notice, StepBar } from '../../../components/ui';
import '../../wizard/wizard.scss';
import { progressUrl } from '../../../pageUrls';
import { BackButton } from '../../../components/ui';

const STEPS: readonly WizardStep[] = ['website', 'materials', 'confirm'];
const STEP_TITLES: Record<WizardStep, string> = { website: '修改网站信息', materials: '上传资料', confirm: '确认提交' };

/** A material slot (`website_principal.id_front`) lives on the materials step; anything else is a step-1 field. */
export function stepOfTarget(target: string): WizardStep {
  return isMaterialSlot(target) ? 'materials' : 'website';
}

function isStep(s: string | undefined): s is WizardStep {
  return s !== undefined && (STEPS as readonly string[]).includes(s);
}

function scrollToTarget(target: string) {
  const id = stepOfTarget(target) === 'materials' ? `wz-material-${target.replace('.', '-')}` : fieldAnchorId(target.replace(/\.\d+$/, ''));
  setTimeout(() => void Taro.pageScrollTo({ selector: `#${id}`, duration: 200 })?.catch?.(() => undefined), 50);
}

function StepScreen(props: { step: WizardStep; changeId: string; handle: ChangeDraftHandle; focus?: string; showCount: number; go: (s: WizardStep, focus?: string) => void }) {
  const { step, changeId, handle, focus, showCount, go } = props;
  // Exhaustive: a new step without a screen fails to compile.
  switch (step) {
    case 'website':
      return <StepWebsite changeId={changeId} handle={handle} focus={focus} onNext={() => go('materials')} />;
    case 'materials':
      return <StepMaterials changeId={changeId} handle={handle} focus={focus} showCount={showCount} onNext={() => go('confirm')} onBack={() => go('website')} />;
    case 'confirm':
      return <StepConfirm changeId={changeId} handle={handle} onJump={(t) => go(stepOfTarget(t), t)} onBack={() => go('materials')} />;
    default: {
      const never: never = step;
      return never;
    }
  }
}

export default function WizardPage() {
  const { params } = useRouter();
  const changeId = params.changeId ?? '';
  const handle = useChangeDraft(changeId);
  const { draft, loading, loadError, conflict, saveState, saveMessage, idNumbersToReenter, resolveConflict, refresh, reload } = handle;
  const [step, setStep] = useState<WizardStep | null>(isStep(params.step) ? params.step : null);
  const [focus, setFocus] = useState<string | undefined>(params.focus);
  const [showCount, setShowCount] = useState(0);

  // Without a step in the URL, resume where the applicant left off (on any device).
  useEffect(() => {
    if (step === null && draft) setStep(draft.step);
  }, [draft, step]);

  useEffect(() => {
    if (focus) scrollToTarget(focus);
  }, [focus, step]);

  // 填入 on the capture page: the photo's values become edits of this form (saved like typed ones).
  const editManyRef = useRef(handle.editMany);
  editManyRef.current = handle.editMany;
  useEffect(() => {
    const onFill = (event: RecognitionFillEvent) => {
      if (event.changeId === changeId) editManyRef.current(event.edits);
    };
    Taro.eventCenter.on(RECOGNITION_FILL_EVENT, onFill);
    return () => void Taro.eventCenter.off(RECOGNITION_FILL_EVENT, onFill);
  }, [changeId]);

  useDidShow(() => {
    // Back from the capture page (or the app brought to the front): pick up uploads and edits made elsewhere.
    setShowCount((n) => n + 1);
    if (draft) void refresh();
  });

  const go = useCallback((next: WizardStep, target?: string) => {
    setStep(next);
    setFocus(target);
    if (!target) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })?.catch?.(() => undefined);
  }, []);

  if (!changeId) {
    return (
      <View className="page">
        <BackButton />
        <Caption tone="danger">缺少变更编号，请从备案信息总览重新进入</Caption>
      </View>
    );
  }
  if (loading && !draft) {
    return (
      <View className="page">
        <BackButton />
        <Text className="text-secondary">正在加载变更信息…</Text>
      </View>
    );
  }
  if (!draft || loadError) {
    return (
      <View className="page">
        <BackButton />
        <Caption tone="danger" role="alert">
          {loadError ?? '变更信息加载失败'}
        </Caption>
        <Actions>
          <Button block onClick={() => void reload()}>
            重新加载
          </Button>
        </Actions>
      </View>
    );
  }

  const current = step ?? draft.step;
  const editable = isOpenForEditing(draft.status);

  return (
    <View className="page wz-page">
      <BackButton />
      <StepBar steps={STEPS.map((s) => STEP_TITLES[s])} current={STEPS.indexOf(current)} />
      <View className={`wz-save wz-save--${saveState}`} role="status">
        <Text>{SAVE_STATE_TEXT[saveState]}</Text>
        {saveMessage ? <Text className="wz-save__detail">{saveMessage}</Text> : null}
      </View>
      {idNumbersToReenter.length ? (
        <Notice tone="warning" role="alert">
          <Text>上次离线时填写的{idNumbersToReenter.join('、')}为保护个人信息未保存在本机，应用关闭后已清除，请重新填写。</Text>
        </Notice>
      ) : null}
      {editable ? (
        <>
          <StepScreen step={current} changeId={changeId} handle={handle} focus={focus} showCount={showCount} go={go} />
          <DiscardChange changeId={changeId} abandon={handle.abandon} />
        </>
      ) : (
        <Notice>
          <Text>该变更当前状态为“{STATUS_LABELS[draft.status]}”，不能修改。</Text>
          <Actions>
            <Button block variant="secondary" onClick={() => void Taro.redirectTo({ url: progressUrl(changeId) })}>
              查看审核进度
            </Button>
          </Actions>
        </Notice>
      )}
      {conflict ? <ConflictSheet conflict={conflict} onResolve={(choices) => void resolveConflict(choices)} /> : null}
    </View>
  );
}
