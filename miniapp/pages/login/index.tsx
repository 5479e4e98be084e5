// Login: WeChat login on weapp (Taro.login → BFF session); on the H5 demo, pick one of the demo applicants.
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useCallback, useState } from 'react';
// Per component, not the kit's barrel (which would pull the wizard's components into the main package).
import { Button } from '../../components/ui/Button';
import { ErrorState, Loading } from '../../components/ui/States';
import { api, type DevApplicant } from '../../services/api';
import { userMessage } from '../../services/errors';
import { ENTITY_KIND_LABELS } from '../../../shared/rules/labels';
import { hasSession } from '../../services/session';
import './index.scss';
import { overviewUrl, termsUrl } from '../../pageUrls';

function isH5Demo(): boolean {
  return process.env.TARO_ENV === 'h5';
}

function goToOverview() {
  void Taro.reLaunch({ url: overviewUrl() });
}

function DemoApplicantPicker() {
  const [applicants, setApplicants] = useState<DevApplicant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    setApplicants(null);
    try {
      setApplicants(await api.devApplicants());
    } catch (err) {
      setError(userMessage(err));
    }
  }, []);

  useLoad(() => {
    void load();
  });

  const pick = async (applicant: DevApplicant) => {
    setBusyId(applicant.applicantId);
    try {
      await api.devLogin(applicant.applicantId);
      goToOverview();
    } catch (err) {
      void Taro.showToast({ title: userMessage(err), icon: 'none', duration: 3000 });
    } finally {
      setBusyId(null);
    }
  };

  if (error) return <ErrorState title="无法获取演示账号" message={error} onRetry={() => void load()} />;
  if (!applicants) return <Loading cards={1} label="正在加载演示账号" />;
  return (
    <View className="login-card">
      <Text className="login-card__title">选择演示账号</Text>
      <Text className="login-card__desc">演示环境不使用微信登录，请选择一位备案申请人进入。</Text>
      {applicants.map((applicant) => (
        <View key={applicant.applicantId} className="login-applicant" hoverClass="login-applicant--pressed" onClick={() => void pick(applicant)}>
          <View className="login-applicant__avatar">
            <Text>{Array.from(applicant.name)[0]}</Text>
          </View>
          <View className="login-applicant__main">
            <Text className="login-applicant__name">{applicant.name}</Text>
            <Text className="login-applicant__kind">{ENTITY_KIND_LABELS[applicant.kind]}备案</Text>
          </View>
          <Text className="login-applicant__go">{busyId === applicant.applicantId ? '登录中…' : '进入'}</Text>
        </View>
      ))}
      {applicants.length === 0 && <Text className="login-card__desc">暂无演示账号，请联系管理员初始化演示数据。</Text>}
    </View>
  );
}

function WechatLogin() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const login = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.login();
      goToOverview();
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="login-card">
      <Text className="login-card__title">登录后办理网站变更</Text>
      <Text className="login-card__desc">使用微信身份登录，查看您名下的备案信息并在线变更网站信息。</Text>
      <Button block loading={busy} onClick={() => void login()}>
        微信一键登录
      </Button>
      {error && <Text className="login-card__error">{error}</Text>}
    </View>
  );
}

export default function LoginPage() {
  useLoad(() => {
    // Already logged in (e.g. reopened the app): go straight to the overview.
    if (hasSession()) goToOverview();
  });

  return (
    <View className="page login">
      <View className="login-brand">
        <View className="login-brand__logo">
          <Text>备</Text>
        </View>
        <Text className="login-brand__name">备案变更助手</Text>
        <Text className="login-brand__slogan">已备案网站信息变更 · 随时查看审核进度</Text>
      </View>
      {isH5Demo() ? <DemoApplicantPicker /> : <WechatLogin />}
      <View className="login-terms">
        <Text>登录即表示您已阅读并同意</Text>
        <Text className="login-terms__link" onClick={() => void Taro.navigateTo({ url: termsUrl() })}>
          《服务条款》和《隐私声明》
        </Text>
      </View>
    </View>
  );
}
