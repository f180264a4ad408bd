/**
 * Impossible dates and instants are refused as BAD_USER_INPUT naming the argument, whether they
 * come in variables or written inline in the query, never rolled over into another day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';

describe('strict dates and instants', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
  });
  afterAll(async () => service.close());

  const AUDIT = `query($from: DateTime) { inventoryAuditLog(filter: { from: $from }) { totalCount } }`;

  it.each(['2027-02-30T00:00:00Z', '2026-11-26T24:00:00Z', '2026-04-31T12:00:00+02:00'])('refuses the instant %s in a variable', async (from) => {
    const response = await service.gql(AUDIT, { from }, BOOTSTRAP_TOKEN);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/real day and time/);
  });

  it('accepts a real instant', async () => {
    const response = await service.gql(AUDIT, { from: '2028-02-29T23:59:59Z' }, BOOTSTRAP_TOKEN);
    expect(response.errors).toBeUndefined();
  });

  it.each([
    ['{ supportedReleases(on: "2026-02-30") { version } }', 'on'],
    ['{ release(version: "37.22.0", on: "2026-13-01") { version } }', 'on'],
    ['{ inventoryAuditLog(filter: { from: "2027-02-30T00:00:00Z" }) { totalCount } }', 'filter.from'],
  ])('names the argument of an inline literal: %s', async (query, field) => {
    const response = await service.gql(query, {}, BOOTSTRAP_TOKEN);
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});
