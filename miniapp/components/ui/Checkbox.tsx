// A checkbox drawn with plain views (Taro's H5 set has no Checkbox for React) with a 44 px tap area: the whole row with
// its label. A rich label (text with its own links, e.g. the agreement) is a tap target too, as an HTML <label> would
// be: tapping its text ticks the box, tapping one of its links (Link inline stops the tap) opens the link instead.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './checkbox.scss';

export interface CheckboxProps {
  checked: boolean;
  /** The accessible name, and the visible label when there are no children. */
  label: string;
  onChange: (next: boolean) => void;
  disabled?: boolean;
  /** A rich label (e.g. the agreement with links to the documents): its text toggles too, its inline links do not. */
  children?: ReactNode;
  className?: string;
}

function Box({ checked }: { checked: boolean }) {
  return <View className={`ui-check__box${checked ? ' ui-check__box--on' : ''}`}>{checked ? <Text className="ui-check__mark">✓</Text> : null}</View>;
}

export function Checkbox({ checked, label, onChange, disabled, children, className }: CheckboxProps) {
  const toggle = () => !disabled && onChange(!checked);
  const box = (
    <View className={`ui-check${disabled ? ' ui-check--disabled' : ''}`} role="checkbox" aria-checked={checked} aria-disabled={disabled} aria-label={label} onClick={toggle}>
      <Box checked={checked} />
      {children ? null : <Text className="ui-check__label">{label}</Text>}
    </View>
  );
  if (!children) return className ? <View className={className}>{box}</View> : box;
  return (
    <View className={`ui-check-rich${className ? ` ${className}` : ''}`}>
      {box}
      <Text className="ui-check-rich__text" onClick={toggle}>
        {children}
      </Text>
    </View>
  );
}
