// Placeholder while the terms screen is written.
import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>terms</View>;
}
