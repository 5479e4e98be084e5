// One material on the materials step: its photo (the upload of this change, else the filed one; tap to enlarge), what
// it needs (未通过 / 需重新上传 / 已重新上传 / 沿用), the reviewer's reason, the upload's progress, and its action.
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Actions, Button, Caption, Notice, Section, Tag } from '../../components/ui';
import type { MaterialEvent, MaterialRow } from './materials';
import { Phrased } from './Phrased';

export type RowUpload = Omit<MaterialEvent, 'changeId' | 'slot'>;

export interface MaterialCardProps {
  row: MaterialRow;
  upload: RowUpload | undefined;
  /** Why the row cannot be changed (after a rejection that did not flag it). */
  lockedReason?: string;
  reviewerReason?: string;
  focused: boolean;
  onReplace(): void;
  /** Extra content under the row (the 核验单's download and instructions). */
  children?: React.ReactNode;
}

/** The photo to show: a fresh upload's preview, else the draft's signed preview, else (only when nothing was uploaded) the filed one. */
function thumbnailOf(row: MaterialRow, upload: RowUpload | undefined): string | null {
  if (upload?.state === 'done' && upload.previewUrl) return upload.previewUrl;
  if (row.replaced) return row.previewUrl;
  return row.onFile?.imageUrl ?? null;
}

function enlarge(url: string): void {
  void Taro.previewImage({ urls: [url], current: url }).catch(() => undefined);
}

export function MaterialCard({ row, upload, lockedReason, reviewerReason, focused, onReplace, children }: MaterialCardProps) {
  const justUploaded = upload?.state === 'done';
  const status = justUploaded ? 'replaced' : row.status;
  const thumbnail = thumbnailOf(row, upload);
  const mustUpload = status === 'refused' || status === 'needed';
  return (
    <Section id={`wz-material-${row.slot.replace('.', '-')}`} className={`wz-material${mustUpload ? ' wz-material--needed' : ''}${focused ? ' wz-material--focus' : ''}`}>
      <View className="wz-material__body">
        {thumbnail ? (
          <Image
            className="wz-material__thumb"
            src={thumbnail}
            mode="aspectFill"
            aria-label={`${row.label}缩略图，点击放大`}
            nativeProps={{ alt: `${row.label}缩略图` }}
            onClick={() => enlarge(thumbnail)}
          />
        ) : (
          <View className="wz-material__thumb wz-material__thumb--empty">
            <Text>{row.replaced ? '已上传' : '未上传'}</Text>
          </View>
        )}
        <View className="wz-material__info">
          <Phrased className="wz-material__label" text={row.label} />
          {status === 'refused' ? (
            <Tag tone="danger" small>
              未通过
            </Tag>
          ) : null}
          {status === 'needed' ? (
            <Tag tone="danger" small>
              需重新上传
            </Tag>
          ) : null}
          {status === 'replaced' ? (
            <Tag tone="success" small>
              已重新上传
            </Tag>
          ) : null}
          {status === 'on_file' ? <Caption>沿用已备案的资料</Caption> : null}
          {row.required ? <Caption>{row.required.reason}</Caption> : null}
          {reviewerReason ? (
            <Notice tone="warning" compact>
              审核意见：{reviewerReason}
            </Notice>
          ) : null}
          {status === 'refused' ? <Caption tone="danger">审核未通过，请按审核意见重新拍摄上传</Caption> : null}
          {upload?.state === 'uploading' ? (
            <View className="wz-progress" role="progressbar" aria-valuenow={upload.progress ?? 0} aria-label={`${row.label}上传进度`}>
              <View className="wz-progress__bar" style={{ width: `${upload.progress ?? 0}%` }} />
              <Caption>{upload.message ? `${upload.message}（${upload.progress ?? 0}%）` : `上传中 ${upload.progress ?? 0}%`}</Caption>
            </View>
          ) : null}
          {upload?.state === 'failed' ? <Caption tone="danger">{upload.message ?? '上传未成功，请重试'}</Caption> : null}
        </View>
      </View>
      {children}
      {lockedReason ? (
        <Caption>{lockedReason}</Caption>
      ) : (
        <Actions>
          <Button block variant={mustUpload ? 'primary' : 'secondary'} onClick={onReplace}>
            {mustUpload && !row.replaced ? `上传${row.label}` : `更换${row.label}`}
          </Button>
        </Actions>
      )}
    </Section>
  );
}
