// One on/off setting drawn with plain views (Taro's H5 Switch is not labelled for screen readers): the whole row is the
// tap target (at least 44 px tall), a `switch` named by its visible label, its description tied to it.
import { Text, View } from '@tarojs/components';

export interface SettingSwitchProps {
  id: string;
  label: string;
  description: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (next: boolean) => void;
}

export function SettingSwitch({ id, label, description, checked, disabled, onChange }: SettingSwitchProps) {
  return (
    <View
      className={`setting-switch${disabled ? ' setting-switch--disabled' : ''}`}
      role="switch"
      aria-checked={checked}
      aria-disabled={disabled}
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-desc`}
      onClick={() => !disabled && onChange(!checked)}
    >
      <View className="setting-switch__text">
        <Text id={`${id}-label`} className="setting-switch__label">
          {label}
        </Text>
        <Text id={`${id}-desc`} className="setting-switch__desc">
          {description}
        </Text>
      </View>
      <View className={`setting-switch__track${checked ? ' setting-switch__track--on' : ''}`}>
        <View className="setting-switch__thumb" />
      </View>
      <Text className="setting-switch__state">{checked ? '开' : '关'}</Text>
    </View>
  );
}
