import { describe, expect, it } from 'vitest';
import { deriveMigrationRisk } from './migration-risk';

const DEADLINE = '2019-03-31';

describe('deriveMigrationRisk', () => {
  it('is DONE for completed and waived migrations, even past the deadline', () => {
    expect(deriveMigrationRisk('COMPLETED', DEADLINE, '2019-06-01', 30)).toBe('DONE');
    expect(deriveMigrationRisk('WAIVED', DEADLINE, '2019-06-01', 30)).toBe('DONE');
  });

  it('is OVERDUE from the deadline on when not done', () => {
    expect(deriveMigrationRisk('IN_TESTING', DEADLINE, '2019-03-31', 30)).toBe('OVERDUE');
    expect(deriveMigrationRisk('NOT_STARTED', DEADLINE, '2019-03-30', 30)).toBe('AT_RISK');
  });

  it('is AT_RISK within MIGRATION_AT_RISK_DAYS unless in testing, and always when blocked', () => {
    expect(deriveMigrationRisk('IN_PROGRESS', DEADLINE, '2019-03-01', 30)).toBe('AT_RISK');
    expect(deriveMigrationRisk('IN_PROGRESS', DEADLINE, '2019-02-28', 30)).toBe('ON_TRACK');
    expect(deriveMigrationRisk('IN_TESTING', DEADLINE, '2019-03-20', 30)).toBe('ON_TRACK');
    expect(deriveMigrationRisk('BLOCKED', DEADLINE, '2018-09-01', 30)).toBe('AT_RISK');
    expect(deriveMigrationRisk('NOT_STARTED', DEADLINE, '2019-02-01', 60)).toBe('AT_RISK');
  });
});
