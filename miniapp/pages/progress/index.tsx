// Placeholder while the progress screen is written.
import { View } from '@tarojs/components';

export default function Page() {
  return <View className='page'>progress</View>;
}
