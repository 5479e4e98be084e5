// The 412 merge screen: per field, what this phone has and what is saved, and the user's pick for each.
import { useState } from 'react';
import type { ConflictChoice } from './conflicts';
import { displayValue, type FieldPath } from './fields';
import type { DraftConflict } from './useChangeDraft';
import { Actions, Button, Choice, ChoiceGroup, Sheet } from '../../components/ui';

export interface ConflictSheetProps {
  conflict: DraftConflict;
  onResolve: (choices: Partial<Record<FieldPath, ConflictChoice>>) => void;
}

const SIDE_TITLES: Record<ConflictChoice, string> = { local: '本机', saved: '已保存' };

export function ConflictSheet({ conflict, onResolve }: ConflictSheetProps) {
  const [choices, setChoices] = useState<Partial<Record<FieldPath, ConflictChoice>>>({});
  const allChosen = conflict.conflicts.every((c) => choices[c.path]);

  return (
    <Sheet
      label="选择保留的内容"
      title="这些内容在其他设备上也修改过"
      description="请逐项选择保留“本机”还是“已保存”的内容，其余修改会一并保存。"
      footer={
        <Actions>
          <Button block disabled={!allChosen} onClick={() => onResolve(choices)}>
            {allChosen ? '保存所选内容' : '请为每一项选择保留的内容'}
          </Button>
        </Actions>
      }
    >
      {conflict.conflicts.map((c) => (
        <ChoiceGroup key={c.path} label={c.label}>
          {(['local', 'saved'] as const).map((side) => {
            const value = displayValue(c.path, side === 'local' ? c.local : c.saved);
            return (
              <Choice
                key={side}
                checked={choices[c.path] === side}
                label={`${c.label}保留${SIDE_TITLES[side]}：${value}`}
                title={SIDE_TITLES[side]}
                onSelect={() => setChoices((prev) => ({ ...prev, [c.path]: side }))}
              >
                {value}
              </Choice>
            );
          })}
        </ChoiceGroup>
      ))}
    </Sheet>
  );
}
