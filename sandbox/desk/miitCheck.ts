// The MIIT SMS check that opens authority review (管局审核): the website principal gets an SMS with a code to answer
// within 24 hours; the deadline travels in the `authority_started` event.
import { randomInt } from 'node:crypto';
import { beijingDateTime } from '../../shared/rules/dates';
import type { StoredSubmission } from '../store';
import type { StageDesk } from './stage';

/** How long the principal has to answer the MIIT SMS. */
export const MIIT_CHECK_HOURS = 24;

/** Starts authority review with the MIIT SMS check; call inside `desk.update`. */
export function startMiitCheck(desk: StageDesk, submission: StoredSubmission): void {
  const deadline = new Date(desk.now().getTime() + MIIT_CHECK_HOURS * 60 * 60 * 1000).toISOString();
  submission.miitCheck = { deadline };
  desk.emit(submission, 'authority_started', { miitCheck: { deadline } });
  submission.autoStepAt = desk.dueAt('authorityReview');
  const { website } = desk.websiteOf(submission);
  desk.sendSms(submission.form.websitePrincipal.mobile, 'miit_check', {
    filingNumber: website.websiteFilingNumber,
    deadline: beijingDateTime(deadline),
    code: String(randomInt(100000, 1000000)),
  });
}
