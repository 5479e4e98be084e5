// What a good photo of this material looks like (a sample document marked 示例, served by the BFF so no package
// carries the images); tap to see it full screen.
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { bffPath } from '../../../shared/contracts/bffRoutes';
import type { MaterialKind } from '../../../shared/domain/filing';
import { absoluteUrl } from '../wizard/materials';
import { CAPTURE_GUIDES } from './guide';

export function exampleUrl(kind: MaterialKind): string {
  return absoluteUrl(bffPath('materialExample', { kind }));
}

export interface ExamplePhotoProps {
  kind: MaterialKind;
  /** `large` on the light screens (album, refusal), `small` in the camera's bar. */
  size: 'large' | 'small';
}

export function ExamplePhoto({ kind, size }: ExamplePhotoProps) {
  const url = exampleUrl(kind);
  const enlarge = () => {
    void Taro.previewImage({ urls: [url], current: url }).catch(() => undefined);
  };
  // 拍摄身份证人像面 → 身份证人像面示例照片
  const guide = CAPTURE_GUIDES[kind];
  const label = `${guide.title.replace(/^拍摄/, '')}示例照片`;
  return (
    <View className={`capture__example capture__example--${size} capture__example--${guide.orientation}`} onClick={enlarge}>
      <Image className="capture__example-image" src={url} mode="aspectFit" aria-label={label} nativeProps={{ alt: label }} />
      <Text className="capture__example-caption">{size === 'large' ? '示例：平放在桌上，四角完整，文字清晰，没有反光（点击放大）' : '示例'}</Text>
    </View>
  );
}
