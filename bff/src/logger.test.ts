// Unit tests of log masking: ID numbers and phones never reach the log in the clear, tokens are redacted.
import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

const ID = '440305199003071234';

test('ID numbers and phones in logged objects are masked, secrets redacted', () => {
  const { logger, lines } = capture();
  logger.info({ draft: { form: { websitePrincipal: { idNumber: ID, mobile: '13812345678', name: '张伟' } } }, headers: { authorization: 'Bearer abc' } }, 'saved');
  const line = lines.join('');
  expect(line).not.toContain(ID);
  expect(line).not.toContain('13812345678');
  expect(line).toContain('4403**********1234');
  expect(line).toContain('138****5678');
  expect(line).not.toContain('Bearer abc');
});

test('free text (messages and errors) is masked too', () => {
  const { logger, lines } = capture();
  logger.error({ err: new Error(`upstream refused ${ID} / 13812345678`) }, `could not send to 13812345678`);
  const line = lines.join('');
  expect(line).not.toContain(ID);
  expect(line).not.toContain('13812345678');
  expect(line).toContain('138****5678');
});
