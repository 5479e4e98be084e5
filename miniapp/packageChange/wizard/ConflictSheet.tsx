// The 412 merge screen: per field, what this phone has and what is saved, and the user's pick for each.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ConflictChoice } from './conflicts';
import { displayValue, type FieldPath } from './fields';
import type { DraftConflict } from './useChangeDraft';
import './wizard.scss';

export interface ConflictSheetProps {
  conflict: DraftConflict;
  onResolve: (choices: Partial<Record<FieldPath, ConflictChoice>>) => void;
}

export function ConflictSheet({ conflict, onResolve }: ConflictSheetProps) {
  const [choices, setChoices] = useState<Partial<Record<FieldPath, ConflictChoice>>>({});
  const allChosen = conflict.conflicts.every((c) => choices[c.path]);

  return (
    <View className='wz-conflict' role='dialog' aria-label='选择保留的内容'>
      <View className='wz-conflict__panel'>
        <Text className='wz-card__title'>这些内容在其他设备上也修改过</Text>
        <Text className='wz-field__hint'>请逐项选择保留“本机”还是“已保存”的内容，其余修改会一并保存。</Text>
        {conflict.conflicts.map((c) => (
          <View key={c.path} className='wz-conflict__item'>
            <Text className='wz-diff__label'>{c.label}</Text>
            {(['local', 'saved'] as const).map((side) => {
              const picked = choices[c.path] === side;
              const title = side === 'local' ? '本机' : '已保存';
              const value = displayValue(c.path, side === 'local' ? c.local : c.saved);
              return (
                <View
                  key={side}
                  className={`wz-conflict__option${picked ? ' wz-conflict__option--on' : ''}`}
                  role='radio'
                  aria-checked={picked}
                  aria-label={`${c.label}保留${title}：${value}`}
                  onClick={() => setChoices((prev) => ({ ...prev, [c.path]: side }))}
                >
                  <Text className='wz-conflict__side'>{title}</Text>
                  <Text className='wz-conflict__value'>{value}</Text>
                </View>
              );
            })}
          </View>
        ))}
        <Button className={`wz-btn wz-btn--primary${!allChosen ? ' wz-btn--disabled' : ''}`} disabled={!allChosen} onClick={() => onResolve(choices)}>
          {allChosen ? '保存所选内容' : '请为每一项选择保留的内容'}
        </Button>
      </View>
    </View>
  );
}
