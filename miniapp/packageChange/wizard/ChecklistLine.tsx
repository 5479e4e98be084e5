// One line of the pre-submit checklist: its outcome and every problem its rules found, each with the action that
// solves it — 去修改 on the field, a one-tap fix, or (for what the form cannot solve) the way to the blocker's steps.
import { Text, View } from '@tarojs/components';
import type { CheckProblem, PrecheckResult } from '../../../shared/contracts/api';
import { BLOCKER_GUIDANCE } from '../../../shared/rules/catalogue/guidance';
import { Button, Caption, Link } from '../../components/ui';
import './checklist.scss';

const OUTCOME_ICON: Record<PrecheckResult['outcome'], string> = { pass: '✓', warn: '!', fail: '✕' };
const OUTCOME_TEXT: Record<PrecheckResult['outcome'], string> = { pass: '通过', warn: '提醒', fail: '未通过' };

export interface ChecklistLineProps {
  line: PrecheckResult;
  /** Go to the step holding this field path or material slot and focus it. */
  onJump: (target: string) => void;
  /** Apply a one-tap fix (set the field to the suggested value). */
  onFix: (path: string, value: string) => void;
  /** Show the steps of a blocker the form cannot solve (listed above the checklist). */
  onShowBlocker: (kind: NonNullable<CheckProblem['blocker']>) => void;
}

/** Where a problem can be acted on: the field, or the blocker's steps when the fix lies outside the form. */
function actionOf(problem: CheckProblem): { kind: 'jump'; target: string } | { kind: 'blocker'; blocker: NonNullable<CheckProblem['blocker']> } | null {
  if (problem.blocker && BLOCKER_GUIDANCE[problem.blocker].recheck) return { kind: 'blocker', blocker: problem.blocker };
  return problem.path ? { kind: 'jump', target: problem.path } : null;
}

export function ChecklistLine({ line, onJump, onFix, onShowBlocker }: ChecklistLineProps) {
  const first = line.problems.map(actionOf).find((a) => a !== null) ?? null;
  const act = (action: NonNullable<ReturnType<typeof actionOf>>) => (action.kind === 'jump' ? onJump(action.target) : onShowBlocker(action.blocker));
  return (
    <View className={`wz-check-item wz-check-item--${line.outcome}`}>
      <View className="wz-check-item__head" role={first ? 'button' : undefined} aria-label={`${line.title}：${OUTCOME_TEXT[line.outcome]}`} onClick={() => first && act(first)}>
        <Text className={`wz-check-item__icon wz-check-item__icon--${line.outcome}`}>{OUTCOME_ICON[line.outcome]}</Text>
        <Text className="wz-check-item__title">{line.title}</Text>
      </View>
      {line.outcome === 'pass' ? null : (
        <View className="wz-check-item__problems">
          {line.problems.map((p, i) => {
            const action = actionOf(p);
            return (
              <View key={`${p.ruleId}-${p.path ?? ''}-${i}`} className={`wz-problem wz-problem--${p.severity}`}>
                <Caption tone={p.severity === 'fail' ? 'danger' : 'warning'}>{p.message}</Caption>
                <View className="wz-problem__actions">
                  {p.fix ? (
                    <Button variant="text" small accessibleName={`${line.title}：${p.fix.label}`} onClick={() => p.fix && onFix(p.fix.path, p.fix.value)}>
                      {p.fix.label}
                    </Button>
                  ) : null}
                  {action?.kind === 'jump' ? <Link onClick={() => onJump(action.target)}>去修改</Link> : null}
                  {action?.kind === 'blocker' ? <Link onClick={() => onShowBlocker(action.blocker)}>查看处理方法</Link> : null}
                </View>
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}
