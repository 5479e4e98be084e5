// Unit tests of the outbox's MIME parsing against what nodemailer actually produces.
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { decodeHeader, parseMail } from './mailParse';

async function build(options: SendMailOptions): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail(options);
  return info.message as Buffer;
}

describe('parseMail', () => {
  it('reads Chinese subject, addresses and the plain text of a multipart mail', async () => {
    const raw = await build({
      from: '"备案变更助手" <noreply@example.com>',
      to: '"李娜" <lina@yunqi-tech.cn>',
      subject: '网站备案变更初审未通过，请按原因修改后重新提交',
      text: '驳回原因：网站首页底部未展示备案号。\n请修改后重新提交。',
      html: '<p>驳回原因：网站首页底部未展示备案号。</p>',
    });
    const mail = parseMail(raw);
    expect(mail.subject).toBe('网站备案变更初审未通过，请按原因修改后重新提交');
    expect(mail.to).toContain('李娜');
    expect(mail.to).toContain('lina@yunqi-tech.cn');
    expect(mail.text).toBe('驳回原因：网站首页底部未展示备案号。\n请修改后重新提交。');
    expect(mail.html).toBe('<p>驳回原因：网站首页底部未展示备案号。</p>');
  });

  it('falls back to the text of the html part when there is no plain part', async () => {
    const mail = parseMail(await build({ from: 'a@example.com', to: 'b@example.com', subject: 'html only', html: '<p>第一行</p><p>第二行 &amp; 更多</p>' }));
    expect(mail.text).toBe('第一行\n第二行 & 更多');
  });

  it('decodes base64 and quoted-printable encoded words', () => {
    expect(decodeHeader('=?UTF-8?B?5aSH5qGI?= =?UTF-8?B?5Y+Y5pu0?=')).toBe('备案变更');
    expect(decodeHeader('=?UTF-8?Q?=E5=A4=87=E6=A1=88_ok?=')).toBe('备案 ok');
  });
});
