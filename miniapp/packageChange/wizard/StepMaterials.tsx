// Step 2 上传资料: materials on file as thumbnails, the ones required now marked with the reason, replace via the
// capture page, upload progress and retry per material.
import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { RequiredMaterial } from '../../../shared/contracts/api';
import { api } from '../../services/api';
import type { ChangeDraftHandle } from './useChangeDraft';
import { MATERIAL_EVENT, materialRows, type MaterialEvent, type MaterialRow } from './materials';
import { openTargetsOf } from './openTargets';
import { REJECTION_LOCKED } from './StepWebsite';
import { rejectionMark } from '../../../shared/rules/rejection';
import { Actions, Button, Caption, Notice, Section, Tag } from '../../components/ui';
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

type UploadState = Omit<MaterialEvent, 'changeId' | 'slot'>;

export function StepMaterials({ changeId, handle, focus, showCount, onNext, onBack }: StepMaterialsProps) {
  const { draft, refresh, flush } = handle;
  const [required, setRequired] = useState<RequiredMaterial[] | null>(null);
  const [checksError, setChecksError] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Record<string, UploadState>>({});
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
  const missing = rows.filter((r) => r.required && !r.required.provided && !r.replaced);

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
      setLeaveError(`请先上传：${missing.map((r) => r.label).join('、')}`);
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
      {rows.map((row) => {
        const upload = uploads[row.slot];
        const lockedReason = targets.restricted && !targets.isOpen(row.slot) ? REJECTION_LOCKED : undefined;
        const reviewer = targets.reasonFor(row.slot);
        const needed = row.required && !row.required.provided && !row.replaced;
        const preview = upload?.previewUrl ?? row.onFile?.imageUrl;
        return (
          <Section
            key={row.slot}
            id={`wz-material-${row.slot.replace('.', '-')}`}
            className={`wz-material${needed ? ' wz-material--needed' : ''}${focus === row.slot ? ' wz-material--focus' : ''}`}
          >
            <View className="wz-material__body">
              {preview ? (
                <Image className="wz-material__thumb" src={preview} mode="aspectFill" aria-label={`${row.label}缩略图`} nativeProps={{ alt: `${row.label}缩略图` }} />
              ) : (
                <View className="wz-material__thumb wz-material__thumb--empty">
                  <Text>未上传</Text>
                </View>
              )}
              <View className="wz-material__info">
                <Text className="wz-material__label">{row.label}</Text>
                {rejectionMark(draft, row.slot) === 'failed' && upload?.state !== 'done' ? (
                  <Tag tone="danger" small>
                    未通过
                  </Tag>
                ) : null}
                {needed ? (
                  <Tag tone="danger" small>
                    需重新上传
                  </Tag>
                ) : null}
                {row.replaced || upload?.state === 'done' ? (
                  <Tag tone="success" small>
                    已重新上传
                  </Tag>
                ) : null}
                {!needed && !row.replaced && upload?.state !== 'done' ? <Caption>沿用已备案的资料</Caption> : null}
                {row.required ? <Caption>{row.required.reason}</Caption> : null}
                {reviewer ? (
                  <Notice tone="warning" compact>
                    审核意见：{reviewer}
                  </Notice>
                ) : null}
                {upload?.state === 'uploading' ? (
                  <View className="wz-progress" role="progressbar" aria-valuenow={upload.progress ?? 0} aria-label={`${row.label}上传进度`}>
                    <View className="wz-progress__bar" style={{ width: `${upload.progress ?? 0}%` }} />
                    <Caption>上传中 {upload.progress ?? 0}%</Caption>
                  </View>
                ) : null}
                {upload?.state === 'failed' ? <Caption tone="danger">上传失败：{upload.message ?? '请检查网络后重试'}</Caption> : null}
              </View>
            </View>
            {lockedReason ? (
              <Caption>{lockedReason}</Caption>
            ) : (
              <Actions>
                <Button block variant={needed ? 'primary' : 'secondary'} onClick={() => replace(row)}>
                  {upload?.state === 'failed' ? `重试上传${row.label}` : needed ? `上传${row.label}` : `更换${row.label}`}
                </Button>
              </Actions>
            )}
          </Section>
        );
      })}
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
