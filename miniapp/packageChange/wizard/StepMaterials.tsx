// Step 2 上传资料: every material as a thumbnail (what this change uploaded, on any device, else what is on file),
// the ones required now or refused by the reviewer marked with the reason, the 核验单 to download, replace via the
// capture page, upload progress per material.
import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RequiredMaterial } from '../../../shared/contracts/api';
import { api } from '../../services/api';
import type { ChangeDraftHandle } from './useChangeDraft';
import { MATERIAL_EVENT, materialRows, rowsToUpload, type MaterialEvent, type MaterialRow } from './materials';
import { MaterialCard, type RowUpload } from './MaterialCard';
import { openTargetsOf } from './openTargets';
import { REJECTION_LOCKED } from './StepWebsite';
import { VerificationFormCard } from './VerificationFormCard';
import { Actions, Button, Caption, Notice } from '../../components/ui';
import './wizard.scss';
import { captureUrl } from '../../pageUrls';

export interface StepMaterialsProps {
  changeId: string;
  handle: ChangeDraftHandle;
  /** Material slot to scroll to (deep link from the checklist). */
  focus?: string;
  /** Changes when the page is shown again (back from the capture page): reload the checks. */
  showCount: number;
  onNext: () => void;
  onBack: () => void;
}

export function StepMaterials({ changeId, handle, focus, showCount, onNext, onBack }: StepMaterialsProps) {
  const { draft, refresh, flush } = handle;
  const [required, setRequired] = useState<RequiredMaterial[] | null>(null);
  const [checksError, setChecksError] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Record<string, RowUpload>>({});
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const targets = useMemo(() => openTargetsOf(draft), [draft]);

  const loadChecks = useCallback(async () => {
    try {
      const res = await api.getChecks(changeId);
      setRequired(res.materials);
      setChecksError(null);
    } catch (err) {
      setChecksError(err instanceof Error && err.message ? err.message : '需要上传的资料加载失败，请下拉刷新重试');
    }
  }, [changeId]);

  useEffect(() => {
    void loadChecks();
  }, [loadChecks, showCount, draft?.version]);

  useEffect(() => {
    const onEvent = (e: MaterialEvent) => {
      if (e.changeId !== changeId) return;
      setUploads((u) => ({ ...u, [e.slot]: { state: e.state, progress: e.progress, previewUrl: e.previewUrl ?? u[e.slot]?.previewUrl, message: e.message } }));
      if (e.state === 'done') void refresh();
    };
    Taro.eventCenter.on(MATERIAL_EVENT, onEvent);
    return () => {
      Taro.eventCenter.off(MATERIAL_EVENT, onEvent);
    };
  }, [changeId, refresh]);

  if (!draft) return null;
  const rows = materialRows(draft, required ?? []);
  // A photo uploaded on this screen counts at once (the draft's refresh follows).
  const missing = rowsToUpload(rows).filter((r) => uploads[r.slot]?.state !== 'done');

  const replace = (row: MaterialRow) => {
    void Taro.navigateTo({ url: captureUrl(changeId, row) });
  };

  const next = async () => {
    setLeaveError(null);
    if (required === null) {
      setLeaveError('正在确认需要上传的资料，请稍候再试');
      return;
    }
    if (missing.length) {
      setLeaveError(`请先上传：${missing.map((r) => (r.status === 'refused' ? `${r.label}（审核未通过）` : r.label)).join('、')}`);
      return;
    }
    setSaving(true);
    const saved = await flush({ step: 'confirm' });
    setSaving(false);
    if (!saved) {
      setLeaveError('网络不可用，暂时无法进入下一步；联网后请重试');
      return;
    }
    onNext();
  };

  return (
    <View className="wz-step">
      <Notice>
        <Text>负责人未变更、仅修改联系方式或地址时，无需重新上传证件照片；负责人变更时需上传其证件照片。</Text>
      </Notice>
      {checksError ? (
        <Caption tone="danger" role="alert">
          {checksError}
        </Caption>
      ) : null}
      {rows.map((row) => (
        <MaterialCard
          key={row.slot}
          row={row}
          upload={uploads[row.slot]}
          lockedReason={targets.restricted && !targets.isOpen(row.slot) ? REJECTION_LOCKED : undefined}
          reviewerReason={targets.reasonFor(row.slot)}
          focused={focus === row.slot}
          onReplace={() => replace(row)}
        >
          {row.kind === 'verification_form' && (!targets.restricted || targets.isOpen(row.slot)) ? <VerificationFormCard changeId={changeId} draft={draft} /> : null}
        </MaterialCard>
      ))}
      {leaveError ? (
        <Caption tone="danger" role="alert" className="wz-step__error">
          {leaveError}
        </Caption>
      ) : null}
      <Actions layout="back-next">
        <Button variant="secondary" onClick={onBack}>
          上一步
        </Button>
        <Button loading={saving} disabled={saving} onClick={() => void next()}>
          下一步，确认备案信息
        </Button>
      </Actions>
    </View>
  );
}
