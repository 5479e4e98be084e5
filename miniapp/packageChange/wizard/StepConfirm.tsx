// Step 3 确认提交: every change as old → new, the pre-submit checklist (tap jumps to the field), the agreement, and
// 提交备案 (subscribe dialog inside the tap, then an idempotent submit).
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PrecheckResult } from '../../../shared/contracts/api';
import { api } from '../../services/api';
import type { ChangeDraftHandle } from './useChangeDraft';
import { isOpenForEditing } from '../../../shared/domain/status';
import { diffChange } from '../../../shared/rules/diff';
import { materialSlotLabel } from '../../../shared/rules/labels';
import { agreementSegments, askForSubscriptions, submitChange, subscribeTemplateIds } from './submit';
import { Actions, Button, Caption, Checkbox, DiffRow, Link, Section } from '../../components/ui';
import './wizard.scss';
import { progressUrl, termsUrl } from '../../pageUrls';
import { AGREEMENT_TEXT, termsDocumentNamed } from '../../../shared/data/terms';

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

  const toggleAgreement = (next: boolean) => {
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
    <View className="wz-step">
      <Section title="变更内容">
        {changes.length === 0 && replaced.length === 0 ? <Caption>尚未修改任何内容</Caption> : null}
        {changes.map((c) =>
          c.kind === 'removed' ? (
            <DiffRow key={`${c.path}-${c.before}-${c.after}`} label={c.label} before={`删除 ${c.before}`} onClick={() => onJump(c.path)} />
          ) : (
            <DiffRow key={`${c.path}-${c.before}-${c.after}`} label={c.label} before={c.before || '（空）'} after={c.after || '（空）'} onClick={() => onJump(c.path)} />
          ),
        )}
        {replaced.map(([slot, m]) => (
          <DiffRow key={slot} label={materialSlotLabel(m.subject, m.kind)} after="已重新上传" />
        ))}
      </Section>

      <Section title="提交前检查">
        {checksError ? (
          <View>
            <Caption tone="danger" role="alert">
              {checksError}
            </Caption>
            <Actions>
              <Button block variant="secondary" onClick={() => void loadChecks()}>
                重新检查
              </Button>
            </Actions>
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
            <View className="wz-check-item__body">
              <Text className="wz-check-item__title">{c.title}</Text>
              {c.outcome !== 'pass' ? <Caption>{c.message}</Caption> : null}
            </View>
            {c.field && c.outcome !== 'pass' ? <Link>去修改</Link> : null}
          </View>
        ))}
      </Section>

      <Checkbox className="wz-agree" checked={agreed} label={AGREEMENT_TEXT} onChange={toggleAgreement}>
        {agreementSegments().map((seg, i) =>
          seg.document ? (
            <Link key={i} inline onClick={() => void Taro.navigateTo({ url: termsUrl(termsDocumentNamed(seg.text)?.id) })}>
              {seg.text}
            </Link>
          ) : (
            <Text key={i}>{seg.text}</Text>
          ),
        )}
      </Checkbox>

      {submitError ? (
        <Caption tone="danger" role="alert" className="wz-step__error">
          {submitError.message}
        </Caption>
      ) : null}
      {!canSubmit && !submitting ? (
        <View className="wz-step__blockers">
          {blockers.map((b) => (
            <Caption key={b}>{b}</Caption>
          ))}
        </View>
      ) : null}
      <Actions layout="back-next">
        <Button variant="secondary" onClick={onBack} disabled={submitting}>
          上一步
        </Button>
        <Button disabled={!canSubmit} loading={submitting} onClick={onSubmitTap}>
          {submitError?.retryable ? '重试提交' : '提交备案'}
        </Button>
      </Actions>
    </View>
  );
}
