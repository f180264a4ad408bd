/**
 * Requirements engine benchmark: parse and scan a realistic file of 12 000 requirement
 * lines (pins, ranges, extras, markers, comments) against a runtime, and in the same run
 * have Python's `packaging` parse the same requirement lines with `Requirement(line)`.
 * Prints lines per second of both, the ratio (target: at least 5x) and peak memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRequirementsFile, scan, type RuntimeRelease } from '../../src/requirements';
import { buildRequirementLines } from './requirements-corpus';

const REQUIREMENT_LINES = 12_000;
/** Both sides are timed in alternating segments and each keeps its best round: on a shared machine load comes and goes, and alternating exposes both to the same conditions. */
const SEGMENTS = 4;
const ROUNDS_PER_SEGMENT = 3;
const TARGET_RATIO = 5;

const RUNTIME: RuntimeRelease = {
  version: '37.21.0',
  pythonVersion: '3.7.0',
  packages: [
    { name: 'Django', version: '2.0.7' },
    { name: 'requests', version: '2.19.1' },
    { name: 'celery', version: '4.2.1' },
    { name: 'psycopg2-binary', version: '2.7.5' },
  ],
};

const PYTHON_TIMER = `
import json, sys, time
try:
    import packaging
    from packaging.requirements import Requirement
except Exception as error:
    print(json.dumps({"skip": f"packaging is not importable: {error}"}))
    sys.exit(0)
if not packaging.__version__.startswith("26."):
    print(json.dumps({"skip": f"packaging {packaging.__version__} found, 26.x needed"}))
    sys.exit(0)
lines = json.load(open(sys.argv[1]))
rounds = int(sys.argv[2])
best = None
for _ in range(rounds):
    start = time.perf_counter()
    for line in lines:
        Requirement(line)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(json.dumps({"linesPerSecond": len(lines) / best, "version": packaging.__version__, "python": sys.version.split()[0]}))
`;

interface PythonResult {
  linesPerSecond?: number;
  version?: string;
  python?: string;
  skip?: string;
}

/** Best of `rounds` timings in milliseconds (the least disturbed run on a shared machine). */
function bestMilliseconds(rounds: number, run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** A Python timer over the same lines: one call runs ROUNDS_PER_SEGMENT rounds and reports the best. */
function pythonTimer(requirementLines: string[]): { run: () => PythonResult; dispose: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'pype-bench-'));
  const linesFile = join(directory, 'lines.json');
  const scriptFile = join(directory, 'time_packaging.py');
  writeFileSync(linesFile, JSON.stringify(requirementLines));
  writeFileSync(scriptFile, PYTHON_TIMER);
  const run = (): PythonResult => {
    const result = spawnSync('python3', [scriptFile, linesFile, String(ROUNDS_PER_SEGMENT)], { encoding: 'utf8', timeout: 300_000 });
    if (result.error) return { skip: `python3 could not be run (${result.error.message})` };
    if (result.status !== 0) return { skip: `python3 failed: ${result.stderr.trim().split('\n').pop()}` };
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as PythonResult;
  };
  return { run, dispose: () => rmSync(directory, { recursive: true, force: true }) };
}

function format(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export default function main(): void {
  const { lines, requirementLines } = buildRequirementLines(REQUIREMENT_LINES);
  const content = lines.join('\n') + '\n';
  const files = [{ path: 'requirements.txt', content }];
  const options = { files, runtime: RUNTIME, maxBytes: 16 * 1024 * 1024 };

  // Warm-up: let the JIT settle before timing.
  for (let round = 0; round < 3; round += 1) scan(options);
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = pythonTimer(requirementLines);
  let parseMs = Number.POSITIVE_INFINITY;
  let scanMs = Number.POSITIVE_INFINITY;
  let python: PythonResult = {};
  try {
    for (let segment = 0; segment < SEGMENTS; segment += 1) {
      parseMs = Math.min(
        parseMs,
        bestMilliseconds(ROUNDS_PER_SEGMENT, () => parseRequirementsFile('requirements.txt', content)),
      );
      scanMs = Math.min(
        scanMs,
        bestMilliseconds(ROUNDS_PER_SEGMENT, () => {
          scan(options);
          peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        }),
      );
      if (python.skip !== undefined) continue;
      const result = timer.run();
      if (result.skip !== undefined || result.linesPerSecond === undefined) python = { skip: result.skip ?? 'no result' };
      else if (python.linesPerSecond === undefined || result.linesPerSecond > python.linesPerSecond) python = result;
    }
  } finally {
    timer.dispose();
  }
  const report = scan(options);
  const parseRate = (requirementLines.length / parseMs) * 1000;
  const scanRate = (requirementLines.length / scanMs) * 1000;

  console.log(`corpus: ${format(requirementLines.length)} requirement lines (${format(lines.length)} lines, ${format(Buffer.byteLength(content))} bytes)`);
  console.log(`engine parse only:  ${format(parseRate)} lines/s (${parseMs.toFixed(1)} ms)`);
  console.log(`engine parse+scan:  ${format(scanRate)} lines/s (${scanMs.toFixed(1)} ms, ${format(report.findings.length)} findings)`);
  console.log(`peak heap: ${(peakHeap / 1024 / 1024).toFixed(1)} MiB; max RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);

  if (python.skip !== undefined || python.linesPerSecond === undefined) {
    console.log(`python packaging: skipped (${python.skip ?? 'no result'})`);
    return;
  }
  const ratio = scanRate / python.linesPerSecond;
  console.log(`python packaging ${python.version} (Python ${python.python}) Requirement(line): ${format(python.linesPerSecond)} lines/s`);
  console.log(`ratio parse+scan / packaging parse: ${ratio.toFixed(2)}x (target >= ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`);
}
