import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../requirements';
import { runScanCommand, type ScanCommandIo } from './run-scan-command';
import { sarifSchemaViolations } from '../../../test/setup/sarif-schema';

interface Captured {
  io: ScanCommandIo;
  stdout: () => string;
  stderr: () => string;
}

/** The parts of the JSON report these tests read. */
interface JsonReport {
  files: { path: string }[];
  findings: { file: string; line: number; code: string }[];
  summary: Record<string, number>;
}

/** The parts of a SARIF 2.1.0 log these tests read. */
interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: unknown; region: { startLine: number } } }[];
}

/** What the scan command sends to the service. */
interface GraphQLRequestBody {
  query: string;
  variables: { version?: string; packages?: string[] };
}

/** The releases the fake service knows, with their lifecycle as the service would judge it today. */
const RELEASES: Record<string, Record<string, unknown>> = {
  '37.21.0': {
    version: '37.21.0',
    pythonVersion: '3.7',
    packages: [
      { name: 'Django', version: '2.0.7' },
      { name: 'requests', version: '2.19.1' },
    ],
    status: 'SUPPORTED',
    generalAvailability: '2018-09-01',
    endOfSupport: '2019-11-30',
    daysUntilEndOfSupport: 400,
    migrationTarget: { version: '37.22.0' },
  },
  '36.11.0': {
    version: '36.11.0',
    pythonVersion: '3.6',
    packages: [],
    status: 'DEPRECATED',
    generalAvailability: '2017-04-01',
    endOfSupport: '2020-03-31',
    daysUntilEndOfSupport: 30,
    migrationTarget: { version: '37.22.0' },
  },
  '27.11.0': {
    version: '27.11.0',
    pythonVersion: '2.7',
    packages: [],
    status: 'END_OF_LIFE',
    generalAvailability: '2017-04-01',
    endOfSupport: '2019-12-31',
    daysUntilEndOfSupport: -1,
    migrationTarget: null,
  },
  '38.30.0': {
    version: '38.30.0',
    pythonVersion: '3.8',
    packages: [],
    status: 'ANTICIPATED',
    generalAvailability: '2027-04-01',
    endOfSupport: '2030-03-31',
    daysUntilEndOfSupport: 1200,
    migrationTarget: null,
  },
  '99.9.9': { version: '99.9.9', pythonVersion: '3.9', packages: [] },
};

let directory: string;

function capture(env: Record<string, string> = {}): Captured {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      env,
      cwd: directory,
    },
    stdout: () => out,
    stderr: () => err,
  };
}

function write(path: string, content: string | Uint8Array): void {
  const full = join(directory, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'pype-scan-cli-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('scan command: exit codes', () => {
  it('0 when nothing reaches the threshold, with a text report', async () => {
    write('requirements.txt', 'Django==2.0.7\nsix==1.11.0\n');
    const run = capture();
    expect(await runScanCommand(['requirements.txt'], run.io)).toBe(0);
    expect(run.stdout()).toBe('Scanned 2 requirements in 1 file: 0 errors, 0 warnings, 0 info.\n');
  });

  it('1 when a finding reaches --fail-on (error by default), naming file and line', async () => {
    write('requirements.txt', 'Django==2.0.7\nnot a requirement\ncelery>=4\n');
    const run = capture();
    expect(await runScanCommand(['requirements.txt'], run.io)).toBe(1);
    expect(run.stdout()).toContain("requirements.txt:2: ERROR PARSE_ERROR Invalid requirement: 'not a requirement'");
    expect(run.stdout()).toContain('requirements.txt:3: WARNING UNPINNED [celery] celery is not pinned');
    expect(run.stdout()).toContain('    hint: ');
  });

  it('follows --fail-on warning and never', async () => {
    write('requirements.txt', 'celery>=4\n');
    expect(await runScanCommand(['requirements.txt'], capture().io)).toBe(0);
    expect(await runScanCommand(['requirements.txt', '--fail-on', 'warning'], capture().io)).toBe(1);
    expect(await runScanCommand(['requirements.txt', '--fail-on=never'], capture().io)).toBe(0);
  });

  it('2 on usage errors, with the usage', async () => {
    for (const argv of [[], ['--format', 'xml', 'r.txt'], ['r.txt', '--bogus'], ['r.txt', '--runtime']]) {
      const run = capture();
      expect(await runScanCommand(argv, run.io)).toBe(2);
      expect(run.stderr()).toContain('Usage: pype-lifecycle scan FILE...');
    }
  });

  it('2 on input errors: missing file, invalid UTF-8, bad advisories', async () => {
    const missing = capture();
    expect(await runScanCommand(['nope.txt'], missing.io)).toBe(2);
    expect(missing.stderr()).toBe('scan: nope.txt: no such file\n');

    write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const encoding = capture();
    expect(await runScanCommand(['latin1.txt'], encoding.io)).toBe(2);
    expect(encoding.stderr()).toContain('latin1.txt: not valid UTF-8 (byte 0xe9 at offset 3, line 1)');

    write('requirements.txt', 'six==1.11.0\n');
    write('advisories.json', '{"id": "X", "modified": "never"}');
    const advisories = capture();
    expect(await runScanCommand(['requirements.txt', '--advisories', 'advisories.json'], advisories.io)).toBe(2);
    expect(advisories.stderr()).toContain('--advisories advisories.json: X: modified: expected an RFC 3339 time');
  });

  it('prints help with exit 0', async () => {
    const run = capture();
    expect(await runScanCommand(['--help'], run.io)).toBe(0);
    expect(run.stdout()).toContain('--fail-on LEVEL');
  });
});

