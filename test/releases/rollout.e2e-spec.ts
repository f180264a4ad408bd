import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_TOKEN, errorCode, startTestService, type TestService } from '../setup/test-app';

const PUBLISH = `mutation($input: PublishReleaseInput!) { publishRelease(input: $input) { version publishedAt } }`;
const SCHEDULE = `query($version: String!) { rolloutSchedule(version: $version) { environment start end overridden reason reached window { kind localDate localStart } } }`;

describe('maintenance calendar and rollout schedule', () => {
  let service: TestService;

  beforeAll(async () => {
    // Published on Monday 2026-11-16, 10:00 campus time (16:00Z, CST).
    service = await startTestService({ now: '2026-11-16T16:00:00Z' });
    const published = await service.gql(
      PUBLISH,
      {
        input: {
          version: '313.1.0',
          pythonVersion: '3.13.1',
          track: 'LTS',
          generalAvailability: '2026-12-01',
          endOfSupport: '2029-11-30',
          packages: [{ name: 'django', version: '5.2.8' }],
        },
      },
      BOOTSTRAP_TOKEN,
    );
    expect(published.errors).toBeUndefined();
  });
  afterAll(async () => service.close());

  it('lists the windows of November 2026 in campus time', async () => {
    const response = await service.gql(`{
      prod: maintenanceWindows(from: "2026-11-01", to: "2026-11-30", environment: PROD) { kind localDate localStart localEnd start end timeZone }
      test: maintenanceWindows(from: "2026-11-01", to: "2026-11-07", environment: TEST) { kind localDate localStart }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.prod).toEqual([
      {
        kind: 'OS_MAINTENANCE',
        localDate: '2026-11-24',
        localStart: '17:00',
        localEnd: '19:00',
        start: '2026-11-24T23:00:00.000Z',
        end: '2026-11-25T01:00:00.000Z',
        timeZone: 'America/Chicago',
      },
      {
        kind: 'TOOLS_UPDATE',
        localDate: '2026-11-26',
        localStart: '07:00',
        localEnd: '09:00',
        start: '2026-11-26T13:00:00.000Z',
        end: '2026-11-26T15:00:00.000Z',
        timeZone: 'America/Chicago',
      },
    ]);
    // 1st Tuesday OS window (TEST/QUAL) and the weekly Thursday tools window.
    expect(response.data!.test).toEqual([
      { kind: 'OS_MAINTENANCE', localDate: '2026-11-03', localStart: '11:00' },
      { kind: 'TOOLS_UPDATE', localDate: '2026-11-05', localStart: '07:00' },
    ]);
  });

  it('follows the daylight-saving change: 17:00 is 22:00Z in October and 23:00Z in November', async () => {
    const response = await service.gql(`{ maintenanceWindows(from: "2026-10-01", to: "2026-11-30", environment: BETA) { kind localDate start } }`);
    const os = response.data!.maintenanceWindows.filter((window: any) => window.kind === 'OS_MAINTENANCE');
    expect(os).toEqual([
      { kind: 'OS_MAINTENANCE', localDate: '2026-10-27', start: '2026-10-27T22:00:00.000Z' },
      { kind: 'OS_MAINTENANCE', localDate: '2026-11-24', start: '2026-11-24T23:00:00.000Z' },
    ]);
  });

  it('refuses ranges backwards or longer than two years', async () => {
    expect(errorCode(await service.gql(`{ maintenanceWindows(from: "2026-11-30", to: "2026-11-01") { kind } }`))).toBe('BAD_USER_INPUT');
    const tooLong = await service.gql(`{ maintenanceWindows(from: "2026-01-01", to: "2029-01-01") { kind } }`);
    expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');
    expect(tooLong.errors![0].extensions!.field).toBe('to');
  });

  it('schedules TEST on the next Thursday and QUAL/BETA/PROD after the 4th-Tuesday maintenance', async () => {
    const response = await service.gql(SCHEDULE, { version: '313.1.0' });
    expect(response.errors).toBeUndefined();
    expect(response.data!.rolloutSchedule.map((step: any) => [step.environment, step.window.localDate, step.reached])).toEqual([
      ['TEST', '2026-11-19', false],
      ['QUAL', '2026-11-26', false],
      ['BETA', '2026-11-26', false],
      ['PROD', '2026-11-26', false],
    ]);
    service.clock.set('2026-11-19T13:30:00Z');
    const later = await service.gql(SCHEDULE, { version: '313.1.0' });
    expect(later.data!.rolloutSchedule.map((step: any) => step.reached)).toEqual([true, false, false, false]);
  });

  it('lets admins override one environment with a reason, audited, and clear it again', async () => {
    const override = await service.gql(
      `mutation { overrideRollout(input: { version: "313.1.0", environment: PROD, at: "2026-12-03T13:00:00Z", reason: "Thanksgiving freeze" }) { environment start overridden reason } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(override.errors).toBeUndefined();
    expect(override.data!.overrideRollout[3]).toEqual({
      environment: 'PROD',
      start: '2026-12-03T13:00:00.000Z',
      overridden: true,
      reason: 'Thanksgiving freeze',
    });
    expect(override.data!.overrideRollout[2].overridden).toBe(false);
    const audit = await service.gql(`{ auditLog(version: "313.1.0", actions: [ROLLOUT_OVERRIDDEN]) { edges { node { reason after } } } }`, {}, BOOTSTRAP_TOKEN);
    expect(audit.data!.auditLog.edges[0].node.reason).toBe('Thanksgiving freeze');

    const cleared = await service.gql(
      `mutation { clearRolloutOverride(version: "313.1.0", environment: PROD) { environment overridden } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(cleared.data!.clearRolloutOverride[3]).toEqual({ environment: 'PROD', overridden: false });
    const again = await service.gql(`mutation { clearRolloutOverride(version: "313.1.0", environment: PROD) { environment } }`, {}, BOOTSTRAP_TOKEN);
    expect(errorCode(again)).toBe('NOT_FOUND');
  });

  it('refuses overrides from non-admins, without a reason, or for unknown releases', async () => {
    const developer = await service.tokenFor(['DEVELOPER' as never]);
    const input = `{ version: "313.1.0", environment: QUAL, at: "2026-12-03T13:00:00Z", reason: "x" }`;
    expect(errorCode(await service.gql(`mutation { overrideRollout(input: ${input}) { environment } }`, {}, developer))).toBe('FORBIDDEN');
    const blank = await service.gql(
      `mutation { overrideRollout(input: { version: "313.1.0", environment: QUAL, at: "2026-12-03T13:00:00Z", reason: "" }) { environment } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(errorCode(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors![0].extensions!.field).toBe('reason');
    const unknown = await service.gql(
      `mutation { overrideRollout(input: { version: "9.9.9", environment: QUAL, at: "2026-12-03T13:00:00Z", reason: "x" }) { environment } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const badInstant = await service.gql(
      `mutation { overrideRollout(input: { version: "313.1.0", environment: QUAL, at: "next week", reason: "x" }) { environment } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(errorCode(badInstant)).toBe('BAD_USER_INPUT');
    expect(errorCode(await service.gql(SCHEDULE, { version: '9.9.9' }))).toBe('NOT_FOUND');
  });
});
