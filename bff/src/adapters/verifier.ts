// Client of the identity verification service (电子化核验, shared/contracts/verification.ts): create a task, read one.
import {
  createVerificationTaskRequest,
  verificationTaskPath,
  verificationTask,
  VERIFICATION_ROUTES,
  type CreateVerificationTaskRequest,
  type VerificationTask,
} from '../../../shared/contracts/verification';
import { requestJson } from './http';

export interface Verifier {
  createTask(request: CreateVerificationTaskRequest): Promise<VerificationTask>;
  getTask(taskId: string): Promise<VerificationTask>;
}

export function createVerifier(baseUrl: string, apiKey: string): Verifier {
  const base = baseUrl.replace(/\/$/, '');
  const auth = { authorization: `Bearer ${apiKey}` };
  return {
    async createTask(request) {
      const { body } = await requestJson('verification service', `${base}${VERIFICATION_ROUTES.createTask}`, {
        method: 'POST',
        headers: auth,
        body: createVerificationTaskRequest.parse(request),
      });
      return verificationTask.parse(body);
    },
    async getTask(taskId) {
      const { body } = await requestJson('verification service', `${base}${verificationTaskPath(taskId)}`, { headers: auth });
      return verificationTask.parse(body);
    },
  };
}
