// Journey: the reviewer rejects the verification form with a reason; the applicant reads it, 去修改 opens only that
// material (未通过 until replaced), retakes the photo, resubmits, and the second submission passes initial review.
import { setUpJourney } from './support/journey';
import { withFailureShot } from './support/browser';
import { agreeAndSubmit, decide, openChange, submissionOf } from './support/flows';
import { byText, fillField, materialCard, photograph, reloadUntil, tap } from './support/ui';

const REASON = '核验单未签字，请负责人手写签名并加盖公章后重新拍摄上传';

const journey = setUpJourney('rejection', { photos: true });

test('rejected verification form: reason shown, only that material reopened, retaken, resubmitted, passed', async () => {
  const { page } = await journey.phones.newPhone();
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      await openChange(page, journey.product, '杭州云栖网络科技有限公司', '云栖科技官网');
      await fillField(page, '网站名称', '云栖云计算服务平台');
      await tap(page, '保存并下一步，上传资料');
      await photograph(page, '上传《网站真实性核验单》', journey.photos.verificationForm);
      await tap(page, '下一步，确认备案信息');
      await agreeAndSubmit(page);

      const first = await submissionOf(journey.product, 'hangzhou-yunqi');
      await decide(journey.product, first.submissionId, {
        stage: 'initial',
        decision: 'reject',
        reasons: [{ target: { type: 'material', path: 'website.verification_form' }, message: REASON }],
      });

      await reloadUntil(page, '初审未通过');
      await byText(page, REASON).waitFor();
      await journey.shots.take(page, 'progress-rejected-with-reason');

      await tap(page, '去修改');
      // Only the flagged material is open: the wizard lands on the materials step, everything else stays as submitted.
      await byText(page, '下一步，确认备案信息').waitFor();
      const form = materialCard(page, '《网站真实性核验单》');
      await form.getByText(`审核意见：${REASON}`).waitFor();
      // The photo uploaded before the rejection is the refused one: 未通过 until a new one is uploaded, never 已重新上传.
      await form.getByText('未通过', { exact: true }).waitFor();
      expect(await form.getByText('已重新上传', { exact: true }).count()).toBe(0);
      for (const label of ['网站负责人证件正面照片', '网站负责人证件反面照片']) {
        await materialCard(page, label).getByText('本次审核未要求修改此项，保持不变').waitFor();
        expect(await materialCard(page, label).locator('taro-button-core').count()).toBe(0);
      }
      await journey.shots.take(page, 'only-flagged-material-open');

      await photograph(page, /^(上传|更换)《网站真实性核验单》$/, journey.photos.verificationFormRetake);
      await form.getByText('已重新上传', { exact: true }).waitFor();
      await tap(page, '下一步，确认备案信息');
      await agreeAndSubmit(page);

      // The second submission carries the new photo, and passes.
      const second = await submissionOf(journey.product, 'hangzhou-yunqi', 2);
      expect(second.submissionId).not.toBe(first.submissionId);
      expect(second.materials.map((m) => m.slot)).toContain('website.verification_form');
      await decide(journey.product, second.submissionId, { stage: 'initial', decision: 'pass' });
      await reloadUntil(page, '初审通过，待管局审核');
      await journey.shots.take(page, 'resubmitted-and-passed');
    },
  );
}, 300_000);
