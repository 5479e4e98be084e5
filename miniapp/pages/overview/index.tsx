// Placeholder while the overview screen is written.
import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>overview</View>;
}
