// One change as old → new (or only the old value struck through, or only the new one), tappable to go and edit it.
import { Text, View } from '@tarojs/components';
import './diffRow.scss';

export interface DiffRowProps {
  label: string;
  /** The filed value (struck through); omit when there is nothing before (a replaced photo). */
  before?: string;
  /** The new value; omit when the change is a removal. */
  after?: string;
  onClick?: () => void;
}

export function DiffRow({ label, before, after, onClick }: DiffRowProps) {
  return (
    <View className="ui-diff" role={onClick ? 'button' : undefined} onClick={onClick}>
      <Text className="ui-diff__label">{label}</Text>
      {before !== undefined ? <Text className="ui-diff__old">{before}</Text> : null}
      {before !== undefined && after !== undefined ? <Text className="ui-diff__arrow">→</Text> : null}
      {after !== undefined ? <Text className="ui-diff__new">{after}</Text> : null}
    </View>
  );
}