describe('scan command: inputs and checks', () => {
  it('reads includes from disk relative to the including file', async () => {
    write('requirements/prod.txt', '-r base.txt\ngunicorn==19.9.0\n');
    write('requirements/base.txt', 'Django==2.0.7\ncelery\n');
    const run = capture();
    expect(await runScanCommand(['requirements/prod.txt', '--format', 'json'], run.io)).toBe(0);
    const report = JSON.parse(run.stdout()) as JsonReport;
    expect(report.files.map((file) => file.path)).toEqual(['requirements/prod.txt', 'requirements/base.txt']);
    expect(report.findings.map((finding) => [finding.file, finding.line, finding.code])).toEqual([['requirements/base.txt', 2, 'UNPINNED']]);
  });

  it('reports an include that is not on disk', async () => {
    write('requirements.txt', '-r missing.txt\n');
    const run = capture();
    expect(await runScanCommand(['requirements.txt'], run.io)).toBe(1);
    expect(run.stdout()).toContain('requirements.txt:1: ERROR INCLUDE_NOT_FOUND');
  });

  it('applies --allow-index, --advisories and ${VAR} from the environment', async () => {
    write('requirements.txt', '--index-url https://${MIRROR_HOST}/simple\nurllib3==1.26.4\n');
    write(
      'osv.json',
      JSON.stringify([
        {
          id: 'GHSA-q2q7-5pp4-w6pg',
          modified: '2022-08-10T20:20:00Z',
          affected: [
            { package: { ecosystem: 'PyPI', name: 'urllib3' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.25.4' }, { fixed: '1.26.5' }] }] },
          ],
        },
      ]),
    );
    const run = capture({ MIRROR_HOST: 'pypi.org' });
    const code = await runScanCommand(
      ['requirements.txt', '--allow-index', 'https://pypi.internal.example/', '--advisories', 'osv.json', '--format', 'json'],
      run.io,
    );
    expect(code).toBe(1);
    const findings = (JSON.parse(run.stdout()) as JsonReport).findings.map((finding) => [finding.line, finding.code]);
    expect(findings).toEqual([
      [1, 'UNAPPROVED_INDEX'],
      [2, 'VULNERABLE'],
    ]);
  });

  it('writes the report to --output', async () => {
    write('requirements.txt', 'six==1.11.0\n');
    expect(await runScanCommand(['requirements.txt', '--output', 'report.json', '--format', 'json'], capture().io)).toBe(0);
    expect((JSON.parse(readFileSync(join(directory, 'report.json'), 'utf8')) as JsonReport).summary).toEqual({ ERROR: 0, WARNING: 0, INFO: 0 });
  });
});

describe('scan command: SARIF 2.1.0', () => {
  it('has rule metadata for every code and results pointing at file and line', async () => {
    write('requirements/base.txt', 'Django==2.0.7\nbroken line\ncelery>=4\n');
    const run = capture();
    expect(await runScanCommand(['requirements/base.txt', '--format', 'sarif', '--fail-on', 'never'], run.io)).toBe(0);
    const sarif = JSON.parse(run.stdout()) as SarifLog;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.runs).toHaveLength(1);
    const [sarifRun] = sarif.runs;
    const { driver } = sarifRun.tool;
    expect(driver.name).toBe('pype-lifecycle');
    expect(driver.rules.map((rule) => rule.id)).toEqual(FINDING_CODES.map((info) => info.code));
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    expect(sarifRun.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/\/.*\/$/);
    expect(sarifRun.results.map((result) => [result.ruleId, result.level])).toEqual([
      ['PARSE_ERROR', 'error'],
      ['UNPINNED', 'warning'],
    ]);
    for (const result of sarifRun.results) {
      expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.message.text).toBeTruthy();
      const { physicalLocation } = result.locations[0];
      expect(physicalLocation.artifactLocation).toEqual({ uri: 'requirements/base.txt', uriBaseId: '%SRCROOT%' });
      expect(Number.isInteger(physicalLocation.region.startLine) && physicalLocation.region.startLine >= 1).toBe(true);
    }
    expect(sarifRun.results[0].locations[0].physicalLocation.region.startLine).toBe(2);
    expect(sarifSchemaViolations(sarif)).toEqual([]);
  });

  it('is valid against the SARIF 2.1.0 schema, which would catch a misspelt or misplaced property', async () => {
    write('requirements.txt', 'Django==2.0.7\ncelery>=4\n--index-url http://pypi.example/simple\n');
    const run = capture();
    expect(await runScanCommand(['requirements.txt', '--format', 'sarif', '--fail-on', 'never'], run.io)).toBe(0);
    const sarif = JSON.parse(run.stdout()) as SarifLog;
    expect(sarif.runs[0].results.length).toBeGreaterThan(1);
    expect(sarifSchemaViolations(sarif)).toEqual([]);
    // The validator is not a rubber stamp: the same log with a level SARIF does not define fails.
    sarif.runs[0].results[0].level = 'fatal';
    expect(sarifSchemaViolations(sarif).join('\n')).toMatch(/level/);
  });
});

