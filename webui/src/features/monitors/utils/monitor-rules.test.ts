import { describe, expect, it } from 'vitest';

import { describeSchedule, monitorFieldOf, relativeTime } from './monitor-rules';

describe('describeSchedule', () => {
  it('reads intervals in the largest whole unit and cron with its zone', () => {
    expect(describeSchedule({ intervalSeconds: 300, cron: null, timeZone: 'UTC' })).toBe('every 5 min');
    expect(describeSchedule({ intervalSeconds: 90, cron: null, timeZone: 'UTC' })).toBe('every 90 s');
    expect(describeSchedule({ intervalSeconds: 7200, cron: null, timeZone: 'UTC' })).toBe('every 2 h');
    expect(describeSchedule({ intervalSeconds: null, cron: '*/5 * * * *', timeZone: 'Europe/Berlin' })).toBe(
      'cron */5 * * * * (Europe/Berlin)',
    );
  });
});

describe('monitorFieldOf', () => {
  it('maps the API’s paths onto the form’s fields and leaves unknown ones for the summary', () => {
    const fieldOf = monitorFieldOf('interval');
    expect(fieldOf('vantage[3].nodeId')).toBe('vantage.3');
    expect(fieldOf('vantage[0]')).toBe('vantage.0');
    expect(fieldOf('vantage')).toBe('vantage');
    expect(fieldOf('probes[1]')).toBe('probes');
    expect(fieldOf('schedule.intervalSeconds')).toBe('intervalSeconds');
    expect(fieldOf('schedule.timeZone')).toBe('cronTimeZone');
    expect(fieldOf('schedule')).toBe('intervalSeconds');
    expect(monitorFieldOf('cron')('schedule')).toBe('cron');
    expect(fieldOf('activeWindow.days[0]')).toBe('windowDays');
    expect(fieldOf('activeWindow.to')).toBe('windowTo');
    expect(fieldOf('activeWindow.timeZone')).toBe('windowTimeZone');
    expect(fieldOf('enabled')).toBeUndefined();
  });
});

describe('relativeTime', () => {
  it('says how far away an instant is', () => {
    const now = new Date('2026-12-07T05:00:00Z');
    expect(relativeTime('2026-12-07T05:04:00Z', now)).toBe('in 4 minutes');
    expect(relativeTime('2026-12-07T03:00:00Z', now)).toBe('2 hours ago');
  });
});
