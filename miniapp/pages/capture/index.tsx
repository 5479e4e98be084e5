// Placeholder until the capture page lands (keeps the build of the registered page list working).
import { View } from '@tarojs/components';

export default function CapturePage() {
  return <View className='page'>capture</View>;
}