describe('scan command: --runtime against the service', () => {
  let server: Server;
  let url: string;
  const requests: Array<{ body: GraphQLRequestBody; authorization: string | undefined }> = [];
  const releaseRequests = () => requests.filter((request) => request.body.query.includes('release('));
  const WIDGET_ADVISORY = {
    id: 'PYPE-2026-0100',
    modified: '2026-01-10T00:00:00Z',
    affected: [{ package: { ecosystem: 'PyPI', name: 'widget' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.5.0' }] }] }],
    database_specific: { severity: 'HIGH' },
  };

  async function readBody(request: IncomingMessage): Promise<string> {
    let body = '';
    for await (const chunk of request) body += chunk;
    return body;
  }

  beforeAll(async () => {
    async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
      const body = JSON.parse(await readBody(request)) as GraphQLRequestBody;
      requests.push({ body, authorization: request.headers.authorization });
      response.setHeader('content-type', 'application/json');
      if (request.method !== 'POST' || request.url !== '/graphql') {
        response.statusCode = 404;
        response.end('{}');
        return;
      }
      if (body.query.includes('scanPolicy')) {
        response.end(JSON.stringify({ data: { scanPolicy: { allowedIndexUrls: ['https://mirror.example.edu/simple'] } } }));
        return;
      }
      if (body.query.includes('advisoriesFor')) {
        if (body.variables.packages?.includes('broken')) {
          response.end(JSON.stringify({ data: null, errors: [{ message: 'advisories are resting' }] }));
          return;
        }
        response.end(JSON.stringify({ data: { advisoriesFor: body.variables.packages?.includes('widget') ? [WIDGET_ADVISORY] : [] } }));
        return;
      }
      const release = RELEASES[body.variables.version ?? ''] ?? null;
      response.end(JSON.stringify({ data: { release } }));
    }
    server = createServer((request, response) => {
      answer(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("reports the runtime's own lifecycle from the status and dates the service gives", async () => {
    write('requirements.txt', 'six==1.11.0\n');
    const deprecated = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '36.11.0', '--server', url], deprecated.io)).toBe(0);
    expect(deprecated.stdout()).toContain(
      'runtime 36.11.0: WARNING RUNTIME_DEPRECATED Runtime 36.11.0 is deprecated: support ends on 2020-03-31, in 30 days\n    hint: Migrate to 37.22.0, its migration target before 2020-03-31.',
    );
    const ended = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '27.11.0', '--server', url, '--format', 'json'], ended.io)).toBe(1);
    expect((JSON.parse(ended.stdout()) as JsonReport).findings).toEqual([
      expect.objectContaining({
        code: 'RUNTIME_END_OF_LIFE',
        severity: 'ERROR',
        file: null,
        line: null,
        message: 'Runtime 27.11.0 reached its end of life on 2019-12-31 (1 day ago); it gets no more fixes',
        hint: 'Migrate to a supported release (the catalog names none as its migration target).',
      }),
    ]);
    const anticipated = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '38.30.0', '--server', url, '--fail-on', 'info'], anticipated.io)).toBe(1);
    expect(anticipated.stdout()).toContain(
      'runtime 38.30.0: INFO RUNTIME_ANTICIPATED Runtime 38.30.0 is not generally available yet: it is available from 2027-04-01',
    );
  });

  it('exits 2 when the service gives a release without its status and dates', async () => {
    write('requirements.txt', 'six==1.11.0\n');
    const run = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '99.9.9', '--server', url], run.io)).toBe(2);
    expect(run.stderr()).toBe(`scan: ${url} returned release 99.9.9 without its status and dates\n`);
  });

  it('fetches the release over GraphQL and checks against it', async () => {
    write('requirements.txt', 'Django>=2.1\nrequests==2.19.1\n');
    const run = capture();
    const code = await runScanCommand(['requirements.txt', '--runtime', '37.21.0', '--server', url, '--token', 't0k3n'], run.io);
    expect(code).toBe(0);
    expect(run.stdout()).toContain(
      'requirements.txt:1: WARNING RUNTIME_OVERRIDE [django] Django >=2.1 excludes 2.0.7, the version bundled with runtime 37.21.0',
    );
    expect(run.stdout()).toContain('against runtime 37.21.0 (Python 3.7)');
    const last = releaseRequests().at(-1)!;
    expect(last.body.query).toContain(
      'release(version: $version) { version pythonVersion packages { name version } status generalAvailability endOfSupport daysUntilEndOfSupport migrationTarget { version } }',
    );
    expect(last.body.variables).toEqual({ version: '37.21.0' });
    expect(last.authorization).toBe('Bearer t0k3n');
  });

  it('takes the server and token from PYPE_LIFECYCLE_URL and PYPE_LIFECYCLE_TOKEN', async () => {
    write('requirements.txt', 'Django==1.11.15\n');
    const run = capture({ PYPE_LIFECYCLE_URL: `${url}/`, PYPE_LIFECYCLE_TOKEN: 'from-env' });
    expect(await runScanCommand(['requirements.txt', '--runtime=37.21.0'], run.io)).toBe(1);
    expect(run.stdout()).toContain('ERROR RUNTIME_DOWNGRADE');
    expect(requests.at(-1)!.authorization).toBe('Bearer from-env');
  });

  it("scans with the server's allow-list and its advisories about the files' packages, merged with the local options", async () => {
    write('requirements.txt', '--index-url https://pypi.org/simple\nwidget==1.2.0\n');
    const run = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '37.21.0', '--server', url, '--fail-on', 'never'], run.io)).toBe(0);
    expect(run.stdout()).toContain('UNAPPROVED_INDEX');
    expect(run.stdout()).toContain('VULNERABLE [widget]');
    expect(requests.at(-1)!.body.variables).toEqual({ packages: ['django', 'requests', 'widget'] });

    const allowed = capture();
    await runScanCommand(['requirements.txt', '--runtime', '37.21.0', '--server', url, '--allow-index', 'https://pypi.org/'], allowed.io);
    expect(allowed.stdout()).not.toContain('UNAPPROVED_INDEX');
    expect(allowed.stdout()).toContain('VULNERABLE [widget]');
  });

  it('with --no-server-policy asks only for the release', async () => {
    write('requirements.txt', '--index-url https://pypi.org/simple\nwidget==1.2.0\n');
    const before = requests.length;
    const run = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '37.21.0', '--server', url, '--no-server-policy'], run.io)).toBe(0);
    expect(run.stdout()).not.toContain('UNAPPROVED_INDEX');
    expect(run.stdout()).not.toContain('VULNERABLE');
    expect(requests.slice(before).map((request) => request.body.query)).toEqual([expect.stringContaining('release(')]);
  });

  it('exits 2 when the server answers the advisory request with errors', async () => {
    write('requirements.txt', 'broken==1.0\n');
    const run = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '37.21.0', '--server', url], run.io)).toBe(2);
    expect(run.stderr()).toBe(`scan: ${url}/graphql: advisories are resting\n`);
    expect(run.stdout()).toBe('');
  });

  it('exits 2 when the release does not exist or the server cannot be reached', async () => {
    write('requirements.txt', 'six==1.11.0\n');
    const unknown = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '99.0.0', '--server', url], unknown.io)).toBe(2);
    expect(unknown.stderr()).toBe(`scan: runtime release 99.0.0 does not exist on ${url}\n`);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = capture();
    expect(await runScanCommand(['requirements.txt', '--runtime', '37.21.0', '--server', deadUrl], down.io)).toBe(2);
    expect(down.stderr()).toContain(`scan: cannot reach ${deadUrl}/graphql`);
  });
});

