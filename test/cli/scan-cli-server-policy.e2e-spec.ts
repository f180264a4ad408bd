/**
 * `scan --runtime` applies what the service applies: its ALLOWED_INDEX_URLS and its stored
 * advisories (withdrawn ones left out), merged with the local --allow-index and --advisories,
 * so that CI reports what the service's own `scanFiles` reports. --no-server-policy opts out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { SCAN_FILES, type ScanReport } from '../scanning/scan-support';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { captureIo, workspace } from './cli-support';

const MIRROR = 'https://pypi.campus.example.edu/simple';

const osv = (id: string, name: string, events: object[], extra: Record<string, unknown> = {}) => ({
  id,
  modified: '2026-01-10T00:00:00Z',
  summary: `${name} is unsafe`,
  affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
  database_specific: { severity: 'HIGH' },
  ...extra,
});

const ADVISORIES = [
  osv('PYPE-2026-0100', 'Widget', [{ introduced: '1.0' }, { fixed: '1.5.0' }]),
  // 37.22.0 bundles Django 2.2: RUNTIME_VULNERABLE when the files keep it.
  osv('PYPE-2019-0001', 'Django', [{ introduced: '2.2' }, { fixed: '2.2.4' }]),
  osv('PYPE-2026-0200', 'gadget', [{ introduced: '0' }], { withdrawn: '2026-02-01T00:00:00Z' }),
];

const LOCAL_ADVISORY = osv('LOCAL-2026-0001', 'six', [{ introduced: '1.0' }, { fixed: '1.17.0' }]);

const FILES: Record<string, string> = {
  'vulnerable.txt': 'widget==1.2.0\nsix==1.16.0\n',
  'fixed.txt': 'widget==1.5.0\n',
  'unapproved.txt': '--index-url https://pypi.org/simple\nsix==1.16.0\n',
  'approved.txt': `--index-url ${MIRROR}\nsix==1.16.0\n`,
  'withdrawn.txt': 'gadget==1.0\n',
  'requirements/prod.txt': `-r base.txt\n--extra-index-url https://wheels.example.net/simple\nWidget==1.4\nDjango>=2.2,<3\ngadget==2.0\n`,
  'requirements/base.txt': `--index-url ${MIRROR}\nrequests==2.21.0\nwidget>=1.0\nsix\n`,
  'local-advisories.json': JSON.stringify(LOCAL_ADVISORY),
};

interface CliFinding {
  code: string;
  line: number | null;
  package: string | null;
  file: string | null;
}

describe('scan CLI with the server scan policy and advisories', () => {
  let service: TestService;
  let files: ReturnType<typeof workspace>;

  beforeAll(async () => {
    service = await startTestService({ env: { ALLOWED_INDEX_URLS: MIRROR } });
    await seedCatalog(service.dataSource, service.clock.now());
    const imported = await service.gql(
      `mutation($d: String!) { importAdvisories(document: $d) { added } }`,
      { d: JSON.stringify(ADVISORIES) },
      BOOTSTRAP_TOKEN,
    );
    expect(imported.errors).toBeUndefined();
    files = workspace(FILES);
  });
  afterAll(async () => {
    files.cleanup();
    await service.close();
  });

  const scanJson = async (args: string[]): Promise<{ code: number; findings: CliFinding[]; err: string }> => {
    const io = captureIo({}, files.dir);
    const code = await runCli(['scan', ...args, '--runtime', '37.22.0', '--server', service.url, '--format', 'json', '--fail-on', 'never'], io);
    return { code, findings: code === 2 ? [] : JSON.parse(io.out()).findings, err: io.err() };
  };
  const codes = (findings: CliFinding[], code: string) => findings.filter((finding) => finding.code === code);

  it('reports VULNERABLE for a pin that an advisory stored in the service affects, and not for the fixed version', async () => {
    const { code, findings, err } = await scanJson(['vulnerable.txt']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(codes(findings, 'VULNERABLE')).toEqual([expect.objectContaining({ line: 1, package: 'widget', file: 'vulnerable.txt' })]);
    expect(codes((await scanJson(['fixed.txt'])).findings, 'VULNERABLE')).toEqual([]);
  });

  it("reports RUNTIME_VULNERABLE for the runtime's bundled package from the service's advisories", async () => {
    expect(codes((await scanJson(['approved.txt'])).findings, 'RUNTIME_VULNERABLE')).toEqual([expect.objectContaining({ package: 'django' })]);
  });

  it('leaves out advisories the service withdrew, as its own scans do', async () => {
    expect(codes((await scanJson(['withdrawn.txt'])).findings, 'VULNERABLE')).toEqual([]);
  });

  it("adds the local --advisories to the service's", async () => {
    const { findings } = await scanJson(['vulnerable.txt', '--advisories', 'local-advisories.json']);
    expect(codes(findings, 'VULNERABLE').map((finding) => finding.package)).toEqual(['widget', 'six']);
  });

  it("reports UNAPPROVED_INDEX for a source outside the service's allow-list, none for the approved mirror", async () => {
    expect(codes((await scanJson(['unapproved.txt'])).findings, 'UNAPPROVED_INDEX')).toEqual([expect.objectContaining({ line: 1, file: 'unapproved.txt' })]);
    expect(codes((await scanJson(['approved.txt'])).findings, 'UNAPPROVED_INDEX')).toEqual([]);
  });

  it("adds the local --allow-index to the service's allow-list", async () => {
    expect(codes((await scanJson(['unapproved.txt', '--allow-index', 'https://pypi.org/'])).findings, 'UNAPPROVED_INDEX')).toEqual([]);
    // The service's entry still counts alongside the local one.
    expect(codes((await scanJson(['approved.txt', '--allow-index', 'https://pypi.org/'])).findings, 'UNAPPROVED_INDEX')).toEqual([]);
  });

  it('with --no-server-policy fetches the release only: no server allow-list, no server advisories', async () => {
    const unapproved = await scanJson(['unapproved.txt', '--no-server-policy']);
    expect(unapproved.code).toBe(0);
    expect(codes(unapproved.findings, 'UNAPPROVED_INDEX')).toEqual([]);
    expect(codes((await scanJson(['vulnerable.txt', '--no-server-policy'])).findings, 'VULNERABLE')).toEqual([]);
    // Local options still apply.
    expect(codes((await scanJson(['vulnerable.txt', '--no-server-policy', '--advisories', 'local-advisories.json'])).findings, 'VULNERABLE')).toEqual([
      expect.objectContaining({ package: 'six' }),
    ]);
  });

  it("gives the same findings as the service's own scanFiles for the same files and runtime", async () => {
    const paths = ['requirements/prod.txt', 'requirements/base.txt', 'vulnerable.txt', 'unapproved.txt', 'withdrawn.txt'];
    const api = await service.gql<{ scanFiles: ScanReport }>(SCAN_FILES, { files: paths.map((path) => ({ path, content: FILES[path] })), runtime: '37.22.0' });
    expect(api.errors).toBeUndefined();
    const cli = await scanJson(paths);
    const comparable = (findings: CliFinding[]) => findings.map(({ code, line, package: pkg, file }) => ({ code, line, package: pkg, file }));
    const expected = comparable(api.data!.scanFiles.findings);
    for (const code of ['VULNERABLE', 'RUNTIME_VULNERABLE', 'UNAPPROVED_INDEX']) expect(expected.map((finding) => finding.code)).toContain(code);
    expect(comparable(cli.findings)).toEqual(expected);
  });

  it('exits 2 naming the server when it cannot be reached', async () => {
    const io = captureIo({}, files.dir);
    expect(await runCli(['scan', 'vulnerable.txt', '--runtime', '37.22.0', '--server', 'http://127.0.0.1:9'], io)).toBe(2);
    expect(io.err()).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/graphql/);
  });
});
