// 放弃本次变更: after a confirmation, ends the change on the server (its photos deleted, the website free for a new
// change) and goes back to the overview; unsaved edits are dropped first so no autosave races the discard.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { api } from '../../services/api';
import { userMessage } from '../../services/errors';
import { overviewUrl } from '../../pageUrls';
import { Button, Caption } from '../../components/ui';

export const DISCARD_CONFIRM = '放弃后，本次填写的内容和上传的照片将被删除，不能恢复；已备案的信息不受影响，之后可重新发起变更。';

export function DiscardChange({ changeId, abandon }: { changeId: string; abandon: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const discard = async () => {
    const { confirm } = await Taro.showModal({ title: '放弃本次变更', content: DISCARD_CONFIRM, confirmText: '放弃变更', confirmColor: '#B8362E', cancelText: '继续填写' });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    abandon();
    try {
      await api.discardChange(changeId);
      void Taro.showToast({ title: '已放弃本次变更', icon: 'none' });
      await Taro.reLaunch({ url: overviewUrl() });
    } catch (err) {
      setError(`放弃失败：${userMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wz-discard">
      <Button variant="danger-text" block loading={busy} disabled={busy} onClick={() => void discard()}>
        放弃本次变更
      </Button>
      {error ? (
        <Caption tone="danger" role="alert">
          {error}
        </Caption>
      ) : null}
    </View>
  );
}
