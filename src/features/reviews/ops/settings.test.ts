import { describe, expect, it } from 'vitest';
import { loadConfig, type ConfigError } from '../../../config.js';

describe('review settings from the environment', () => {
  it('defaults: 特急 4 working hours, 加急 one working day, 平件 three; the digest when office hours start', () => {
    const c = loadConfig({});
    expect(c.reviews).toEqual({
      limits: { extra_urgent: 240, urgent: 390, normal: 1170 },
      urgentAfterHours: false,
      remindCron: '*/5 * * * *',
      digestCron: '30 8 * * *',
      summaryCron: '0 9 * * *',
    });
    // A day of 8 office hours makes 加急 480 minutes, and the digest follows the first period.
    const late = loadConfig({ WORKING_HOURS: '09:00-12:00,13:00-18:00', REVIEW_LIMITS: '特急:2h', REVIEW_URGENT_AFTER_HOURS: 'true' });
    expect(late.reviews.limits).toEqual({ extra_urgent: 120, urgent: 480, normal: 1440 });
    expect(late.reviews.digestCron).toBe('0 9 * * *');
    expect(late.reviews.urgentAfterHours).toBe(true);
  });

  it('a bad value stops start-up naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
      return '';
    };
    expect(problems({ REVIEW_LIMITS: '特急:4x' })).toMatch(/^REVIEW_LIMITS: "特急:4x" is not urgency:amount/);
    expect(problems({ REVIEW_URGENT_AFTER_HOURS: 'yes' })).toMatch(/REVIEW_URGENT_AFTER_HOURS/);
    expect(problems({ REVIEW_REMIND_CRON: 'every 5 minutes' })).toMatch(/^REVIEW_REMIND_CRON: /);
  });
});
