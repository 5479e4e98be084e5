// Step 3 确认提交: every change as old → new, the pre-submit checklist (tap jumps to the field), the agreement, and
// 提交备案 (subscribe dialog inside the tap, then an idempotent submit).
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { PrecheckResult } from '../../../shared/contracts/api';
import type { MaterialKind, MaterialSubject } from '../../../shared/domain/filing';
import { api } from '../../services/api';
import type { ChangeDraftHandle } from './useChangeDraft';
import { isOpenForEditing } from '../../../shared/domain/status';
import { diffChange } from '../../../shared/rules/diff';
import { materialSlotLabel } from '../../../shared/rules/labels';
import { agreementSegments, askForSubscriptions, submitChange, subscribeTemplateIds } from './submit';
import './wizard.scss';
import { progressUrl, termsUrl } from '../../pageUrls';

export interface StepConfirmProps {
  changeId: string;
  handle: ChangeDraftHandle;
  /** Go to the step holding this field path or material slot and focus it. */
  onJump: (target: string) => void;
  onBack: () => void;
}

interface ChecksState {
  checks: PrecheckResult[];
  ready: boolean;
}

const OUTCOME_ICON: Record<PrecheckResult['outcome'], string> = { pass: '✓', warn: '!', fail: '✕' };
const OUTCOME_TEXT: Record<PrecheckResult['outcome'], string> = { pass: '通过', warn: '提醒', fail: '未通过' };

