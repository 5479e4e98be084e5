// A coloured chip for a change's or a filed website's status, with the Chinese label from the shared state machine.
import { Text } from '@tarojs/components';
import { STATUS_LABELS, type ChangeStatus } from '../../../shared/domain/status';
import './ui.scss';

export type ChipTone = 'primary' | 'success' | 'warning' | 'danger' | 'neutral';

const TONES: Record<ChangeStatus, ChipTone> = {
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

export function statusTone(status: ChangeStatus): ChipTone {
  return TONES[status];
}

export interface StatusChipProps {
  /** A change status (label and colour come from it)… */
  status?: ChangeStatus;
  /** …or a free label with a tone (e.g. a filed website's "已备案"). */
  label?: string;
  tone?: ChipTone;
}

export function StatusChip({ status, label, tone }: StatusChipProps) {
  const text = label ?? (status ? STATUS_LABELS[status] : '');
  const chipTone = tone ?? (status ? TONES[status] : 'neutral');
  return <Text className={`ui-chip ui-chip--${chipTone}`}>{text}</Text>;
}
