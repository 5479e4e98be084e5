// Authority review (管局审核), after initial review passed: `start` sends the MIIT SMS check, then `pass` approves the
// change into the filing or `reject` returns it with reasons. There is no automatic check at this stage.
import type { ReviewReason } from '../../shared/domain/change';
import { DeskError } from '../deskError';
import type { StoredSubmission } from '../store';
import { approve } from './approval';
import { startMiitCheck } from './miitCheck';
import type { ReviewDecision, StageDesk } from './stage';

export function decideAuthorityReview(desk: StageDesk, submission: StoredSubmission, decision: ReviewDecision, reasons: ReviewReason[]): void {
  if (submission.status !== 'initial_passed' && submission.status !== 'authority_started') {
    throw new DeskError(409, 'wrong_stage', `该提交当前不在管局审核阶段（当前状态：${submission.status}），不能做管局审核决定`);
  }
  if (decision === 'auto') throw new DeskError(400, 'bad_request', '管局审核没有自动检查，请选择开始核验、通过或驳回');
  if (decision === 'start') {
    if (submission.status !== 'initial_passed') throw new DeskError(409, 'wrong_stage', '管局审核已经开始，短信核验已发送');
    desk.update(() => startMiitCheck(desk, submission));
    return;
  }
  if (decision === 'reject' && reasons.length === 0) throw new DeskError(400, 'bad_request', '驳回时请至少填写一条原因，并指明对应的字段或材料');
  desk.update(() => {
    if (decision === 'reject') {
      submission.reasons = reasons;
      desk.emit(submission, 'authority_rejected', { reasons });
      desk.setWebsiteStatus(submission, 'filed');
    } else {
      approve(desk, submission);
    }
    submission.autoStepAt = null;
  });
}
