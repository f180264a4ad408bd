/**
 * Issue 13 item 3: `supportedReleases` as a developer asks it (no packages), anonymously, so it is
 * answered from the catalog cache before GraphQL, against `{ __typename }` (which GraphQL
 * executes: a query of `__typename` alone is not cached) on the same server, 50 connections,
 * 10 s each in two alternating halves, with 50 releases × 200 bundled packages stored.
 * Target: ratio ≥ 0.9 and p99 < 30 ms on 2 cores.
 */
import {
  benchSeconds,
  combineRuns as combine,
  formatLoad,
  loadTest,
  seedLargeCatalog,
  startBenchDatabase,
  startBenchServer,
  type LoadResult,
  RATE_LIMIT_NEVER_REFUSING,
} from './bench-support';

const RELEASES = 50;
const PACKAGES_PER_RELEASE = 200;

export default async function catalogBench(): Promise<void> {
  const database = await startBenchDatabase();
  try {
    await seedLargeCatalog(database.dataSource, RELEASES, PACKAGES_PER_RELEASE);
    const server = await startBenchServer(database.url, RATE_LIMIT_NEVER_REFUSING);
    try {
      const seconds = benchSeconds(10);
      const baselineQuery = JSON.stringify({ query: '{ __typename }' });
      const supportedQuery = JSON.stringify({
        query: '{ supportedReleases { version pythonVersion track status generalAvailability endOfSupport noticeStart } }',
      });
      const check = (await (
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: supportedQuery })
      ).json()) as { data: { supportedReleases: unknown[] } };
      console.log(`catalog: ${RELEASES} releases × ${PACKAGES_PER_RELEASE} packages; supportedReleases returns ${check.data.supportedReleases.length} today`);

      await loadTest(server.url, baselineQuery, 2); // warm-up
      await loadTest(server.url, supportedQuery, 2);
      // Alternating halves, so that other work on the shared cores weighs on both sides alike.
      const baseline: LoadResult[] = [];
      const supported: LoadResult[] = [];
      for (let round = 0; round < 2; round++) {
        baseline.push(await loadTest(server.url, baselineQuery, seconds / 2));
        supported.push(await loadTest(server.url, supportedQuery, seconds / 2));
      }
      const baselineLoad = combine(baseline);
      const supportedLoad = combine(supported);
      console.log(formatLoad('baseline { __typename }', baselineLoad));
      console.log(formatLoad('supportedReleases (cached)', supportedLoad));
      const ratio = supportedLoad.requestsPerSecond / baselineLoad.requestsPerSecond;
      console.log(`ratio supportedReleases / __typename: ${ratio.toFixed(2)} (target ≥ 0.90); supportedReleases p99 ${supportedLoad.p99} ms (target < 30 ms)`);
      console.log(`server resident memory after load: ${(await server.residentMemoryMiB()).toFixed(0)} MiB`);
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}
