/**
 * Issue 11: the public feeds `/api/v1/products/pype/` (endoflife.date v1, every release with its
 * statuses) and `/calendar/releases.ics` (three events per release), answered from the catalog
 * cache, each against `{ __typename }` (which GraphQL executes) on the same server in one run:
 * 50 connections, 10 s each in two alternating halves, 50 releases × 200 bundled packages stored,
 * the anonymous rate limit on but never refusing (its bookkeeping is measured).
 * Target: ratio ≥ 0.6 and p99 < 50 ms on 2 cores.
 */
import {
  benchSeconds,
  combineRuns,
  formatLoad,
  loadTest,
  loadTestGet,
  seedLargeCatalog,
  startBenchDatabase,
  startBenchServer,
  type LoadResult,
  RATE_LIMIT_NEVER_REFUSING,
} from './bench-support';

const RELEASES = 50;
const PACKAGES_PER_RELEASE = 200;
const FEEDS = ['/api/v1/products/pype/', '/calendar/releases.ics'] as const;

export default async function feedsBench(): Promise<void> {
  const database = await startBenchDatabase();
  try {
    await seedLargeCatalog(database.dataSource, RELEASES, PACKAGES_PER_RELEASE);
    const server = await startBenchServer(database.url, RATE_LIMIT_NEVER_REFUSING);
    try {
      const seconds = benchSeconds(10);
      const baselineQuery = JSON.stringify({ query: '{ __typename }' });
      for (const path of FEEDS) {
        const response = await fetch(`${server.url}${path}`);
        const body = Buffer.from(await response.arrayBuffer());
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        console.log(`${path}: ${body.length} bytes (${RELEASES} releases × ${PACKAGES_PER_RELEASE} packages in the catalog)`);
      }

      await loadTest(server.url, baselineQuery, 2); // warm-up
      for (const path of FEEDS) await loadTestGet(server.url, path, 2);
      // Alternating halves, so that other work on the shared cores weighs on every side alike.
      const baseline: LoadResult[] = [];
      const feeds = new Map<string, LoadResult[]>(FEEDS.map((path) => [path, []]));
      for (let round = 0; round < 2; round++) {
        baseline.push(await loadTest(server.url, baselineQuery, seconds / 2));
        for (const path of FEEDS) feeds.get(path)!.push(await loadTestGet(server.url, path, seconds / 2));
      }
      const baselineLoad = combineRuns(baseline);
      console.log(formatLoad('baseline { __typename }', baselineLoad));
      for (const path of FEEDS) {
        const load = combineRuns(feeds.get(path)!);
        console.log(formatLoad(`GET ${path}`, load));
        const ratio = load.requestsPerSecond / baselineLoad.requestsPerSecond;
        console.log(`ratio ${path} / __typename: ${ratio.toFixed(2)} (target ≥ 0.60); p99 ${load.p99} ms (target < 50 ms)`);
      }
      console.log(`server resident memory after load: ${(await server.residentMemoryMiB()).toFixed(0)} MiB`);
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}
