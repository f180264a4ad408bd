/**
 * Issue 2: `supportedReleases` as a developer asks it (no packages), against `{ __typename }` on
 * the same server, 50 connections, 10 s each, with 50 releases × 200 bundled packages stored.
 * Target: ratio ≥ 0.6 and p99 < 50 ms on 2 cores.
 */
import { addMonths } from '../../src/calendar/calendar-date';
import { benchSeconds, formatLoad, loadTest, startBenchDatabase, startBenchServer } from './bench-support';

const RELEASES = 50;
const PACKAGES_PER_RELEASE = 200;

export default async function catalogBench(): Promise<void> {
  const database = await startBenchDatabase();
  try {
    // Releases every two months from 2019 on, LTS every fourth: some ended, some supported, some ahead.
    for (let index = 0; index < RELEASES; index++) {
      const generalAvailability = addMonths('2019-01-01', index * 2);
      const lts = index % 4 === 0;
      const [{ id }] = await database.dataSource.query<{ id: string }[]>(
        `INSERT INTO runtime_releases (version, python_version, track, state, general_availability, end_of_support, published_at, created_by)
         VALUES ($1, '3.12.1', $2, 'PUBLISHED', $3, $4, now(), 'bench') RETURNING id`,
        [`312.${index + 1}.0`, lts ? 'LTS' : 'STABLE', generalAvailability, addMonths(generalAvailability, lts ? 36 : 16)],
      );
      const names = Array.from({ length: PACKAGES_PER_RELEASE }, (_, i) => `package-${i}`);
      await database.dataSource.query(
        `INSERT INTO runtime_release_packages (release_id, name, version) SELECT $1, name, '1.' || $2 FROM unnest($3::text[]) AS name`,
        [id, index, names],
      );
    }
    const server = await startBenchServer(database.url);
    try {
      const seconds = benchSeconds(10);
      const supportedQuery = JSON.stringify({
        query: '{ supportedReleases { version pythonVersion track status generalAvailability endOfSupport noticeStart } }',
      });
      const check = await (
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: supportedQuery })
      ).json();
      const returned = (check as { data: { supportedReleases: unknown[] } }).data.supportedReleases.length;
      console.log(`catalog: ${RELEASES} releases × ${PACKAGES_PER_RELEASE} packages; supportedReleases returns ${returned} today`);

      await loadTest(server.url, JSON.stringify({ query: '{ __typename }' }), 2); // warm-up
      const baseline = await loadTest(server.url, JSON.stringify({ query: '{ __typename }' }), seconds);
      const supported = await loadTest(server.url, supportedQuery, seconds);
      console.log(formatLoad('baseline { __typename }', baseline));
      console.log(formatLoad('supportedReleases', supported));
      const ratio = supported.requestsPerSecond / baseline.requestsPerSecond;
      console.log(`ratio supportedReleases / __typename: ${ratio.toFixed(2)} (target ≥ 0.60); p99 ${supported.p99} ms (target < 50 ms)`);
      console.log(`server resident memory after load: ${(await server.residentMemoryMiB()).toFixed(0)} MiB`);
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}
