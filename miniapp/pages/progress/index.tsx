// 审核进度: the timeline of one change with reviewer reasons, the MIIT SMS check to answer, and the actions
// the state allows (去修改 after a rejection, 撤回 before initial review ends, subscribing to result notifications).
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ReviewReason } from '../../../shared/domain/change';
import { canTransition, FINAL_STATUSES, ORDER_STEP_TTL_DAYS, REOPENABLE_STATUSES, STATUS_LABELS, type ChangeStatus } from '../../../shared/domain/status';
// Per component, not the kit's barrel (which would pull the wizard's components into the main package).
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { ErrorState, Loading } from '../../components/ui/States';
import { statusTone } from '../../components/ui/Tag';
import { api, ApiRequestError, type Progress } from '../../services/api';
import { SUBSCRIBE_TEMPLATE_LIST } from '../../services/config';
import { userMessage } from '../../services/errors';
import { beijingDateTime } from '../../../shared/rules/dates';
import { targetLabel } from '../../../shared/rules/labels';
import './index.scss';
import { notificationSettingsUrl, overviewUrl, wizardUrl } from '../../pageUrls';
import { StageTracker } from '../../components/progress/StageTracker';
import { MIIT_CHECK_URL, stageStates } from '../../components/progress/stages';
import { useAutoRefresh } from './useAutoRefresh';
import { BackButton } from '../../components/ui/BackButton';

/** What the applicant should expect next, per status. */
const NEXT_STEP: Record<ChangeStatus, string> = {
  draft: '变更申请尚未提交，请继续填写并提交。',
  submitted: '正在转交服务商初审，请稍候。',
  initial_review: '服务商初审一般在 1 个工作日内完成，结果将通过短信和邮件通知您。',
  initial_rejected: '请按下方审核意见修改后重新提交，未提及的内容无需修改。',
  authority_pending: '已提交至管局，等待管局受理。',
  authority_review: '管局审核一般不超过 20 个工作日，期间请留意工信部核验短信。',
  authority_rejected: '请按下方审核意见修改后重新提交，未提及的内容无需修改。',
  approved: '新的网站信息已生效。',
  withdrawn: '该变更申请已终止，如仍需变更请重新办理。',
  expired: `该变更申请超过 ${ORDER_STEP_TTL_DAYS} 天未处理，已失效，如需变更请重新办理。`,
};

function reasonTarget(reason: ReviewReason): string | null {
  return targetLabel(reason.target) || null;
}

function Timeline({ progress }: { progress: Progress }) {
  const entries = [...progress.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <View className="timeline">
      {entries.map((entry, index) => {
        const last = index === entries.length - 1;
        const tone = REOPENABLE_STATUSES.includes(entry.status) ? 'danger' : entry.status === 'approved' ? 'success' : last ? 'current' : 'done';
        return (
          <View key={entry.id} className={`timeline__item timeline__item--${tone}`}>
            <View className="timeline__rail">
              <View className="timeline__dot" />
              {!last && <View className="timeline__line" />}
            </View>
            <View className="timeline__body">
              <Text className="timeline__title">{entry.title}</Text>
              <Text className="timeline__time">{beijingDateTime(entry.at)}</Text>
              {entry.detail && <Text className="timeline__detail">{entry.detail}</Text>}
              {entry.reasons.length > 0 && (
                <View className="timeline__reasons">
                  <Text className="timeline__reasons-title">审核意见</Text>
                  {entry.reasons.map((reason, i) => {
                    const target = reasonTarget(reason);
                    return (
                      <View key={`${reason.target.path}-${i}`} className="timeline__reason">
                        {target && <Text className="timeline__reason-target">{target}：</Text>}
                        <Text>{reason.message}</Text>
                      </View>
                    );
                  })}
                </View>
              )}
            </View>
          </View>
        );
      })}
    </View>
  );
}

/**
 * Where 去修改 leads: straight to the first item the reviewer flagged (a material opens the materials step at that
 * material, a field step 1 at that field); with only general reasons, step 1.
 */
function editUrl(changeId: string, progress: Progress): string {
  const rejection = [...progress.timeline].sort((a, b) => b.at.localeCompare(a.at)).find((e) => REOPENABLE_STATUSES.includes(e.status) && e.reasons.length > 0);
  const target = rejection?.reasons.find((r) => r.target.type !== 'general')?.target;
  if (!target) return wizardUrl(changeId, { step: 'website' });
  return wizardUrl(changeId, { step: target.type === 'material' ? 'materials' : 'website', focus: target.path });
}

function MiitCheckCard({ check }: { check: NonNullable<Progress['miitCheck']> }) {
  return (
    <View className="miit-check">
      <Text className="miit-check__title">请在 {beijingDateTime(check.deadline)} 前完成工信部短信核验</Text>
      <Text className="miit-check__text">{check.instructions}</Text>
      <Text className="miit-check__rule">
        收到核验短信后 24 小时内，在工信部备案系统（{MIIT_CHECK_URL}）的“短信核验”页面输入短信中的验证码、负责人手机号码和证件号码后 6 位。连续 5 次验证失败或逾期未核验，变更申请将被退回。
      </Text>
    </View>
  );
}

