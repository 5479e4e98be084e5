// Notifications on every status change: one queue job per channel (WeChat subscribe message when a grant is left,
// SMS and mail to the website principal). Job ids are deterministic, and each job claims a "sent" marker, so a
// retried or re-enqueued notification is never sent twice.
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

export type NotificationChannel = 'wechat' | 'sms' | 'mail';

export interface NotificationJob {
  applicantId: string;
  changeId: string;
  submissionNo: number;
  status: ChangeStatus;
  channel: NotificationChannel;
}

export const notificationJobId = (j: NotificationJob) => `notify-${j.channel}-${j.changeId}-${j.submissionNo}-${j.status}`;

export interface NotificationServiceDeps {
  store: NotificationStore;
  changes: ChangeStore;
  reviewSystem: ReviewSystem;
  wechat: Wechat;
  sms: SmsGateway;
  mailer: Mailer;
  enqueue(job: NotificationJob, jobId: string): Promise<void>;
  logger: Logger;
}

function detailFor(draft: ChangeDraft): string {
  switch (draft.status) {
    case 'initial_rejected':
    case 'authority_rejected': {
      // Reviewers often end their reason with “…后重新提交”: say it once, never twice.
      const reasons = (draft.rejection?.reasons ?? []).map((r) => r.message.replace(/[。；，,.;\s]+$/u, '')).join('；');
      if (!reasons) return '请在小程序中查看审核意见，修改后重新提交。';
      return /重新提交$/u.test(reasons) ? `审核意见：${reasons}。` : `审核意见：${reasons}。请修改后重新提交。`;
    }
    case 'authority_review':
      return '请在收到工信部核验短信后 24 小时内，登录 beian.miit.gov.cn 的“短信核验”页面完成核验。';
    case 'approved':
      return '网站备案信息已更新。';
    default:
      return '详情请在小程序中查看。';
  }
}

export function createNotificationService(deps: NotificationServiceDeps) {
  const { logger } = deps;

  return {
    async fanOut(draft: ChangeDraft): Promise<void> {
      if (!NOTIFIED_STATUSES.includes(draft.status)) return;
      for (const channel of ['wechat', 'sms', 'mail'] as const) {
        const job: NotificationJob = { applicantId: draft.applicantId, changeId: draft.id, submissionNo: draft.submissionCount, status: draft.status, channel };
        await deps.enqueue(job, notificationJobId(job));
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
        if (job.channel === 'sms') {
          const phone = canonicalMobile(draft.form.websitePrincipal.mobile);
          await deps.sms.send(phone, 'change_status', { website: website.slice(0, 64), status: label, detail: detailFor({ ...draft, status: job.status }).slice(0, 64) });
        }
        if (job.channel === 'mail') {
          const to = draft.form.websitePrincipal.email.trim();
          if (!to.includes('@')) outcome = 'skipped';
          else
            await deps.mailer.send({
              to,
              subject: `网站“${website}”备案变更进度：${label}`,
              text: `您好：\n\n您的网站“${website}”（${draft.base.website.websiteFilingNumber}）的备案变更进度已更新为：${label}。\n${detailFor({ ...draft, status: job.status })}\n\n备案变更助手`,
            });
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
        data: fitSubscribeData({ thing1: website, thing2: label, time3: new Date().toISOString().slice(0, 16).replace('T', ' '), thing4: detailFor({ ...draft, status: job.status }) }),
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
