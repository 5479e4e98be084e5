// The 负责人核验 section of the confirm step: one item per principal who must verify (未开始 / 待核验 / 已通过 / 未通过 with
// the reason), 发起核验 / 打开核验 / 重新核验, and a refresh with backoff while one is pending and the page is visible.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { api, type PrincipalVerification } from '../../services/api';
import { Button, Caption, Section, Tag, type TagTone } from '../../components/ui';
import { beijingDateTime } from '../../../shared/rules/dates';
import { openVerification, pollDelay } from './verification';

const STATE: Record<PrincipalVerification['status'], { label: string; tone: TagTone }> = {
  not_started: { label: '未开始', tone: 'neutral' },
  pending: { label: '待核验', tone: 'warning' },
  passed: { label: '已通过', tone: 'success' },
  failed: { label: '未通过', tone: 'danger' },
  expired: { label: '已过期', tone: 'danger' },
};

function explanation(v: PrincipalVerification): string {
  switch (v.status) {
    case 'not_started':
      return `${v.who}已更换，需由本人持身份证在手机上完成人脸核验${v.mobile ? `；核验链接将以短信发送至 ${v.mobile}` : ''}`;
    case 'pending':
      return `${v.smsSent ? `核验链接已发送至 ${v.mobile}，` : ''}请本人在 ${v.expiresAt ? beijingDateTime(v.expiresAt) : '24小时内'} 前完成；完成后本页自动更新`;
    case 'passed':
      return '已通过电子化核验';
    case 'failed':
      return v.reason ?? '核验未通过，请重新核验';
    case 'expired':
      return '核验任务超过24小时未完成，已失效，请重新核验';
  }
}

export interface PrincipalVerificationsProps {
  changeId: string;
  /** The draft's version: the people to verify follow the form. */
  version: number;
  editable: boolean;
  /** A verification changed state (the checklist depends on it). */
  onChanged: () => void;
}

export function PrincipalVerifications({ changeId, version, editable, onChanged }: PrincipalVerificationsProps) {
  const [items, setItems] = useState<PrincipalVerification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const statuses = useRef<string>('');
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;

  const load = useCallback(async () => {
    try {
      const list = await api.listVerifications(changeId);
      const key = list.map((v) => `${v.role}:${v.status}`).join(',');
      if (statuses.current && statuses.current !== key) onChangedRef.current();
      statuses.current = key;
      setItems(list);
      setError(null);
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : '负责人核验状态加载失败，请检查网络后重试');
    }
  }, [changeId]);

  useEffect(() => {
    setAttempt(0);
    void load();
  }, [load, version]);
  // Back from the verification (another mini-program, or the browser): look at once, then poll again from the start.
  const hidden = useRef(false);
  useDidShow(() => {
    if (!hidden.current) return;
    hidden.current = false;
    setVisible(true);
    setAttempt(0);
    void load();
  });
  useDidHide(() => {
    hidden.current = true;
    setVisible(false);
  });

  const pending = items?.some((v) => v.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending || !visible) return undefined;
    const timer = setTimeout(() => {
      void load().then(() => setAttempt((n) => n + 1));
    }, pollDelay(attempt));
    return () => clearTimeout(timer);
  }, [pending, visible, attempt, load]);

  if (!items || items.length === 0) {
    return error ? (
      <Section title="负责人核验">
        <Caption tone="danger" role="alert">
          {error}
        </Caption>
      </Section>
    ) : null;
  }

  const start = async (v: PrincipalVerification) => {
    setBusy(v.role);
    try {
      const next = await api.startVerification(changeId, v.role);
      setItems((list) => list?.map((i) => (i.role === v.role ? next : i)) ?? null);
      setAttempt(0);
      setError(null);
      onChangedRef.current();
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : '发起核验失败，请检查网络后重试');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section title="负责人核验">
      <Caption>新的负责人需本人在手机上完成电子化核验（读取身份证、人脸比对），通过后才能提交。</Caption>
      {items.map((v) => (
        <View key={v.role} className={`wz-verify wz-verify--${v.status}`} aria-label={`${v.who}核验：${STATE[v.status].label}`}>
          <View className="wz-verify__head">
            <Caption>{`${v.who} ${v.name}`}</Caption>
            <Tag tone={STATE[v.status].tone} small>
              {STATE[v.status].label}
            </Tag>
          </View>
          <Caption tone={v.status === 'failed' || v.status === 'expired' ? 'danger' : undefined}>{explanation(v)}</Caption>
          {editable && v.status === 'pending' && v.entry ? (
            <Button small variant="secondary" onClick={() => v.entry && void openVerification(v.entry)}>
              打开核验
            </Button>
          ) : null}
          {editable && v.canStart ? (
            <Button small loading={busy === v.role} disabled={busy !== null} onClick={() => void start(v)}>
              {v.status === 'not_started' ? '发起核验' : '重新核验'}
            </Button>
          ) : null}
        </View>
      ))}
      {error ? (
        <Caption tone="danger" role="alert">
          {error}
        </Caption>
      ) : null}
    </Section>
  );
}