export function StepConfirm({ changeId, handle, onJump, onBack }: StepConfirmProps) {
  const { draft, getForm, saveState, flush } = handle;
  const [checks, setChecks] = useState<ChecksState | null>(null);
  const [checksError, setChecksError] = useState<string | null>(null);
  const [agreed, setAgreed] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; retryable: boolean } | null>(null);

  const loadChecks = useCallback(async () => {
    try {
      const res = await api.getChecks(changeId);
      setChecks({ checks: res.checks, ready: res.ready });
      setChecksError(null);
    } catch (err) {
      setChecksError(err instanceof Error && err.message ? err.message : '提交前检查加载失败，请检查网络后重试');
    }
  }, [changeId]);

  useEffect(() => {
    void loadChecks();
  }, [loadChecks, draft?.version]);

  if (!draft) return null;
  const changes = diffChange(draft.base, getForm() ?? draft.form);
  const replaced = Object.entries(draft.materials);
  const editable = isOpenForEditing(draft.status);
  const saved = saveState === 'saved';

  const blockers: string[] = [];
  if (!editable) blockers.push('当前状态不能提交');
  if (!saved) blockers.push('修改尚未保存到服务器，请联网后稍候');
  if (checks && !checks.ready) blockers.push('提交前检查有未通过的项，请点击该项前往修改');
  if (!checks) blockers.push('正在进行提交前检查');
  if (!agreed) blockers.push('请阅读并勾选同意服务条款');
  const canSubmit = blockers.length === 0 && !submitting;

  const toggleAgreement = () => {
    const next = !agreed;
    setAgreed(next);
    void flush({ agreement: { agreed: next } });
  };

  const runSubmit = async (subscriptions: Promise<string[]>) => {
    setSubmitting(true);
    setSubmitError(null);
    const outcome = await submitChange(changeId);
    void subscriptions.then((accepted) => (accepted.length ? api.addSubscriptions(changeId, accepted).catch(() => undefined) : undefined));
    setSubmitting(false);
    if (outcome.ok) {
      void Taro.redirectTo({ url: progressUrl(changeId) });
      return;
    }
    setSubmitError({ message: outcome.message, retryable: outcome.retryable });
    if (!outcome.retryable) void loadChecks();
  };

  const onSubmitTap = () => {
    if (!canSubmit) return;
    // The subscribe dialog must be requested synchronously inside the tap; its answer never blocks the submit.
    const subscriptions = askForSubscriptions(subscribeTemplateIds());
    void runSubmit(subscriptions);
  };

  return (
    <View className='wz-step'>
      <View className='wz-card'>
        <Text className='wz-card__title'>变更内容</Text>
        {changes.length === 0 && replaced.length === 0 ? <Text className='wz-field__hint'>尚未修改任何内容</Text> : null}
        {changes.map((c) => (
          <View key={`${c.path}-${c.before}-${c.after}`} className='wz-diff' role='button' onClick={() => onJump(c.path)}>
            <Text className='wz-diff__label'>{c.label}</Text>
            {c.kind === 'removed' ? (
              <Text className='wz-diff__old'>删除 {c.before}</Text>
            ) : (
              <>
                <Text className='wz-diff__old'>{c.before || '（空）'}</Text>
                <Text className='wz-diff__arrow'>→</Text>
                <Text className='wz-diff__new'>{c.after || '（空）'}</Text>
              </>
            )}
          </View>
        ))}
        {replaced.map(([slot, m]) => (
          <View key={slot} className='wz-diff'>
            <Text className='wz-diff__label'>{materialSlotLabel(m.subject as MaterialSubject, m.kind as MaterialKind)}</Text>
            <Text className='wz-diff__new'>已重新上传</Text>
          </View>
        ))}
      </View>

      <View className='wz-card'>
        <Text className='wz-card__title'>提交前检查</Text>
        {checksError ? (
          <View>
            <View className='wz-field__error' role='alert'>{checksError}</View>
            <Button className='wz-btn wz-btn--ghost' onClick={() => void loadChecks()}>
              重新检查
            </Button>
          </View>
        ) : null}
        {checks?.checks.map((c) => (
          <View
            key={c.id}
            className={`wz-check-item wz-check-item--${c.outcome}`}
            role={c.field ? 'button' : undefined}
            aria-label={`${c.title}：${OUTCOME_TEXT[c.outcome]}`}
            onClick={() => c.field && onJump(c.field)}
          >
            <Text className={`wz-check-item__icon wz-check-item__icon--${c.outcome}`}>{OUTCOME_ICON[c.outcome]}</Text>
            <View className='wz-check-item__body'>
              <Text className='wz-check-item__title'>{c.title}</Text>
              {c.outcome !== 'pass' ? <Text className='wz-field__hint'>{c.message}</Text> : null}
            </View>
            {c.field && c.outcome !== 'pass' ? <Text className='wz-link'>去修改</Text> : null}
          </View>
        ))}
      </View>

      <View className='wz-agree'>
        <View className='wz-check' role='checkbox' aria-checked={agreed} aria-label='同意服务条款' onClick={toggleAgreement}>
          <View className={`wz-check__box${agreed ? ' wz-check__box--on' : ''}`}>{agreed ? <Text className='wz-check__mark'>✓</Text> : null}</View>
        </View>
        <Text className='wz-agree__text'>
          {agreementSegments().map((seg, i) =>
            seg.document ? (
              <Text
                key={i}
                className='wz-link'
                onClick={(e) => {
                  e.stopPropagation();
                  void Taro.navigateTo({ url: termsUrl() });
                }}
              >
                {seg.text}
              </Text>
            ) : (
              <Text key={i}>{seg.text}</Text>
            ),
          )}
        </Text>
      </View>

      {submitError ? (
        <View className='wz-field__error wz-step__error' role='alert'>
          {submitError.message}
        </View>
      ) : null}
      {!canSubmit && !submitting ? (
        <View className='wz-step__blockers'>
          {blockers.map((b) => (
            <Text key={b} className='wz-field__hint'>
              {b}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='wz-actions'>
        <Button className={`wz-btn wz-btn--ghost${submitting ? ' wz-btn--disabled' : ''}`} onClick={onBack} disabled={submitting}>
          上一步
        </Button>
        <Button className={`wz-btn wz-btn--primary${!canSubmit ? ' wz-btn--disabled' : ''}`} disabled={!canSubmit} loading={submitting} onClick={onSubmitTap}>
          {submitError?.retryable ? '重试提交' : '提交备案'}
        </Button>
      </View>
    </View>
  );
}
