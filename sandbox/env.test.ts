// Configuration: defaults, SANDBOX_* variables, and errors that name the variable to fix.
import { ConfigError, configFromEnv } from './env';
import { addWorkingDays } from './reviewDesk';

describe('configFromEnv', () => {
  it('gives the documented defaults and reads SANDBOX_* variables', () => {
    expect(configFromEnv({})).toMatchObject({ port: 4100, smtpPort: 2525, dataDir: '.data/sandbox', mode: 'demo', autoReview: 'on' });
    const config = configFromEnv({ SANDBOX_PORT: '4200', SANDBOX_AUTO_REVIEW: 'off', SANDBOX_INITIAL_REVIEW_DELAY_MS: '1500', SANDBOX_CALLBACK_URL: 'http://127.0.0.1:3000/cb' });
    expect(config).toMatchObject({ port: 4200, autoReview: 'off', initialReviewDelayMs: 1500, callbackUrl: 'http://127.0.0.1:3000/cb' });
  });

  it('names the variable that is wrong', () => {
    expect(() => configFromEnv({ SANDBOX_PORT: 'abc' })).toThrow(ConfigError);
    expect(() => configFromEnv({ SANDBOX_PORT: 'abc' })).toThrow(/SANDBOX_PORT/);
    expect(() => configFromEnv({ SANDBOX_MODE: 'fast' })).toThrow(/SANDBOX_MODE/);
    expect(() => configFromEnv({ SANDBOX_CALLBACK_URL: 'not a url' })).toThrow(/SANDBOX_CALLBACK_URL/);
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend (Beijing time) in realistic mode', () => {
    // Friday 2026-11-27 10:00 Beijing → next working day is Monday 11-30
    const friday = new Date('2026-11-27T02:00:00Z');
    expect(addWorkingDays(friday, 1).toISOString()).toBe('2026-11-30T02:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-24T02:00:00Z'), 1).toISOString()).toBe('2026-11-25T02:00:00.000Z');
  });
});
