// Unit tests of the logger: lines carry known fields only, free text is masked (including the forms a plain pattern
// misses), and an error's extra properties (where ioredis puts a command's arguments) never reach the line.
import { Writable } from 'node:stream';
import { createLogger, maskText } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines, last: () => JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown> };
}

const ID = '440305199003071234';
const MOBILE = '13812345678';

test('fields nobody declared are dropped by name, whatever they hold; declared ones keep their safe form', () => {
  const { logger, lines, last } = capture();
  logger.info(
    {
      changeId: 'chg_abcdefghijkl',
      status: 200,
      ms: 12,
      draft: { form: { websitePrincipal: { idNumber: ID, mobile: MOBILE, name: '张伟' } } },
      headers: { authorization: 'Bearer abc' },
      phone: MOBILE,
      idNumber: ID,
    },
    'saved',
  );
  expect(last()).toMatchObject({ changeId: 'chg_abcdefghijkl', status: 200, ms: 12, dropped: ['draft', 'headers', 'phone', 'idNumber'], msg: 'saved' });
  const line = lines.join('');
  for (const secret of [ID, MOBILE, '张伟', 'Bearer abc']) expect(line).not.toContain(secret);
});

test('an id field that does not look like an id, or a number field that is not a number, is not written as given', () => {
  const { logger, lines, last } = capture();
  logger.info({ changeId: `手机 ${MOBILE}`, ms: `${MOBILE}`, route: { nested: ID } }, 'odd values');
  expect(last()).toMatchObject({ changeId: '[not an id]', dropped: ['ms', 'route'] });
  expect(lines.join('')).not.toContain(MOBILE);
  expect(lines.join('')).not.toContain(ID);
});

test('child bindings pass the same list', () => {
  const { logger, lines, last } = capture();
  logger.child({ changeId: 'chg_abcdefghijkl', mobile: MOBILE }).info('from a child');
  expect(last()).toMatchObject({ changeId: 'chg_abcdefghijkl', msg: 'from a child' });
  expect(lines.join('')).not.toContain(MOBILE);
});

test('free text (messages, errors, stacks) is masked', () => {
  const { logger, lines, last } = capture();
  logger.error({ err: new Error(`upstream refused ${ID} / ${MOBILE}`) }, `could not send to ${MOBILE}`);
  const line = lines.join('');
  expect(line).not.toContain(ID);
  expect(line).not.toContain(MOBILE);
  expect(last().msg).toBe('could not send to 138****5678');
  expect((last().err as { message: string }).message).toBe('upstream refused 4403**********1234 / 138****5678');
});

test('an error is written as its type, code, message and stack only: a command’s arguments on it stay out', () => {
  const { logger, lines, last } = capture();
  // What ioredis attaches to a failed command: its name and arguments (here a draft with an ID number and phone).
  const err = Object.assign(new Error('Command timed out'), {
    code: 'ETIMEDOUT',
    command: { name: 'evalsha', args: ['sha', '5', JSON.stringify({ form: { websitePrincipal: { idNumber: ID, mobile: MOBILE } } })] },
  });
  logger.warn({ err, requestId: 'req-12345678' }, 'request failed');
  expect(last().err).toEqual({ type: 'Error', code: 'ETIMEDOUT', message: 'Command timed out', stack: expect.any(String) });
  expect(lines.join('')).not.toContain(ID);
  expect(lines.join('')).not.toContain(MOBILE);
  expect(lines.join('')).not.toContain('evalsha');
});

test('an upstream error body is reduced to its code', () => {
  const { logger, last } = capture();
  logger.error({ upstream: { code: 'stale_revision', message: `负责人 ${MOBILE} 与备案不一致`, fields: [{ value: ID }] } }, 'relay refused');
  expect(last().upstream).toEqual({ code: 'stale_revision' });
});

test.each([
  ['plain', `电话${MOBILE}`, '电话138****5678'],
  ['+86', `+86${MOBILE}`, '138****5678'],
  ['0086 with a space', `0086 ${MOBILE}`, '138****5678'],
  ['86 glued on', `86${MOBILE}`, '138****5678'],
  ['grouped 3-4-4', '138 1234 5678', '138****5678'],
  ['dashes', '138-1234-5678', '138****5678'],
  ['full-width digits', '１３８１２３４５６７８', '138****5678'],
  ['percent-encoded +86', `/api/x?phone=%2B86${MOBILE}`, '/api/x?phone=138****5678'],
  ['ID with lowercase x', '33010619851231456x', '3301**********456X'],
  ['ID grouped 6-8-4', '440305 19900307 1234', '4403**********1234'],
  ['ID between Chinese text', `身份证${ID}有误`, '身份证4403**********1234有误'],
])('maskText: %s', (_label, text, expected) => {
  expect(maskText(text)).toBe(expected);
});

test('maskText leaves ids and longer numbers alone', () => {
  // A request id, a change id, a timestamp in ms and a 19-digit number are not phones or ID numbers.
  for (const text of ['8f14e45f-ceea-467f-a0e6-1a2b3c4d5e6f', 'chg_Ab12Cd34Ef56', '1796093543525', '4403051990030712345']) expect(maskText(text)).toBe(text);
});
