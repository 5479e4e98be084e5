// What already blocks a change, shown before editing (the overview card, step 1): each blocker with its steps and the
// action that solves it — 重新检测 after a fix made elsewhere, the footer HTML with a copy button, or the field to edit.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Blocker } from '../../../shared/contracts/api';
import { BLOCKER_GUIDANCE } from '../../../shared/rules/catalogue/guidance';
// Per component file: the overview (main package) uses this list too, and the kit's barrel would pull in the wizard's.
import { Actions, Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { Caption } from '../ui/Text';
import './blockers.scss';

export interface BlockerListProps {
  blockers: Blocker[];
  /** Checks again (after a renewal or a new footer); the list shows a spinner on its 重新检测 buttons meanwhile. */
  onRecheck: () => void;
  rechecking?: boolean;
  /** Opens the field a blocker is solved in (remove the domain, the new ID's validity). */
  onGoTo: (field: string) => void;
  /** Text of the heading line. */
  heading?: string;
}

function copy(html: string) {
  void Taro.setClipboardData({ data: html })
    .then(() => Taro.showToast({ title: '代码已复制', icon: 'none' }))
    .catch(() => undefined);
}

export function BlockerList({ blockers, onRecheck, rechecking = false, onGoTo, heading = '提交前需先处理' }: BlockerListProps) {
  if (blockers.length === 0) return null;
  return (
    <Notice tone="danger" role="alert" className="blockers">
      <Text className="blockers__heading">
        {heading}（{blockers.length}项）
      </Text>
      {blockers.map((b) => {
        const guidance = BLOCKER_GUIDANCE[b.kind];
        return (
          <View key={b.id} className="blockers__item" id={`blocker-${b.kind}`}>
            <Text className="blockers__title">{b.title}</Text>
            <Text className="blockers__message">{b.message}</Text>
            <Caption>{guidance.steps}</Caption>
            {b.html ? (
              <View className="blockers__code">
                <Text className="blockers__html" selectable userSelect>
                  {b.html}
                </Text>
              </View>
            ) : null}
            <Actions layout={b.html ? 'halves' : 'stack'} spacing="s">
              {b.html ? (
                <Button variant="secondary" small onClick={() => copy(b.html ?? '')}>
                  复制代码
                </Button>
              ) : null}
              {guidance.recheck || b.field === null ? (
                <Button variant="tonal" small loading={rechecking} onClick={onRecheck}>
                  重新检测
                </Button>
              ) : (
                <Button variant="tonal" small onClick={() => onGoTo(b.field ?? '')}>
                  {guidance.action}
                </Button>
              )}
            </Actions>
          </View>
        );
      })}
    </Notice>
  );
}
