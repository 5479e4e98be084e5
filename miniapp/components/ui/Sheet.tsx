// A bottom sheet over a dimmed screen for a decision that must be made now (e.g. which version of a field to keep),
// and the one-of-several choices it offers.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Caption } from './Text';
import './section.scss';
import './sheet.scss';

export interface SheetProps {
  /** The dialog's accessible name. */
  label: string;
  title: string;
  description?: string;
  children?: ReactNode;
  /** The action that closes it (e.g. Actions with one button). */
  footer?: ReactNode;
}

export function Sheet({ label, title, description, children, footer }: SheetProps) {
  return (
    <View className="ui-sheet" role="dialog" aria-label={label}>
      <View className="ui-sheet__panel">
        <Text className="ui-section__title">{title}</Text>
        {description ? <Caption>{description}</Caption> : null}
        {children}
        {footer}
      </View>
    </View>
  );
}

/** A group of choices under a label (one question). */
export function ChoiceGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="ui-choice-group">
      <Text className="ui-choice-group__label">{label}</Text>
      {children}
    </View>
  );
}

export interface ChoiceProps {
  checked: boolean;
  /** The accessible name (what picking it means, with its value). */
  label: string;
  /** A short name of the option, left of its value. */
  title: string;
  children: ReactNode;
  onSelect: () => void;
}

/** One option of a ChoiceGroup (a radio). */
export function Choice({ checked, label, title, children, onSelect }: ChoiceProps) {
  return (
    <View className={`ui-choice${checked ? ' ui-choice--on' : ''}`} role="radio" aria-checked={checked} aria-label={label} onClick={onSelect}>
      <Text className="ui-choice__title">{title}</Text>
      <Text className="ui-choice__value">{children}</Text>
    </View>
  );
}
