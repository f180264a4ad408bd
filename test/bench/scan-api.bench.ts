/**
 * Issue 3: a realistic 200-line requirements file through GraphQL `scanRequirements` against a
 * runtime (the seed catalog's 37.22.0), with 2 000 OSV advisories stored, on the service
 * running in its own process. In the same run and on the same server, `{ __typename }` is the
 * baseline. Two measurements each:
 *  - latency: one client sending requests back to back (what a developer or a CI job sees);
 *    target p50 < 10 ms on 2 cores;
 *  - throughput: 8 connections in parallel, requests per second and the ratio to the baseline.
 * `BENCH_SECONDS` sets the length of each phase (default 5 s: the whole run stays under a minute).
 */
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { AdvisoriesRepository } from '../../src/advisories/advisories.repository';
import { AdvisoriesService } from '../../src/advisories/advisories.service';
import { Clock } from '../../src/common/clock/clock';
import type { Advisory } from '../../src/requirements';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { benchSeconds, formatLoad, loadTest, startBenchDatabase, startBenchServer } from './bench-support';
import { buildRequirementLines } from './requirements-corpus';

const REQUIREMENT_LINES = 200;
const ADVISORIES = 2_000;
const RUNTIME = '37.22.0';
const THROUGHPUT_CONNECTIONS = 8;
const TARGET_P50_MS = 10;

const SCAN_QUERY = `query Scan($content: String!, $runtime: String) {
  scanRequirements(content: $content, runtime: $runtime) {
    requirements { line name extras specifiers { operator version } marker url editable hashes }
    findings { code severity line package message }
  }
}`;

/** Advisories spread over the corpus's projects (and plugins of them), each affecting a range of old versions. */
function syntheticAdvisories(names: readonly string[]): Advisory[] {
  return Array.from({ length: ADVISORIES }, (_, index) => {
    const name = names[index % names.length];
    const major = index % 9;
    return {
      id: `BENCH-${String(index).padStart(5, '0')}`,
      modified: '2026-01-01T00:00:00Z',
      published: '2025-06-01T00:00:00Z',
      withdrawn: null,
      aliases: [`CVE-2025-${10000 + index}`],
      summary: `Synthetic advisory ${index} for ${name}`,
      details: null,
      severity: (['LOW', 'MODERATE', 'HIGH', 'CRITICAL'] as const)[index % 4],
      cvssScore: null,
      scores: [],
      affected: [{ name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: `${major}.0` }, { fixed: `${major}.${3 + (index % 7)}.1` }] }], versions: [] }],
      references: [],
    };
  });
}

interface LatencyResult {
  requests: number;
  /** CPU time the server process spent per request (user + system), which the machine's other load does not inflate much. */
  serverCpuMs: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The server's CPU seconds so far, from its Prometheus metrics. */
async function serverCpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^pype_process_cpu_seconds_total ([\d.e+-]+)/m.exec(text);
  return match ? Number(match[1]) : NaN;
}

/** One client, one keep-alive connection, requests back to back for `seconds`; percentiles in ms. */
async function sequentialLatency(url: string, body: string, seconds: number): Promise<LatencyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL('/graphql', url);
  const payload = Buffer.from(body);
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const start = process.hrtime.bigint();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const samples: number[] = [];
  const cpuBefore = await serverCpuSeconds(url);
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) samples.push(await once());
  // The metrics request itself costs well under a millisecond, spread over hundreds of requests.
  const serverCpuMs = (((await serverCpuSeconds(url)) - cpuBefore) * 1000) / samples.length;
  agent.destroy();
  samples.sort((a, b) => a - b);
  const at = (quantile: number) => samples[Math.min(samples.length - 1, Math.floor(quantile * samples.length))];
  return { requests: samples.length, serverCpuMs, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: samples[samples.length - 1] };
}

const formatLatency = (label: string, result: LatencyResult) =>
  `${label.padEnd(34)} ${String(result.requests).padStart(7)} requests   p50 ${result.p50.toFixed(2).padStart(6)} ms   p90 ${result.p90.toFixed(2).padStart(6)} ms   p99 ${result.p99.toFixed(2).padStart(6)} ms   max ${result.max.toFixed(1)} ms   server CPU ${result.serverCpuMs.toFixed(2)} ms/request`;

