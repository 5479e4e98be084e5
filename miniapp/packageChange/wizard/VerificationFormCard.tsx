// On the 核验单's card of the materials step: 下载核验单 (pre-filled with this change) and how to print, sign (and
// press the fingerprint where the province wants it) and photograph it.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ChangeDraft } from '../../../shared/domain/change';
import { provinceRules } from '../../../shared/data/provinceRules';
import { effectiveWebsitePrincipal } from '../../../shared/rules/principals';
import { userMessage } from '../../services/errors';
import { Actions, Button, Caption } from '../../components/ui';
import { downloadVerificationForm } from './verificationFormDownload';

export function verificationFormSteps(draft: ChangeDraft): string[] {
  const signer = effectiveWebsitePrincipal(draft.form).name.trim() || '网站负责人';
  const fingerprint = provinceRules(draft.base.province).verificationFormNeedsFingerprint;
  return [
    '下载已按本次变更填好的核验单，用A4纸打印（不要缩放）',
    fingerprint ? `由${signer}在签名处手写签名，并按上手印（本省要求）` : `由${signer}在签名处手写签名`,
    '平放在桌上整页拍照，四角完整、字迹清晰，再点下方按钮上传',
  ];
}

export function VerificationFormCard({ changeId, draft }: { changeId: string; draft: ChangeDraft }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadVerificationForm(changeId);
      setSaved(true);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wz-form-download">
      {verificationFormSteps(draft).map((step, i) => (
        <Text key={step} className="wz-form-download__step">
          {`${i + 1}. ${step}`}
        </Text>
      ))}
      <Actions>
        <Button block variant="secondary" loading={busy} disabled={busy} onClick={() => void download()}>
          下载核验单
        </Button>
      </Actions>
      {saved && !error ? <Caption>核验单已下载，打印签字后拍照上传</Caption> : null}
      {error ? (
        <Caption tone="danger" role="alert">
          {error}
        </Caption>
      ) : null}
    </View>
  );
}
