/**
 * Issue 13 item 3: `supportedReleases` as a developer asks it (no packages), anonymously, so it is
 * answered from the catalog cache before GraphQL, against `{ __typename }` (which GraphQL
 * executes: a query of `__typename` alone is not cached) on the same server, 50 connections,
 * 10 s each in two alternating halves, with 50 releases × 200 bundled packages stored.
 * Target: ratio ≥ 0.9 and p99 < 30 ms on 2 cores.
 */
import { addMonths } from '../../src/calendar/calendar-date';
import { benchSeconds, formatLoad, loadTest, startBenchDatabase, startBenchServer, type LoadResult } from './bench-support';

/** Runs of one load, as one: requests per second averaged, the worse latency of the runs, errors summed. */
function combine(runs: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: runs.reduce((total, run) => total + run.requestsPerSecond, 0) / runs.length,
    p50: Math.max(...runs.map((run) => run.p50)),
    p99: Math.max(...runs.map((run) => run.p99)),
    errors: runs.reduce((total, run) => total + run.errors, 0),
    non2xx: runs.reduce((total, run) => total + run.non2xx, 0),
  };
}

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
    // The anonymous rate limit stays on (its bookkeeping is part of every anonymous request) but so high it never refuses.
    const server = await startBenchServer(database.url, { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000', RATE_LIMIT_ANONYMOUS_BURST: '100000000' });
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
