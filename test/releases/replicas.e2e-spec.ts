import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { eventually } from '../setup/eventually';

const PUBLISH = `mutation($input: PublishReleaseInput!) { publishRelease(input: $input) { version } }`;
const LIST = `{ releases { version } }`;

const release = (version: string) => ({
  version,
  pythonVersion: '3.12.7',
  track: 'LTS',
  generalAvailability: '2027-01-04',
  endOfSupport: '2029-12-31',
  packages: [{ name: 'django', version: '5.2' }],
});

describe('catalog caching across replicas', () => {
  let first: TestService;
  let second: TestService;

  beforeAll(async () => {
    first = await startTestService();
    await seedCatalog(first.dataSource, first.clock.now());
    // A second replica on the same database, as when the service runs several instances.
    second = await startTestService({ databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const versions = async (service: TestService) => ((await service.gql(LIST)).data!.releases as { version: string }[]).map((entry) => entry.version);

  it('serves a publish on the same replica at once, and on the other as soon as it is told', async () => {
    expect(await versions(first)).not.toContain('312.5.0');
    expect(await versions(second)).not.toContain('312.5.0'); // both replicas have cached the catalog now

    const published = await first.gql(PUBLISH, { input: release('312.5.0') }, BOOTSTRAP_TOKEN);
    expect(published.errors).toBeUndefined();
    expect(await versions(first)).toContain('312.5.0');
    const seenBySecond = await eventually(
      () => versions(second),
      (list) => list.includes('312.5.0'),
    );
    expect(seenBySecond).toContain('312.5.0');
  });

  it('keeps serving correct answers when the change listener connection is lost', async () => {
    // Kill the other replica's LISTEN connection from the database side.
    await first.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pype-lifecycle-catalog-listener' AND datname = current_database()`,
    );
    const published = await second.gql(PUBLISH, { input: release('312.6.0') }, BOOTSTRAP_TOKEN);
    expect(published.errors).toBeUndefined();
    const seenByFirst = await eventually(
      () => versions(first),
      (list) => list.includes('312.6.0'),
    );
    expect(seenByFirst).toContain('312.6.0');
    const published2 = await first.gql(PUBLISH, { input: release('312.7.0') }, BOOTSTRAP_TOKEN);
    expect(published2.errors).toBeUndefined();
    expect(
      await eventually(
        () => versions(second),
        (list) => list.includes('312.7.0'),
      ),
    ).toContain('312.7.0');
  });
});
