/**
 * Issue 4: `releaseImpact` end to end through GraphQL with 5 000 applications × 40 requirements.
 * Targets on 2 cores: < 15 s cold, < 1 s cached, service memory < 300 MB. Baselines measured in
 * the same run: scanning the same files with the engine in this process (what the service cannot
 * beat), and `{ __typename }` round trips.
 */
import { createHash, randomUUID } from 'node:crypto';
import { scan } from '../../src/requirements';
import { PYPE_SEED_CATALOG } from '../../src/releases/seed/pype-catalog';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { contentHashOf } from '../../src/snapshots/snapshot';
import { startBenchDatabase, startBenchServer } from './bench-support';

const APPLICATIONS = Number(process.env.BENCH_APPS ?? 5_000);
const REQUIREMENTS_PER_APP = 40;
const TOKEN = 'bench-admin-token-0123456789abcdef';
const TARGET = '37.22.0';

const POOL = Array.from({ length: 400 }, (_, index) => `lib-${index.toString(36)}`);

/** A plausible requirements.txt: mostly pins, some ranges and markers, the occasional problem. */
function requirementsFor(app: number): string {
  const lines = ['# generated for the impact benchmark', `-i https://pypi.example.edu/simple`];
  lines.push(app % 7 === 0 ? 'Django==1.11.29' : app % 3 === 0 ? 'Django>=2.2,<3' : 'Django==2.2.28');
  for (let i = 1; i < REQUIREMENTS_PER_APP - 1; i++) {
    const name = POOL[(app * 31 + i * 17) % POOL.length];
    const minor = (app + i) % 20;
    if (i % 9 === 0) lines.push(`${name}>=1.${minor} ; python_version >= "3.6"`);
    else if (i % 13 === 0) lines.push(`${name}~=2.${minor}.0`);
    else lines.push(`${name}==1.${minor}.${app % 5}`);
  }
  // Every application has something of its own, so no two file sets are the same.
  lines.push(`internal-tools-${app % 97}==${1 + (app % 4)}.${app}.0`);
  if (app % 11 === 0) lines.push('requests>=3,<2');
  return `${lines.join('\n')}\n`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The parts of the releaseImpact answer the bench reads. */
interface ImpactAnswer {
  data?: { releaseImpact: { totalApplications: number; applicationsWithErrors: number; cachedResults: number; countsByCode: unknown[] } };
  errors?: unknown[];
}

async function post(url: string, query: string): Promise<{ ms: number; body: ImpactAnswer }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as ImpactAnswer;
  return { ms: performance.now() - started, body };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function impactBench(): Promise<void> {
  const database = await startBenchDatabase();
  try {
    const { dataSource } = database;
    await seedCatalog(dataSource, new Date('2017-01-01T00:00:00Z'));
    const seeded = Date.now();
    const groupIds: string[] = [];
    for (let g = 0; g < 50; g++) {
      const [{ id }] = await dataSource.query<{ id: string }[]>(`INSERT INTO groups (slug, name) VALUES ($1, $2) RETURNING id`, [`team-${g}`, `Team ${g}`]);
      groupIds.push(id);
    }
    const files = Array.from({ length: APPLICATIONS }, (_, app) => requirementsFor(app));
    const BATCH = 500;
    for (let start = 0; start < APPLICATIONS; start += BATCH) {
      const apps = Array.from({ length: Math.min(BATCH, APPLICATIONS - start) }, (_, k) => start + k);
      const appIds = apps.map(() => randomUUID());
      const snapshotIds = apps.map(() => randomUUID());
      const blobs = apps.map((app) => sha256(files[app]));
      await dataSource.query(
        `INSERT INTO applications (id, slug, name, department, owning_group_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[])`,
        [
          appIds,
          apps.map((app) => `app-${app}`),
          apps.map((app) => `Application ${app}`),
          apps.map((app) => `Dept ${app % 12}`),
          apps.map((app) => groupIds[app % 50]),
        ],
      );
      await dataSource.query(
        `INSERT INTO requirement_blobs (sha256, content, bytes) SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING`,
        [blobs, apps.map((app) => files[app]), apps.map((app) => Buffer.byteLength(files[app]))],
      );
      await dataSource.query(
        `INSERT INTO requirement_snapshots (id, application_id, commit_sha, content_hash, files, submitted_by, last_submitted_at, last_commit_sha)
         SELECT id, app, 'abcdef1', hash, files::jsonb, 'bench', now(), 'abcdef1' FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS t(id, app, hash, files)`,
        [
          snapshotIds,
          appIds,
          apps.map((app, k) => contentHashOf([{ path: 'requirements.txt', sha256: blobs[k] }])),
          apps.map((app, k) => JSON.stringify([{ path: 'requirements.txt', sha256: blobs[k] }])),
        ],
      );
      await dataSource.query(
        `UPDATE applications a SET latest_snapshot_id = s.id FROM requirement_snapshots s WHERE s.application_id = a.id AND a.latest_snapshot_id IS NULL`,
      );
    }
    console.log(`seeded ${APPLICATIONS} applications × ${REQUIREMENTS_PER_APP} requirements in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

    // Baseline 1: the engine alone, in this process, on the same files.
    const target = PYPE_SEED_CATALOG.find((release) => release.version === TARGET)!;
    const runtime = {
      version: target.version,
      pythonVersion: target.pythonVersion,
      packages: Object.entries(target.packages).map(([name, version]) => ({ name, version })),
    };
    const engineStarted = performance.now();
    for (const content of files) scan({ files: [{ path: 'requirements.txt', content }], runtime });
    const engineMs = performance.now() - engineStarted;

    const server = await startBenchServer(database.url, { BOOTSTRAP_ADMIN_TOKEN: TOKEN, LOG_REQUESTS: 'none' });
    try {
      const typename: number[] = [];
      for (let i = 0; i < 20; i++) typename.push((await post(server.url, '{ __typename }')).ms);
      const query = `{ releaseImpact(version: "${TARGET}", first: 50, only: WITH_ERRORS) {
        totalApplications scannedApplications applicationsWithErrors applicationsWithWarnings cachedResults
        countsByCode { code severity findings applications }
        applications { totalCount pageInfo { hasNextPage } edges { node { application { slug department } errorCount warningCount findings { code severity line package message } } } } } }`;
      const cold = await post(server.url, query);
      if (cold.body.errors) throw new Error(JSON.stringify(cold.body.errors));
      const impact = cold.body.data!.releaseImpact;
      const warm: number[] = [];
      let cachedResults = 0;
      for (let i = 0; i < 5; i++) {
        const run = await post(server.url, query);
        warm.push(run.ms);
        cachedResults = run.body.data!.releaseImpact.cachedResults;
      }
      const peak = server.peakResidentMemoryMiB();
      const rssAfter = await server.residentMemoryMiB();
      console.log(
        `impact of ${TARGET}: ${impact.totalApplications} applications, ${impact.applicationsWithErrors} with errors, ${impact.countsByCode.length} finding codes`,
      );
      console.log(
        `baseline: engine alone scans the ${APPLICATIONS} files in ${(engineMs / 1000).toFixed(2)} s; { __typename } median ${median(typename).toFixed(1)} ms`,
      );
      console.log(`releaseImpact cold   ${(cold.ms / 1000).toFixed(2)} s  (target < 15 s; ${(cold.ms / engineMs).toFixed(2)}× the engine alone)`);
      console.log(
        `releaseImpact cached ${(median(warm) / 1000).toFixed(3)} s median of 5 (target < 1 s; ${cachedResults} results from cache; ${(median(warm) / median(typename)).toFixed(0)}× a { __typename } round trip)`,
      );
      console.log(`service memory: peak RSS ${peak.toFixed(0)} MiB, after ${rssAfter.toFixed(0)} MiB (target < 300 MB)`);
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}