export default async function scanApiBench(): Promise<void> {
  const [loadBefore] = loadavg();
  const { lines, requirementLines } = buildRequirementLines(REQUIREMENT_LINES);
  const content = `${lines.join('\n')}\n`;
  const names = [...new Set(requirementLines.map((line) => /^[A-Za-z0-9._-]+/.exec(line)![0].toLowerCase()))];

  const database = await startBenchDatabase();
  try {
    await seedCatalog(database.dataSource, new Date());
    await new AdvisoriesService(database.dataSource, new AdvisoriesRepository(database.dataSource), new Clock()).import({
      advisories: syntheticAdvisories(names),
      skipped: [],
    });
    const server = await startBenchServer(database.url);
    try {
      const seconds = benchSeconds(5);
      const scanBody = JSON.stringify({ query: SCAN_QUERY, variables: { content, runtime: RUNTIME } });
      const baselineBody = JSON.stringify({ query: '{ __typename }' });

      const check = (await (
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: scanBody })
      ).json()) as {
        data?: { scanRequirements: { requirements: unknown[]; findings: { code: string }[] } };
        errors?: unknown[];
      };
      if (check.errors || !check.data) throw new Error(`scanRequirements failed: ${JSON.stringify(check.errors)}`);
      const findings = check.data.scanRequirements.findings;
      const byCode = new Map<string, number>();
      for (const finding of findings) byCode.set(finding.code, (byCode.get(finding.code) ?? 0) + 1);
      console.log(
        `file: ${lines.length} lines, ${requirementLines.length} requirements, ${Buffer.byteLength(content)} bytes; runtime ${RUNTIME}; ${ADVISORIES} advisories stored`,
      );
      console.log(
        `scan answers ${check.data.scanRequirements.requirements.length} requirements and ${findings.length} findings (${[...byCode].map(([code, count]) => `${code} ${count}`).join(', ')}); response ${Buffer.byteLength(JSON.stringify(check))} bytes`,
      );

      // Warm-up: JIT, connection pool, advisory matcher.
      await loadTest(server.url, baselineBody, 1, THROUGHPUT_CONNECTIONS);
      await loadTest(server.url, scanBody, 2, THROUGHPUT_CONNECTIONS);

      const baselineLatency = await sequentialLatency(server.url, baselineBody, seconds);
      const scanLatency = await sequentialLatency(server.url, scanBody, seconds);
      console.log('latency, one client back to back:');
      console.log(formatLatency('  baseline { __typename }', baselineLatency));
      console.log(formatLatency(`  scanRequirements (${REQUIREMENT_LINES} lines)`, scanLatency));

      const baseline = await loadTest(server.url, baselineBody, seconds, THROUGHPUT_CONNECTIONS);
      const scanned = await loadTest(server.url, scanBody, seconds, THROUGHPUT_CONNECTIONS);
      console.log(`throughput, ${THROUGHPUT_CONNECTIONS} connections:`);
      console.log(formatLoad('  baseline { __typename }', baseline));
      console.log(formatLoad(`  scanRequirements (${REQUIREMENT_LINES} lines)`, scanned));

      const ratio = scanned.requestsPerSecond / baseline.requestsPerSecond;
      const verdict = scanLatency.p50 < TARGET_P50_MS ? 'met' : 'NOT met';
      console.log(
        `scanRequirements p50 ${scanLatency.p50.toFixed(2)} ms (target < ${TARGET_P50_MS} ms: ${verdict}), p99 ${scanLatency.p99.toFixed(2)} ms; ` +
          `throughput ${scanned.requestsPerSecond.toFixed(0)} req/s = ${ratio.toFixed(3)} × baseline (${(requirementLines.length * scanned.requestsPerSecond).toFixed(0)} requirement lines/s)`,
      );
      console.log(
        `load average ${loadBefore.toFixed(2)} before the run, ${loadavg()[0].toFixed(2)} after (its own two processes included) on ${availableParallelism()} cores: ` +
          'other work on the machine inflates latency, hardly the server CPU per request',
      );
      console.log(`server resident memory after load: ${(await server.residentMemoryMiB()).toFixed(0)} MiB`);
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}
