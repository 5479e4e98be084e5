// The verification service's desk (电子化核验): tasks per person, the simulated liveness result (page or control API),
// expiry after 24 h, and the signed completion callback queued like the review system's progress events.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  VERIFICATION_TASK_TTL_HOURS,
  type CreateVerificationTaskRequest,
  type VerificationEvent,
  type VerificationFailureReason,
  type VerificationTask,
} from '../shared/contracts/verification';
import { DeskError } from './deskError';
import type { StateStore, StoredVerificationTask } from './store';

/** The sandbox's stand-in for the verification mini-program's appId (there is none: `demo` tells clients to open the page). */
export const SANDBOX_VERIFICATION_APPID = 'wxsandboxverify00';

/** What the person's liveness check comes out as: pass, or one of the failures the service reports. */
export type VerificationOutcome = 'pass' | VerificationFailureReason;

export class VerificationDesk {
  constructor(
    private readonly store: StateStore,
    private readonly publicUrl: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(request: CreateVerificationTaskRequest, fallbackCallbackUrl: string | null): VerificationTask {
    const at = this.now();
    const task: StoredVerificationTask = {
      ...request,
      taskId: `vt_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      // The link's credential (120 bits): whoever holds the link (the person, by SMS) can complete the task, nobody else.
      // Short, because the link is an SMS template param (≤ 64 characters, shared/contracts/sms.ts).
      token: randomBytes(15).toString('base64url'),
      status: 'pending',
      reason: null,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + VERIFICATION_TASK_TTL_HOURS * 3600 * 1000).toISOString(),
      completedAt: null,
      callbackUrl: request.callbackUrl ?? fallbackCallbackUrl,
      events: [],
    };
    this.store.update((state) => {
      state.verificationTasks.push(task);
    });
    return this.view(task);
  }

  find(taskId: string): StoredVerificationTask {
    const task = this.store.state.verificationTasks.find((t) => t.taskId === taskId);
    if (!task) throw new DeskError(404, 'not_found', `未找到核验任务“${taskId}”，请确认任务编号`);
    return task;
  }

  /** A task by its link's token (the page). */
  findByToken(token: string): StoredVerificationTask {
    const task = this.store.state.verificationTasks.find((t) => t.token === token);
    if (!task) throw new DeskError(404, 'not_found', '核验链接无效，请使用短信或小程序中的最新核验链接');
    return task;
  }

  view(task: StoredVerificationTask): VerificationTask {
    return {
      taskId: task.taskId,
      changeId: task.changeId,
      role: task.role,
      status: task.status,
      reason: task.reason,
      createdAt: task.createdAt,
      expiresAt: task.expiresAt,
      completedAt: task.completedAt,
      entry: { h5Url: `${this.publicUrl()}/v/${task.token}`, appId: SANDBOX_VERIFICATION_APPID, path: `pages/verify/index?t=${task.token}`, demo: true },
    };
  }

  /** The person finished the liveness check (page) or a test says how it went (control API). A closed task stays closed. */
  complete(task: StoredVerificationTask, outcome: VerificationOutcome): VerificationTask {
    this.expireDue();
    if (task.status !== 'pending') {
      throw new DeskError(
        409,
        'task_closed',
        task.status === 'expired' ? '核验任务已超过24小时失效，请在备案变更助手中重新发起核验' : '该核验任务已结束，如需重新核验请在备案变更助手中重新发起',
      );
    }
    this.store.update(() => {
      if (outcome === 'pass') this.finish(task, 'passed', null);
      else this.finish(task, 'failed', outcome);
    });
    return this.view(task);
  }

  /** Expires one task now (tests: the 24 h without waiting them). */
  expire(task: StoredVerificationTask): VerificationTask {
    if (task.status === 'pending') this.store.update(() => this.finish(task, 'expired', null));
    return this.view(task);
  }

  /** Every pending task past its 24 h ends as `expired` (called on the sandbox's tick). */
  expireDue(): void {
    const now = this.now().getTime();
    const due = this.store.state.verificationTasks.filter((t) => t.status === 'pending' && new Date(t.expiresAt).getTime() <= now);
    if (due.length > 0) this.store.update(() => due.forEach((t) => this.finish(t, 'expired', null)));
  }

  /** Ends a task and queues its signed callback; call inside store.update. */
  private finish(task: StoredVerificationTask, status: 'passed' | 'failed' | 'expired', reason: VerificationFailureReason | null): void {
    const at = this.now().toISOString();
    task.status = status;
    task.reason = reason;
    task.completedAt = at;
    const event: VerificationEvent = {
      eventId: `vev_${randomUUID().replace(/-/g, '')}`,
      taskId: task.taskId,
      changeId: task.changeId,
      role: task.role,
      type: status,
      ...(reason ? { reason } : {}),
      at,
      sequence: task.events.length + 1,
    };
    task.events.push(event);
    if (!task.callbackUrl) return;
    this.store.state.deliveries.push({
      id: `dlv_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      eventId: event.eventId,
      // Ordering and retries are per task, as they are per submission for review events.
      submissionId: task.taskId,
      sequence: event.sequence,
      url: task.callbackUrl,
      body: JSON.stringify(event),
      attempts: 0,
      nextAttemptAt: at,
      lastStatus: null,
      lastError: null,
      deliveredAt: null,
      signing: 'verification',
    });
  }
}
