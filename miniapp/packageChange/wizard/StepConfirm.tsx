// Step 3 确认提交: every change as old → new, the pre-submit checklist (tap jumps to the field), the agreement, and
// 提交备案 (subscribe dialog inside the tap, then an idempotent submit).
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Blocker, PrecheckResult } from '../../../shared/contracts/api';
import { api } from '../../services/api';
import type { ChangeDraftHandle } from './useChangeDraft';
import { isOpenForEditing } from '../../../shared/domain/status';
import { diffChange } from '../../../shared/rules/diff';
import { materialSlotLabel } from '../../../shared/rules/labels';
import { agreementSegments, askForSubscriptions, submitChange, subscribeTemplateIds } from './submit';
import { Actions, Button, Caption, Checkbox, DiffRow, Link, Section } from '../../components/ui';
import { BlockerList } from '../../components/blockers/BlockerList';
import { rejectionMark } from '../../../shared/rules/rejection';
import { ChecklistLine } from './ChecklistLine';
import { PrincipalVerifications } from './PrincipalVerifications';
import type { FieldPath } from './fields';
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
  blockers: Blocker[];
  ready: boolean;
}

export function StepConfirm({ changeId, handle, onJump, onBack }: StepConfirmProps) {
  const { draft, getForm, saveState, flush } = handle;
  const [checks, setChecks] = useState<ChecksState | null>(null);
  const [checksError, setChecksError] = useState<string | null>(null);
  const [agreed, setAgreed] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; retryable: boolean } | null>(null);
  const [rechecking, setRechecking] = useState(false);

  const loadChecks = useCallback(async () => {
    try {
      const res = await api.getChecks(changeId);
      setChecks({ checks: res.checks, blockers: res.blockers, ready: res.ready });
      setChecksError(null);
    } catch (err) {
      setChecksError(err instanceof Error && err.message ? err.message : '提交前检查加载失败，请检查网络后重试');
    }
  }, [changeId]);

  useEffect(() => {
    void loadChecks();
  }, [loadChecks, draft?.version]);

  const recheck = async () => {
    setRechecking(true);
    await loadChecks();
    setRechecking(false);
  };

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
          // A material the reviewer refused reads 未通过 until it is uploaded again after the rejection.
          <DiffRow
            key={slot}
            label={materialSlotLabel(m.subject, m.kind)}
            after={rejectionMark(draft, slot) === 'failed' ? '未通过，需重新上传' : '已重新上传'}
            onClick={rejectionMark(draft, slot) === 'failed' ? () => onJump(slot) : undefined}
          />
        ))}
      </Section>

      <PrincipalVerifications changeId={changeId} version={draft.version} editable={editable} onChanged={() => void loadChecks()} />

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
        {checks ? <BlockerList blockers={checks.blockers} heading="以下问题需在提交前处理" rechecking={rechecking} onRecheck={() => void recheck()} onGoTo={onJump} /> : null}
        {checks?.checks.map((line) => (
          <ChecklistLine
            key={line.id}
            line={line}
            onJump={onJump}
            onFix={(path, value) => {
              // A one-tap fix is an edit like any other: saved, then checked again.
              handle.edit(path as FieldPath, value);
              void flush().then(() => loadChecks());
            }}
            onShowBlocker={(kind) => void Taro.pageScrollTo({ selector: `#blocker-${kind}`, duration: 200 })?.catch?.(() => undefined)}
          />
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
