// A coloured label: a status chip on a card (a change's status from the shared state machine, or a free label), or a
// small tag beside a field (已修改, 需重新上传).
import { Text } from '@tarojs/components';
import { STATUS_LABELS, type ChangeStatus } from '../../../shared/domain/status';
import './tag.scss';

export type TagTone = 'primary' | 'success' | 'warning' | 'danger' | 'neutral';

const TONES: Record<ChangeStatus, TagTone> = {
  draft: 'warning',
  submitted: 'primary',
  initial_review: 'primary',
  initial_rejected: 'danger',
  authority_pending: 'primary',
  authority_review: 'primary',
  authority_rejected: 'danger',
  approved: 'success',
  withdrawn: 'neutral',
  expired: 'neutral',
};

export function statusTone(status: ChangeStatus): TagTone {
  return TONES[status];
}

export interface TagProps {
  tone: TagTone;
  /** The smaller tag beside a field label, instead of a chip. */
  small?: boolean;
  children: string;
}

export function Tag({ tone, small = false, children }: TagProps) {
  return <Text className={`ui-tag ui-tag--${tone}${small ? ' ui-tag--small' : ''}`}>{children}</Text>;
}

export interface StatusChipProps {
  /** A change status (label and colour come from it)… */
  status?: ChangeStatus;
  /** …or a free label with a tone (e.g. a filed website's "已备案"). */
  label?: string;
  tone?: TagTone;
}

export function StatusChip({ status, label, tone }: StatusChipProps) {
  const text = label ?? (status ? STATUS_LABELS[status] : '');
  return <Tag tone={tone ?? (status ? TONES[status] : 'neutral')}>{text}</Tag>;
}
