// Following a change after submit: its timeline and the MIIT SMS check (what to do, by when), and the one-off WeChat
// subscribe-message grants through which the applicant hears of the next steps.
import type { z } from 'zod';
import type { progressResponse, subscriptionsResponse } from '../../../shared/contracts/api';
import type { ChangeDraft } from '../../../shared/domain/change';
import type { ChangeStatus } from '../../../shared/domain/status';
import type { ChangeStore } from '../stores/changeStore';
import type { NotificationStore } from '../stores/notificationStore';

export const MIIT_INSTRUCTIONS =
  '工信部已向网站负责人发送核验短信。请在截止时间前登录工信部备案系统 https://beian.miit.gov.cn 的“短信核验”页面，输入短信中的验证码、负责人手机号码和证件号码后 6 位；逾期或连续输错 5 次将退回备案。';

/**
 * What a change may hold of one-off subscribe-message grants. WeChat gives one message per accepted template per tap
 * (`wx.requestSubscribeMessage`, at most 3 templates a call in our contract), and the BFF cannot see the taps, so it
 * holds no more than can be used: per template, the WeChat messages one review round sends at most (初审中 → 初审通过
 * → 管局审核中 → 通过 or 未通过: 4; the applicant is asked again at each submit), for at most 3 templates — 12 in all
 * (8 with the app's 2 templates). Grants beyond that are dropped, not refused: the tap did happen.
 */
export const SUBSCRIPTION_GRANT_CAP = { perTemplate: 4, templates: 3 } as const;

/** Statuses in which the MIIT SMS check may be pending (its deadline is recorded when authority review starts). */
const MIIT_CHECK_STATUSES: readonly ChangeStatus[] = ['authority_pending', 'authority_review'];

export interface ProgressServiceDeps {
  store: ChangeStore;
  notifications: NotificationStore;
}

export function createProgressService({ store, notifications }: ProgressServiceDeps) {
  return {
    async progress(draft: ChangeDraft): Promise<z.infer<typeof progressResponse>> {
      const { timeline, miitDeadline: deadline, grantsLeft: subscriptionsLeft } = await store.progressParts(draft.applicantId, draft.id);
      const miitPending = MIIT_CHECK_STATUSES.includes(draft.status);
      return {
        changeId: draft.id,
        status: draft.status,
        timeline,
        miitCheck: miitPending && deadline ? { deadline, instructions: MIIT_INSTRUCTIONS } : null,
        subscriptionsLeft,
      };
    },

    /** Records the templates the applicant just accepted (within SUBSCRIPTION_GRANT_CAP); each later WeChat notification uses one. */
    async subscribe(draft: ChangeDraft, templateIds: string[]): Promise<z.infer<typeof subscriptionsResponse>> {
      return { subscriptionsLeft: await notifications.addGrants(draft.applicantId, draft.id, templateIds, SUBSCRIPTION_GRANT_CAP) };
    },
  };
}
export type ProgressService = ReturnType<typeof createProgressService>;
