// Journey (issue 17): an applicant photographs a principal's ID card; the BFF reads it with the real OCR engine, the
// capture screen offers "识别到：… — 填入", and 填入 fills the principal's name and ID number in step 1 (nothing is
// filled before the tap), which the server then holds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ocrSample } from '../testing/ocr/sampleSet';
import { withFailureShot } from './support/browser';
import { openChange, serverDraft } from './support/flows';
import { setUpJourney } from './support/journey';
import { app, byText, fieldBlock, pickPhoto, tap, valueOf } from './support/ui';
import { eventually } from '../testing/eventually';

const journey = setUpJourney('recognition', { photos: true, env: { OCR_ENABLED: 'true', OCR_WORKERS: '1' } });

test('an ID photo is read on the BFF and 填入 fills the principal’s name and number', async () => {
  // A generated ID front of someone other than the filed principal (王磊).
  const sample = await ocrSample(0);
  const photo = join(journey.photos.dir, 'ocr-id-front.jpg');
  writeFileSync(photo, sample.jpeg);
  const name = sample.expected.name as string;
  const idNumber = sample.expected.idNumber as string;
  const short = `${idNumber.slice(0, 4)}…${idNumber.slice(-4)}`;

  const { page } = await journey.phones.newPhone();
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      const changeId = await openChange(page, journey.product, '杭州云栖网络科技有限公司', '云栖开发者文档中心');
      expect(await valueOf(page, '网站负责人姓名')).not.toBe(name);
      await tap(page, '保存并下一步，上传资料');
      await byText(page, '下一步，确认备案信息').waitFor();

      await pickPhoto(page, /^(上传|更换)网站负责人证件正面照片$/, photo);
      await tap(page, '使用这张');

      // Read on the BFF (model load plus one photo on a shared machine): the suggestion, masked, with the mismatch.
      await byText(page, `识别到：${name} · ${short}`).waitFor({ timeout: 120_000 });
      await byText(page, /网站负责人身份证照片上的号码（.+）与填写的网站负责人证件号码（.+）不一致/).waitFor();
      expect(await app(page).getByText(idNumber).count()).toBe(0);
      await journey.shots.take(page, 'suggestion');
      // Not filled before the tap.
      expect((await serverDraft(journey.product, page, changeId)).form).toMatchObject({ websitePrincipal: expect.not.objectContaining({ name }) });

      await tap(page, '填入');
      await byText(page, '下一步，确认备案信息').waitFor();
      await eventually(async () => {
        const form = (await serverDraft(journey.product, page, changeId)).form as { websitePrincipal: { name: string; idNumber: string } };
        return form.websitePrincipal.name === name && form.websitePrincipal.idNumber === idNumber;
      }, 'the filled name and number to be saved');

      await tap(page, '上一步');
      await fieldBlock(page, '网站负责人姓名').waitFor();
      expect(await valueOf(page, '网站负责人姓名')).toBe(name);
      await journey.shots.take(page, 'step1-filled');
    },
  );
}, 300_000);
