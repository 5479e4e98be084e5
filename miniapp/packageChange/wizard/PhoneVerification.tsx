// SMS verification of a new or changed mobile: 获取验证码 with a 60 s countdown (Retry-After on 429) and the code field.
import { useState } from 'react';
import { View } from '@tarojs/components';
import { api, ApiRequestError } from '../../services/api';
import type { ChangeBase, WebsiteForm } from '../../../shared/domain/change';
import { phonesNeedingVerification } from '../../../shared/rules/phones';
import { maskMobile } from '../../../shared/validators/contact';
import { mainlandMobile } from '../../../shared/validators/contact';
import { useCountdown } from './useCountdown';
import { Actions, Button, Caption, Tag, TextInput } from '../../components/ui';
import './wizard.scss';

/** Used when the BFF does not say how long to wait before the next code. */
export const SMS_RESEND_SECONDS = 60;

export interface PhoneVerificationProps {
  changeId: string;
  /** The mobile as currently typed. */
  phone: string;
  base: ChangeBase;
  /** The live form (the typed mobile is already in it). */
  getForm: () => WebsiteForm | null;
  verifiedPhones: string[];
  onVerified: (verifiedPhones: string[]) => void;
  /** Saves pending edits: the BFF only sends a code to a number the saved draft holds (autosave may not have run yet). */
  saveForm?: () => Promise<boolean>;
}

/** Mobiles of this form that need an SMS code and have none yet (the shared rule decides which need one). */
export function phonesToVerify(base: ChangeBase, form: WebsiteForm, verifiedPhones: string[]): string[] {
  return phonesNeedingVerification(base, form).filter((p) => !verifiedPhones.includes(p));
}

export function PhoneVerification({ changeId, phone, base, getForm, verifiedPhones, onVerified, saveForm }: PhoneVerificationProps) {
  const canonical = mainlandMobile(phone);
  const { remaining, start } = useCountdown();
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const form = getForm();
  if (!canonical || !form || !phonesNeedingVerification(base, form).includes(canonical)) return null;
  if (verifiedPhones.includes(canonical)) {
    return (
      <View className="wz-sms">
        <Tag tone="success" small>
          手机号已验证
        </Tag>
      </View>
    );
  }

  const send = async () => {
    if (busy || remaining > 0) return;
    setBusy(true);
    setMessage(null);
    try {
      if (saveForm && !(await saveForm())) {
        setMessage('新手机号尚未保存到服务器，请联网后再获取验证码');
        return;
      }
      const res = await api.sendSms(changeId, canonical);
      setSentTo(canonical);
      start(res.resendAfterSeconds || SMS_RESEND_SECONDS);
      setMessage(`验证码已发送至 ${maskMobile(canonical)}，请查收短信`);
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 429) {
        const wait = err.retryAfterSeconds ?? SMS_RESEND_SECONDS;
        start(wait);
        setMessage(`发送过于频繁，请 ${wait} 秒后再获取验证码`);
      } else {
        setMessage(err instanceof Error && err.message ? err.message : '验证码发送失败，请检查网络后重试');
      }
    } finally {
      setBusy(false);
    }
  };

  const verify = async () => {
    if (busy) return;
    if (!/^\d{4,8}$/.test(code.trim())) {
      setMessage('请填写短信中的数字验证码');
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const res = await api.verifySms(changeId, canonical, code.trim());
      onVerified(res.verifiedPhones);
    } catch (err) {
      setMessage(err instanceof Error && err.message ? err.message : '验证码校验失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wz-sms">
      <Caption>手机号码已修改，需短信验证后才能进入下一步</Caption>
      <View className="wz-sms__row">
        <TextInput className="wz-sms__code" label="短信验证码" type="number" maxlength={8} placeholder="短信验证码" value={code} onInput={setCode} />
        <Button variant="secondary" small disabled={busy || remaining > 0} onClick={() => void send()}>
          {remaining > 0 ? `${remaining}秒后重新获取` : sentTo === canonical ? '重新获取' : '获取验证码'}
        </Button>
      </View>
      <Actions>
        <Button variant="tonal" block disabled={busy || sentTo !== canonical} onClick={() => void verify()}>
          验证手机号
        </Button>
      </Actions>
      {message ? <Caption role="status">{message}</Caption> : null}
    </View>
  );
}
