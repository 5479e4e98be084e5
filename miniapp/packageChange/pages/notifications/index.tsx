// 通知设置: which channels carry the change's status notifications, and whether the website principal a change replaces
// is told as well as the new one. Each switch saves at once and says 已保存 or why not (the switch then goes back).
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { NotificationSettings } from '../../../../shared/contracts/notificationSettings';
import { BackButton } from '../../../components/ui/BackButton';
import { Card } from '../../../components/ui/Card';
import { ErrorState, Loading } from '../../../components/ui/States';
import { api } from '../../../services/api';
import { userMessage } from '../../../services/errors';
import { SettingSwitch } from './SettingSwitch';
import './notifications.scss';

type Channel = keyof NotificationSettings['channels'];

/**
 * Subscription messages are authorised in WeChat only, with the progress page's button, which the web version does not
 * show: there the row says where to subscribe instead of pointing at a button that is not there. Read at render time
 * (the builds fix TARO_ENV; the tests set it).
 */
const wechatDescription = () =>
  process.env.TARO_ENV === 'h5'
    ? '审核结果通过微信服务通知发给您。网页版不能订阅：请在微信小程序的进度页点击“订阅审核结果通知”授权，此开关对该订阅生效。'
    : '审核结果通过微信服务通知发给您（需在进度页点击“订阅审核结果通知”授权）。';

const CHANNELS: { channel: Channel; label: string; description: () => string }[] = [
  { channel: 'wechat', label: '微信订阅消息', description: wechatDescription },
  { channel: 'sms', label: '短信', description: () => '每次进度变化发短信给网站负责人。' },
  { channel: 'mail', label: '邮件', description: () => '每次进度变化发邮件给网站负责人，含审核意见。' },
];

const REPLACED = {
  label: '通知被更换的原负责人',
  description: '开启：原负责人和新负责人都会收到短信和邮件，原负责人会被告知其网站负责人身份将被更换；关闭：只通知新负责人。',
};

type LoadState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; settings: NotificationSettings };
type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; what: string } | { kind: 'failed'; what: string; message: string };

export default function NotificationSettingsPage() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', settings: (await api.call('getNotificationSettings', { params: {} })).data.settings });
    } catch (err) {
      setState({ kind: 'error', message: userMessage(err) });
    }
  }, []);
  useDidShow(() => {
    void load();
  });

  /** Shows the change at once, saves it, and puts the switch back when the save fails. */
  const apply = async (next: NotificationSettings, what: string) => {
    if (state.kind !== 'ready') return;
    const before = state.settings;
    setState({ kind: 'ready', settings: next });
    setSave({ kind: 'saving' });
    try {
      setState({ kind: 'ready', settings: (await api.call('putNotificationSettings', { params: {}, body: next })).data.settings });
      setSave({ kind: 'saved', what });
    } catch (err) {
      setState({ kind: 'ready', settings: before });
      setSave({ kind: 'failed', what, message: userMessage(err) });
    }
  };

  const onOff = (on: boolean) => (on ? '已开启' : '已关闭');

  return (
    <View className="page notification-settings">
      <BackButton />
      <Text className="page-title">通知设置</Text>
      <Text className="page-subtitle">变更提交后，审核进度每次变化时，按下列设置通知您和网站负责人。</Text>
      {state.kind === 'loading' && <Loading cards={2} label="正在加载通知设置" />}
      {state.kind === 'error' && <ErrorState title="通知设置加载失败" message={state.message} onRetry={() => void load()} />}
      {state.kind === 'ready' && (
        <>
          <Card title="通知渠道">
            {CHANNELS.map(({ channel, label, description }) => (
              <SettingSwitch
                key={channel}
                id={`notify-${channel}`}
                label={label}
                description={description()}
                checked={state.settings.channels[channel]}
                disabled={save.kind === 'saving'}
                onChange={(on) => void apply({ ...state.settings, channels: { ...state.settings.channels, [channel]: on } }, `${label}通知${onOff(on)}`)}
              />
            ))}
          </Card>
          <Card title="更换网站负责人">
            <SettingSwitch
              id="notify-replaced"
              label={REPLACED.label}
              description={REPLACED.description}
              checked={state.settings.notifyReplacedPrincipal}
              disabled={save.kind === 'saving'}
              onChange={(on) => void apply({ ...state.settings, notifyReplacedPrincipal: on }, `通知原负责人${onOff(on)}`)}
            />
          </Card>
        </>
      )}
      <View className="notification-settings__status" role="status" aria-live="polite">
        {save.kind === 'saving' && <Text>正在保存…</Text>}
        {save.kind === 'saved' && <Text className="notification-settings__saved">{`已保存：${save.what}`}</Text>}
        {save.kind === 'failed' && <Text className="notification-settings__failed">{`保存失败（${save.what}未生效）：${save.message}`}</Text>}
      </View>
    </View>
  );
}
