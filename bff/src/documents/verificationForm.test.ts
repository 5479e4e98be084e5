// The pre-filled 核验单: a real PDF, its text extracted back out (pdf-parse / pdf.js) and checked value by value.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { buildBase, buildDraft, editForm, WEBSITE_PRINCIPAL_ID } from '../../../shared/rules/testFixtures';
import { maskResidentId } from '../../../shared/validators/identity';
import { CJK_FONT_MISSING, findCjkFont } from './cjkFont';
import { verificationFormContent } from './verificationForm';
import { createVerificationFormRenderer } from './verificationFormPdf';

/** The PDF's text as pdf.js extracts it (pdfText.mjs), without the layout's spaces and line breaks (values may wrap). */
function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdfText.mjs')], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) {
        reject(new Error(`extracting the PDF's text failed: ${error.message}`, { cause: error }));
        return;
      }
      const parsed = JSON.parse(stdout) as { text: string; pages: number };
      resolve({ text: parsed.text.replace(/\s+/g, ''), pages: parsed.pages });
    });
    child.stdin?.end(pdf);
  });
}

const renderer = createVerificationFormRenderer();

/** An organisation filing in 广东 whose website gets a new name and mobile, loses a domain. */
function guangdongChange() {
  const base = buildBase();
  const form = editForm(base, { name: '示例科技官方网站', domains: ['example.com'], websitePrincipal: { mobile: '13700137000' } });
  return buildDraft({ id: 'chg-0001', base, form });
}

test('the form of a change carries the entity, the website, its domains, the changed values and the date', async () => {
  const draft = guangdongChange();
  const pdf = await renderer.render(draft, '2025-06-15');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { text, pages } = await pdfText(pdf);
  expect(pages).toBe(1);
  for (const value of [
    '网站备案信息真实性核验单',
    '深圳市示例科技有限公司',
    draft.base.certificateNumber,
    '粤ICP备12345678号-1',
    '广东',
    '示例科技官方网站',
    'example.com',
    'https://www.example.com',
    '王网站',
    'chg-0001',
    '2025年06月15日',
  ]) {
    expect(text).toContain(value);
  }
  // The changed values, old → new: name, the removed domain, the new mobile.
  expect(text).toContain('网站名称示例科技产品介绍示例科技官方网站');
  expect(text).toContain('例子.中国');
  expect(text).toContain('13900139000');
  expect(text).toContain('13700137000');
  // ID numbers only masked.
  expect(text).toContain(maskResidentId(WEBSITE_PRINCIPAL_ID).replace(/\s/g, ''));
  expect(text).not.toContain(WEBSITE_PRINCIPAL_ID);
  // 广东 needs a signature, no fingerprint.
  expect(text).toContain('网站负责人签字');
  expect(text).not.toContain('指纹：');
});

test('a province that wants a fingerprint (江苏) gets the fingerprint box and the instruction to press it', async () => {
  const base = buildBase({ province: '苏', entityFilingNumber: '苏ICP备87654321号', website: { websiteFilingNumber: '苏ICP备87654321号-2' } });
  const draft = buildDraft({ base, form: editForm(base, { homepageUrl: 'https://example.com/home' }) });
  const { text } = await pdfText(await renderer.render(draft, '2025-11-03'));
  expect(text).toContain('网站负责人签字');
  expect(text).toContain('网站负责人指纹');
  expect(text).toContain('按压右手食指指纹');
  expect(text).toContain('江苏');
  expect(text).toContain('苏ICP备87654321号-2');
  expect(text).toContain('https://example.com/home');
  expect(text).toContain('2025年11月03日');
});

test('with 同主体负责人 the entity principal signs, listed once; no changes still makes a form that says so', () => {
  const base = buildBase({ website: { principalSameAsEntity: true } });
  const content = verificationFormContent(buildDraft({ base, form: editForm(base) }), '2025-06-15');
  expect(content.signer).toBe('李主体');
  expect(content.sections.map((s) => s.title)).toEqual(['主办者信息', '网站信息', '网站负责人信息（同主体负责人）']);
  expect(content.changes).toEqual([]);
});

test('a missing font is a clear error at creation, never a PDF of empty boxes', () => {
  expect(() => findCjkFont({ fontPath: '/nonexistent/NotoSansCJK.ttc' })).toThrow(CJK_FONT_MISSING);
  expect(() => createVerificationFormRenderer({ fontPath: '/nonexistent/NotoSansCJK.ttc' })).toThrow(/fonts-noto-cjk/);
});
