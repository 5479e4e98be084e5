// 办理进度: the five stages in a vertical list, the current one with its expected duration and what to do now; the
// other stages show their duration only (the applicant sees what is ahead without a wall of text).
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { STAGES, stageStates, MIIT_CHECK_URL, type StageState } from './stages';
import type { ChangeStatus } from '../../../shared/domain/status';
import './stageTracker.scss';

const STATE_TEXT: Record<StageState, string> = { done: '已完成', current: '进行中', ongoing: '审核中', failed: '未通过', todo: '未开始' };

export function StageTracker({ status, miitCheckOpen }: { status: ChangeStatus; miitCheckOpen: boolean }) {
  const states = stageStates(status, miitCheckOpen);
  if (!states) return null;
  const copyLink = () => void Taro.setClipboardData({ data: MIIT_CHECK_URL }).catch(() => undefined);
  return (
    <View className="stage-tracker" role="list" aria-label="办理进度">
      {STAGES.map((stage, i) => {
        const state = states[i];
        const active = state === 'current' || state === 'failed';
        return (
          <View key={stage.title} className={`stage stage--${state}`} role="listitem" aria-current={state === 'current' ? 'step' : undefined}>
            <View className="stage__head">
              <Text className="stage__title">{stage.title}</Text>
              <Text className="stage__state">{STATE_TEXT[state]}</Text>
            </View>
            <Text className="stage__duration">预计：{stage.duration}</Text>
            {active && <Text className="stage__todo">您需要：{stage.todo}</Text>}
            {active && stage.title === '短信核验' && (
              <View className="stage__link" role="button" onClick={copyLink}>
                <Text>复制工信部备案系统网址</Text>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