export default function ProgressPage() {
  const { params } = useRouter();
  const changeId = params.changeId ?? '';
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'withdraw' | 'subscribe' | null>(null);
  const loaded = useRef(false);

  const shownKey = useRef('');

  /** Loads the progress; answers whether what is shown changed (the auto-refresh backs off while it does not). */
  const load = useCallback(
    async (quiet = false): Promise<boolean> => {
      if (!changeId) {
        setError('缺少变更编号，请从备案信息总览重新进入');
        return false;
      }
      try {
        const next = await api.getProgress(changeId);
        loaded.current = true;
        setError(null);
        setProgress(next);
        const key = `${next.status}|${next.timeline.length}|${next.miitCheck ? 1 : 0}`;
        const changed = key !== shownKey.current;
        shownKey.current = key;
        return changed;
      } catch (err) {
        // A background refresh that fails stays quiet: the next one tries again.
        if (quiet) return false;
        if (loaded.current) void Taro.showToast({ title: userMessage(err), icon: 'none', duration: 3000 });
        else setError(userMessage(err));
        return false;
      }
    },
    [changeId],
  );

  useAutoRefresh(() => load(true), progress !== null && !FINAL_STATUSES.includes(progress.status));

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => void Taro.stopPullDownRefresh());
  });

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回变更申请',
      content: '撤回后本次变更申请将终止，服务商不再审核。如仍需变更，需要重新办理。确定撤回吗？',
      confirmText: '确定撤回',
      confirmColor: '#B8362E',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy('withdraw');
    try {
      await api.withdraw(changeId);
      void Taro.showToast({ title: '已撤回', icon: 'success' });
      await load();
    } catch (err) {
      await Taro.showModal({ title: '撤回失败', content: userMessage(err), showCancel: false, confirmText: '知道了' });
      if (err instanceof ApiRequestError && err.status === 409) await load();
    } finally {
      setBusy(null);
    }
  };

  const subscribe = async () => {
    // requestSubscribeMessage must be the first thing the tap does: WeChat only honours it inside the user's gesture.
    let accepted: string[];
    try {
      const result = (await Taro.requestSubscribeMessage({ tmplIds: SUBSCRIBE_TEMPLATE_LIST, entityIds: [] })) as unknown as Record<string, string>;
      accepted = SUBSCRIBE_TEMPLATE_LIST.filter((id) => result[id] === 'accept');
    } catch {
      void Taro.showToast({ title: '当前环境不支持订阅消息，审核结果仍会通过短信和邮件通知您', icon: 'none', duration: 3000 });
      return;
    }
    if (accepted.length === 0) {
      void Taro.showToast({ title: '未订阅，审核结果仍会通过短信和邮件通知您', icon: 'none', duration: 3000 });
      return;
    }
    setBusy('subscribe');
    try {
      const { subscriptionsLeft } = await api.addSubscriptions(changeId, accepted);
      setProgress((current) => (current ? { ...current, subscriptionsLeft } : current));
      void Taro.showToast({ title: '订阅成功，审核结果将通过微信通知您', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: userMessage(err), icon: 'none', duration: 3000 });
    } finally {
      setBusy(null);
    }
  };

  if (error && !progress) {
    return (
      <View className="page progress">
        <BackButton />
        <ErrorState title="审核进度加载失败" message={error} onRetry={changeId ? () => void load() : undefined} />
      </View>
    );
  }
  if (!progress) {
    return (
      <View className="page progress">
        <BackButton />
        <Loading cards={2} label="正在加载审核进度" />
      </View>
    );
  }

  const { status } = progress;
  const rejected = REOPENABLE_STATUSES.includes(status);
  const withdrawable = canTransition(status, 'withdraw');
  const finished = FINAL_STATUSES.includes(status);

  return (
    <View className="page progress">
      <BackButton />
      <Card className="progress-head">
        <Text className="progress-head__label">当前状态</Text>
        <Text className={`progress-head__status progress-head__status--${statusTone(status)}`}>{STATUS_LABELS[status]}</Text>
        <Text className="progress-head__next">{NEXT_STEP[status]}</Text>
      </Card>

      {progress.miitCheck && <MiitCheckCard check={progress.miitCheck} />}

      {/* A withdrawn or expired change has no stage to show: its timeline below says how it ended. */}
      {stageStates(status, Boolean(progress.miitCheck)) && (
        <Card title="办理进度">
          <StageTracker status={status} miitCheckOpen={Boolean(progress.miitCheck)} />
        </Card>
      )}

      <Card title="审核记录">{progress.timeline.length > 0 ? <Timeline progress={progress} /> : <Text className="text-secondary">暂无审核记录</Text>}</Card>

      <View className="progress-actions">
        {rejected && (
          <Button block onClick={() => void Taro.navigateTo({ url: editUrl(changeId, progress) })}>
            去修改
          </Button>
        )}
        {/* Subscription messages exist only in WeChat: not offered in H5, where the results come by SMS and mail. */}
        {!finished && process.env.TARO_ENV !== 'h5' && (
          <View className="progress-subscribe">
            <Button block variant={rejected ? 'secondary' : 'primary'} loading={busy === 'subscribe'} onClick={() => void subscribe()}>
              订阅审核结果通知
            </Button>
            <Text className="progress-subscribe__hint">
              {progress.subscriptionsLeft > 0 ? `已订阅，还可接收 ${progress.subscriptionsLeft} 次微信通知` : '订阅后，审核结果将通过微信服务通知发送给您'}
            </Text>
          </View>
        )}
        {withdrawable && (
          <Button block variant="danger" loading={busy === 'withdraw'} onClick={() => void withdraw()}>
            撤回
          </Button>
        )}
        {!finished && (
          <Button block variant="text" onClick={() => void Taro.navigateTo({ url: notificationSettingsUrl() })}>
            通知设置
          </Button>
        )}
        <Button block variant="text" onClick={() => void Taro.reLaunch({ url: overviewUrl() })}>
          返回备案信息总览
        </Button>
      </View>
    </View>
  );
}