describe('scan command: suppression file', () => {
  const IGNORES = '[[ignore]]\ncode = "UNPINNED"\npackage = "celery"\nreason = "pinned by the base image"\nuntil = 2027-06-30\n';

  it('reads .pype-lifecycle.toml next to the scanned file: matches go to suppressed, with reason and until', async () => {
    write('app/requirements.txt', 'celery>=4\nkombu>=4\n');
    write('app/.pype-lifecycle.toml', IGNORES);
    const run = capture();
    run.io.today = '2026-12-06';
    expect(await runScanCommand(['app/requirements.txt', '--format', 'json', '--fail-on', 'warning'], run.io)).toBe(1);
    const report = JSON.parse(run.stdout()) as JsonReport & { suppressed: { count: number; findings: Record<string, unknown>[] } };
    expect(report.findings.map((finding) => [finding.line, finding.code])).toEqual([[2, 'UNPINNED']]);
    expect(report.summary).toEqual({ ERROR: 0, WARNING: 1, INFO: 0 });
    expect(report.suppressed.count).toBe(1);
    expect(report.suppressed.findings[0]).toMatchObject({
      code: 'UNPINNED',
      file: 'app/requirements.txt',
      line: 1,
      package: 'celery',
      suppression: { reason: 'pinned by the base image', until: '2027-06-30', file: 'app/.pype-lifecycle.toml', line: 1 },
    });

    const text = capture();
    text.io.today = '2026-12-06';
    await runScanCommand(['app/requirements.txt'], text.io);
    expect(text.stdout()).toContain('app/requirements.txt:1: suppressed UNPINNED [celery] until 2027-06-30: pinned by the base image');
    expect(text.stdout()).toContain('1 suppressed.');
  });

  it('takes --config instead, and reports an expired entry (which stops working) and a bad one naming it', async () => {
    write('requirements.txt', 'celery>=4\n');
    write('ci/ignores.toml', `${IGNORES}[[ignore]]\ncode = "UNPINNED"\nuntil = 2027-01-01\n`);
    const run = capture();
    run.io.today = '2027-07-01';
    expect(await runScanCommand(['requirements.txt', '--config', 'ci/ignores.toml', '--format', 'json'], run.io)).toBe(1);
    const report = JSON.parse(run.stdout()) as JsonReport & { suppressed: { count: number } };
    expect(report.findings.map((finding) => [finding.file, finding.line, finding.code])).toEqual([
      ['requirements.txt', 1, 'UNPINNED'],
      ['ci/ignores.toml', 1, 'SUPPRESSION_EXPIRED'],
      ['ci/ignores.toml', 6, 'SUPPRESSION_INVALID'],
    ]);
    expect(report.suppressed.count).toBe(0);
  });

  it('exits 2 when --config names a file that does not exist', async () => {
    write('requirements.txt', 'six==1.16.0\n');
    const run = capture();
    expect(await runScanCommand(['requirements.txt', '--config', 'nope.toml'], run.io)).toBe(2);
    expect(run.stderr()).toBe('scan: --config nope.toml: no such file\n');
  });

  it('marks suppressed results as accepted in SARIF and lists them in Markdown', async () => {
    write('requirements.txt', 'celery>=4\n');
    write('.pype-lifecycle.toml', IGNORES);
    const sarif = capture();
    sarif.io.today = '2026-12-06';
    expect(await runScanCommand(['requirements.txt', '--format', 'sarif'], sarif.io)).toBe(0);
    const log = JSON.parse(sarif.stdout()) as { runs: { results: { ruleId: string; suppressions?: unknown }[] }[] };
    expect(sarifSchemaViolations(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: 'UNPINNED',
        suppressions: [{ kind: 'external', status: 'accepted', justification: 'pinned by the base image (until 2027-06-30)' }],
      }),
    ]);
    const markdown = capture();
    markdown.io.today = '2026-12-06';
    await runScanCommand(['requirements.txt', '--format', 'markdown'], markdown.io);
    expect(markdown.stdout()).toContain('### Suppressed (1)');
    expect(markdown.stdout()).toContain('| `UNPINNED` | `requirements.txt:1` | `celery` | 2027-06-30 | pinned by the base image |');
  });
});
