// Placeholder until the wizard page lands (keeps the build of the registered page list working).
import { View } from '@tarojs/components';

export default function WizardPage() {
  return <View className='page'>wizard</View>;
}
