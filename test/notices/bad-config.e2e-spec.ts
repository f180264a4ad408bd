/**
 * Bad notice settings stop the service before it starts: `npm start` as a real process reports
 * every bad variable by name, with what was expected, and exits 1 without listening.
 */
import { describe, expect, it } from 'vitest';
import { runServiceUntilExit } from '../platform/service-process';

/** The service started with `env` and no reachable database: it must stop on the settings first. */
const startWith = (env: Record<string, string>) => runServiceUntilExit({ PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ...env });

describe('notice settings at start-up', () => {
  it('refuses an invalid milestone list, cron expression, time zone and address, naming each, and does not start', async () => {
    const { code, output } = await startWith({
      NOTICE_MILESTONES_DAYS: '240,soon,7',
      NOTICE_SCHEDULE: '0 25 * * *',
      CAMPUS_TIME_ZONE: 'America/Springfield',
      NOTICE_ESCALATION_DAYS: 'a week',
      NOTICE_ANNOUNCE_TO: 'announce-list',
    });
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration (5 problems)');
    expect(output).toContain(
      "NOTICE_MILESTONES_DAYS must be comma-separated whole numbers of days from 0 to 3650, such as 240,180,90,30,7,0; 'soon' is not one",
    );
    expect(output).toContain("NOTICE_SCHEDULE must be a cron expression such as '0 6 * * *' (minute hour day-of-month month day-of-week), got '0 25 * * *'");
    expect(output).toContain("CAMPUS_TIME_ZONE must be an IANA time zone such as America/Chicago, got 'America/Springfield'");
    expect(output).toContain("NOTICE_ESCALATION_DAYS must be a whole number from 1 to 365, got 'a week'");
    expect(output).toContain("NOTICE_ANNOUNCE_TO must be an e-mail address such as pype-announce@example.edu, got 'announce-list'");
    expect(output).not.toMatch(/serves http/);
  }, 60_000);
});
