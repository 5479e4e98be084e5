// H5 only: the browser build has no navigation bar, so a page other than the entry shows a 返回 control at its top
// (WeChat draws its own back button, so weapp renders nothing). Back through the page stack, or to the overview when
// the page was opened directly (a reload or a shared link leaves no page to go back to).
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { overviewUrl } from '../../pageUrls';
import './backButton.scss';

export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: overviewUrl() });
}

export function BackButton() {
  if (process.env.TARO_ENV !== 'h5') return null;
  return (
    <View className="ui-back" role="button" aria-label="返回" onClick={goBack}>
      <Text className="ui-back__icon">‹</Text>
      <Text>返回</Text>
    </View>
  );
}
