// The five stages of a change as the applicant lives them (提交 → 初审 → 管局审核 → 短信核验 → 已备案): how long each
// usually takes, what the applicant must do, and where a change's status puts it. Plain data for the progress page.
import type { ChangeStatus } from '../../../shared/domain/status';

export const MIIT_CHECK_URL = 'https://beian.miit.gov.cn';

export interface Stage {
  title: string;
  /** How long the stage usually takes. */
  duration: string;
  /** What the applicant must do while the change is in this stage. */
  todo: string;
}

export const STAGES: readonly Stage[] = [
  { title: '提交', duration: '即时，转交服务商约 1 分钟', todo: '确认填写的信息和上传的照片无误后提交。' },
  { title: '初审', duration: '一般 1 个工作日', todo: '保持负责人手机畅通，服务商可能来电核实；如被退回，按审核意见修改后重新提交。' },
  { title: '管局审核', duration: '一般不超过 20 个工作日', todo: '无需操作，等待管局审核；请留意工信部发送的核验短信。' },
  {
    title: '短信核验',
    duration: '收到核验短信后 24 小时内完成',
    todo: `在工信部备案系统（${MIIT_CHECK_URL}）的“短信核验”页面，输入短信中的验证码、负责人手机号码和证件号码后 6 位。`,
  },
  { title: '已备案', duration: '审核通过后即时生效', todo: '无需操作，新的网站信息已生效。' },
];

/** `ongoing`: still running but nothing to do there now (管局审核 while its 短信核验 waits for the applicant). */
export type StageState = 'done' | 'current' | 'ongoing' | 'failed' | 'todo';

/**
 * Each stage's state for a change. `miitCheckOpen`: the review system asked for the MIIT SMS check (the change is in
 * 管局审核 and the applicant must act). Withdrawn and expired changes have no current stage (null).
 */
export function stageStates(status: ChangeStatus, miitCheckOpen: boolean): StageState[] | null {
  const at = (current: number, failed = false): StageState[] => STAGES.map((_, i) => (i < current ? 'done' : i === current ? (failed ? 'failed' : 'current') : 'todo'));
  switch (status) {
    case 'draft':
      return at(0);
    case 'submitted':
    case 'initial_review':
      return at(1);
    case 'initial_rejected':
      return at(1, true);
    case 'authority_pending':
    case 'authority_review':
      // The MIIT SMS check happens during the authority's review: that review is not finished meanwhile.
      return miitCheckOpen ? at(3).map((state, i) => (i === 2 ? 'ongoing' : state)) : at(2);
    case 'authority_rejected':
      return at(2, true);
    case 'approved':
      return STAGES.map(() => 'done');
    case 'withdrawn':
    case 'expired':
      return null;
    default: {
      const never: never = status;
      return never;
    }
  }
}
