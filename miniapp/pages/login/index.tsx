// Placeholder while the login screen is written.
import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>login</View>;
}
