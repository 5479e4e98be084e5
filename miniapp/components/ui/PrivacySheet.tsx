// The privacy sheet: what the app collects and why, 查看完整指引, 拒绝 and 同意 (WeChat's agreePrivacyAuthorization
// button on weapp); after a refusal, what cannot work and 重新授权. Its state comes from the privacy gate (privacy.ts):
// every page that can use the album, the camera or the clipboard renders one.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PRIVACY_COLLECTIONS, PRIVACY_REFUSED_MESSAGE } from '../../../shared/data/privacy';
import { Actions, Button } from './Button';
import { Notice } from './Notice';
import { Sheet } from './Sheet';
import {
  agreePrivacy,
  askPrivacyAgain,
  closePrivacySheet,
  openPrivacyGuide,
  PRIVACY_AGREE_BUTTON_ID,
  privacyState,
  refusePrivacy,
  reportPrivacySheetShown,
  subscribePrivacy,
  type PrivacyState,
} from './privacy';
import './privacySheet.scss';

const isH5 = () => process.env.TARO_ENV === 'h5';

function usePrivacyState(): PrivacyState {
  const [state, setState] = useState(privacyState);
  useEffect(() => {
    setState(privacyState());
    return subscribePrivacy(setState);
  }, []);
  return state;
}

function GuideLink({ guideName, guideUrl }: { guideName: string; guideUrl: string }) {
  const openInApp = () => void Taro.navigateTo({ url: guideUrl }).catch(() => undefined);
  return (
    <View className="ui-privacy__guide" role="link" onClick={() => openPrivacyGuide(openInApp)}>
      <Text>查看完整指引</Text>
      <Text className="ui-privacy__guide-name">{guideName}</Text>
    </View>
  );
}

export interface PrivacySheetProps {
  /** The app's own page with the guideline (H5, or a WeChat too old for wx.openPrivacyContract). */
  guideUrl: string;
}

export function PrivacySheet({ guideUrl }: PrivacySheetProps) {
  const state = usePrivacyState();
  const asking = state.phase === 'asking';

  useEffect(() => {
    if (asking) reportPrivacySheetShown();
  }, [asking]);

  if (state.phase === 'closed') return null;

  if (state.phase === 'refused') {
    return (
      <Sheet
        label="无法拍照上传证件"
        title="无法拍照上传证件"
        footer={
          <Actions layout="halves">
            <Button variant="plain" onClick={closePrivacySheet}>
              暂不授权
            </Button>
            <Button onClick={askPrivacyAgain}>重新授权</Button>
          </Actions>
        }
      >
        <Notice tone="warning" role="alert" className="ui-privacy__refused">
          <Text>{PRIVACY_REFUSED_MESSAGE}</Text>
        </Notice>
        <GuideLink guideName={state.guideName} guideUrl={guideUrl} />
      </Sheet>
    );
  }

  return (
    <Sheet
      label="隐私保护提示"
      title="隐私保护提示"
      description="办理网站备案变更需要处理以下个人信息。请阅读并同意后继续："
      footer={
        <Actions layout="halves">
          <Button variant="plain" onClick={refusePrivacy}>
            拒绝
          </Button>
          {/* weapp: WeChat records the tap on this button, then fires agreeprivacyauthorization; H5: a plain tap. */}
          <Button id={PRIVACY_AGREE_BUTTON_ID} openType="agreePrivacyAuthorization" onAgreePrivacyAuthorization={agreePrivacy} onClick={isH5() ? agreePrivacy : undefined}>
            同意并继续
          </Button>
        </Actions>
      }
    >
      <View className="ui-privacy__list" role="list">
        {PRIVACY_COLLECTIONS.map((c) => (
          <View key={c.item} className="ui-privacy__item" role="listitem">
            <Text className="ui-privacy__item-name">{c.item}</Text>
            <Text className="ui-privacy__item-purpose">用于{c.purpose}</Text>
          </View>
        ))}
      </View>
      <GuideLink guideName={state.guideName} guideUrl={guideUrl} />
    </Sheet>
  );
}
