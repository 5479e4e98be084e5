// The capture page: photographs (or picks) one material of a change and uploads it, then returns to the wizard,
// which hears about progress and the result through Taro.eventCenter (MATERIAL_EVENT) and refreshes on re-show.
// zod's settings before any schema parses (the subpackage is where the schemas live).
import '../../zodConfig';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { materialKind, materialSubject } from '../../../../shared/domain/filing';
import { Actions, Button, Caption, PrivacySheet } from '../../../components/ui';
import { termsUrl } from '../../../pageUrls';
import { CaptureScreen } from '../../capture';
import { BackButton } from '../../../components/ui';

function back() {
  void Taro.navigateBack().catch(() => undefined);
}

export default function CapturePage() {
  const { params } = useRouter();
  const kind = materialKind.safeParse(params.kind);
  const subject = materialSubject.safeParse(params.subject);
  const changeId = params.changeId ?? '';

  if (!changeId || !kind.success || !subject.success) {
    return (
      <View className="page">
        <BackButton />
        <Caption tone="danger">链接缺少要上传的资料信息，请返回“上传资料”步骤重新选择要更换的资料</Caption>
        <Actions>
          <Button block variant="secondary" onClick={back}>
            返回
          </Button>
        </Actions>
      </View>
    );
  }
  return (
    <>
      <BackButton />
      <CaptureScreen changeId={changeId} kind={kind.data} subject={subject.data} onDone={back} onCancel={back} />
      {/* The camera and the album are privacy APIs: WeChat holds them until this sheet's 同意. */}
      <PrivacySheet guideUrl={termsUrl('privacy-guide')} />
    </>
  );
}
