// Notifications on every status change: one queue job per channel the applicant left on (通知设置: WeChat subscribe
// message when a grant is left, SMS and mail to the website principal), plus SMS and mail to the principal a change
// replaces unless the applicant turned that off. Job ids are deterministic and name the recipient, and each job claims
// a "sent" marker, so a retried or re-enqueued notification is never sent twice, to the old and the new principal alike.
import type { Logger } from 'pino';
import type { NotificationStore } from '../stores/notificationStore';
import type { ReviewSystem } from '../adapters/reviewSystem';
import { fitSubscribeData, WechatError, type Wechat } from '../adapters/wechat';
import type { SmsGateway } from '../adapters/sms';
import type { Mailer } from '../adapters/mail';
import type { ChangeStore } from '../stores/changeStore';
import { canonicalMobile } from '../../../shared/rules/canonical';
import { NOTIFIED_STATUSES, STATUS_LABELS, type ChangeStatus } from '../../../shared/domain/status';
import type { ChangeDraft } from '../../../shared/domain/change';
import { WECHAT_ERRCODES } from '../../../shared/contracts/wechat';
import type { NotificationSettingsStore } from '../stores/notificationSettingsStore';
import { detailFor, messageFor, replacedPrincipalOf, type NotificationRecipient } from './notificationMessages';

export type NotificationChannel = 'wechat' | 'sms' | 'mail';

export interface NotificationJob {
  applicantId: string;
  changeId: string;
  submissionNo: number;
  status: ChangeStatus;
  channel: NotificationChannel;
  /** Absent: the website principal of the form (jobs enqueued before the split carry none). */
  recipient?: NotificationRecipient;
}

/**
 * The job's id and its "sent" marker. The form's principal keeps the id it always had (markers of jobs sent before the
 * split stay valid); the replaced principal's jobs carry their recipient, so old and new are each sent exactly once.
 */
export const notificationJobId = (j: NotificationJob) =>
  `notify-${j.channel}-${j.changeId}-${j.submissionNo}-${j.status}${j.recipient === 'replaced_principal' ? '-to-replaced-principal' : ''}`;

export interface NotificationServiceDeps {
  store: NotificationStore;
  settings: NotificationSettingsStore;
  changes: ChangeStore;
  reviewSystem: ReviewSystem;
  wechat: Wechat;
  sms: SmsGateway;
  mailer: Mailer;
  enqueue(job: NotificationJob, jobId: string): Promise<void>;
  logger: Logger;
}

export function createNotificationService(deps: NotificationServiceDeps) {
  const { logger } = deps;

  return {
    async fanOut(draft: ChangeDraft): Promise<void> {
      if (!NOTIFIED_STATUSES.includes(draft.status)) return;
      const settings = await deps.settings.get(draft.applicantId);
      const toReplaced = settings.notifyReplacedPrincipal && replacedPrincipalOf(draft) !== null;
      for (const channel of ['wechat', 'sms', 'mail'] as const) {
        if (!settings.channels[channel]) continue;
        const job: NotificationJob = { applicantId: draft.applicantId, changeId: draft.id, submissionNo: draft.submissionCount, status: draft.status, channel };
        await deps.enqueue(job, notificationJobId(job));
        // WeChat reaches the applicant, not a principal: only SMS and mail go to the one being replaced.
        if (toReplaced && channel !== 'wechat') {
          const replaced: NotificationJob = { ...job, recipient: 'replaced_principal' };
          await deps.enqueue(replaced, notificationJobId(replaced));
        }
      }
    },

    /** Runs one notification job; throws to be retried. */
    async deliver(job: NotificationJob): Promise<'sent' | 'skipped'> {
      const id = notificationJobId(job);
      const log = logger.child({ jobId: id });
      const claim = await deps.store.claim(id);
      if (claim === 'sent') return 'skipped';
      if (claim === 'busy') throw new Error(`notification ${id} is being sent by another attempt`);
      try {
        const draft = await deps.changes.get(job.applicantId, job.changeId);
        if (!draft) {
          await deps.store.markSent(id);
          return 'skipped';
        }
        const website = draft.form.name || draft.base.website.name;
        const label = STATUS_LABELS[job.status];
        let outcome: 'sent' | 'skipped' = 'sent';
        if (job.channel === 'wechat') outcome = await sendWechat(job, website, label, draft);
        else {
          const message = messageFor(draft, job.status, job.recipient ?? 'principal');
          if (!message) outcome = 'skipped';
          else if (job.channel === 'sms') await deps.sms.send(canonicalMobile(message.mobile), message.sms.templateId, message.sms.params);
          else if (!message.email.trim().includes('@')) outcome = 'skipped';
          else await deps.mailer.send({ to: message.email.trim(), ...message.mail });
        }
        await deps.store.markSent(id);
        log.info({ outcome }, 'notification done');
        return outcome;
      } catch (err) {
        await deps.store.release(id).catch(() => undefined);
        throw err;
      }
    },
  };

  async function sendWechat(job: NotificationJob, website: string, label: string, draft: ChangeDraft): Promise<'sent' | 'skipped'> {
    const templateId = await deps.store.takeGrant(job.applicantId, job.changeId);
    if (!templateId) return 'skipped';
    const applicant = (
      await deps.reviewSystem.listApplicants().catch(async (err: unknown) => {
        await deps.store.returnGrant(job.applicantId, job.changeId, templateId);
        throw err;
      })
    ).find((a) => a.applicantId === job.applicantId);
    if (!applicant) return 'skipped';
    try {
      await deps.wechat.sendSubscribeMessage({
        touser: applicant.openid,
        template_id: templateId,
        page: `pages/progress/index?changeId=${draft.id}`,
        data: fitSubscribeData({ thing1: website, thing2: label, time3: new Date().toISOString().slice(0, 16).replace('T', ' '), thing4: detailFor(draft, job.status) }),
      });
      return 'sent';
    } catch (err) {
      // 43101: the grant is already used up on WeChat's side; anything else did not use it.
      if (err instanceof WechatError && err.errcode === WECHAT_ERRCODES.userRefused) return 'skipped';
      await deps.store.returnGrant(job.applicantId, job.changeId, templateId);
      throw err;
    }
  }
}
export type NotificationService = ReturnType<typeof createNotificationService>;
