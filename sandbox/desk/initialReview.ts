// Initial review (the hosting provider's 初审): pass, reject with reasons, or `auto` — the automatic rules decide
// (reviewRules.ts); a rejection frees the website for a new change, a pass queues the start of authority review.
import type { ReviewReason } from '../../shared/domain/change';
import { DeskError } from '../deskError';
import type { StoredSubmission } from '../store';
import type { ReviewDecision, StageDesk } from './stage';

export function decideInitialReview(desk: StageDesk, submission: StoredSubmission, decision: ReviewDecision, reasons: ReviewReason[]): void {
  if (submission.status !== 'received') {
    throw new DeskError(409, 'wrong_stage', `该提交当前不在初审阶段（当前状态：${submission.status}），不能做初审决定`);
  }
  if (decision === 'start') throw new DeskError(400, 'bad_request', '初审没有“开始”操作，请选择通过、驳回或自动检查');
  const effective = decision === 'auto' ? desk.findings(submission) : reasons;
  const reject = decision === 'reject' || (decision === 'auto' && effective.length > 0);
  if (reject && effective.length === 0) throw new DeskError(400, 'bad_request', '驳回时请至少填写一条原因，并指明对应的字段或材料');
  desk.update(() => {
    if (reject) {
      submission.reasons = effective;
      desk.emit(submission, 'initial_rejected', { reasons: effective });
      submission.autoStepAt = null;
      desk.setWebsiteStatus(submission, 'filed');
    } else {
      desk.emit(submission, 'initial_passed', {});
      submission.autoStepAt = desk.dueAt('authorityStart');
    }
  });
}
