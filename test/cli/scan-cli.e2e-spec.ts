/**
 * `scan FILE... --runtime VERSION --server URL` end to end: the CI command reads files from
 * disk, fetches the runtime from a real running service over HTTP and exits 0, 1 or 2 as the
 * issue specifies. Also the package bin (`bin/pype-lifecycle.js`) and its wiring.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { runCli } from '../../src/cli/main';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { sarifSchemaViolations } from '../setup/sarif-schema';
import { captureIo, workspace } from './cli-support';

const SUPPORTED_DAY = '2020-06-01T15:00:00Z';

describe('scan CLI against a running service', () => {
  let service: TestService;
  let files: ReturnType<typeof workspace>;

  beforeAll(async () => {
    // A day on which 37.22.0 is SUPPORTED, so that the exit codes below come from the files alone.
    service = await startTestService({ now: SUPPORTED_DAY });
    await seedCatalog(service.dataSource, service.clock.now());
    files = workspace({
      'requirements/prod.txt': '-r base.txt\ngunicorn==19.9.0\n',
      'requirements/base.txt': 'Django==2.2.0\nrequests==2.21.0\n',
      'override.txt': 'Django>=3.0,<3.1\n', // WARNING: RUNTIME_OVERRIDE (and UNPINNED)
      'downgrade.txt': 'Django==1.11.29\n', // ERROR: RUNTIME_DOWNGRADE
      'clean.txt': 'six==1.16.0\n',
      'pyproject.toml': '[project]\nname = "portal"\nrequires-python = ">=3.8"\ndependencies = ["six==1.16.0"]\n',
    });
    await service.gql(
      `mutation($input: CreateReleaseDraftInput!) { createReleaseDraft(input: $input) { version } }`,
      {
        input: {
          version: '38.30.0',
          pythonVersion: '3.8.2',
          track: 'LTS',
          generalAvailability: '2027-04-01',
          endOfSupport: '2030-03-31',
          packages: [{ name: 'Django', version: '3.0.5' }],
        },
      },
      BOOTSTRAP_TOKEN,
    );
  });
  afterAll(async () => {
    files.cleanup();
    await service.close();
  });

  const scan = async (args: string[], env: Record<string, string> = {}) => {
    const io = captureIo(env, files.dir);
    const code = await runCli(['scan', ...args], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('fetches the runtime from the server and follows -r includes on disk (json output)', async () => {
    const result = await scan(['requirements/prod.txt', '--runtime', '37.22.0', '--server', service.url, '--format', 'json']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.runtime).toEqual({ version: '37.22.0', pythonVersion: '3.7.3' });
    expect(report.requirements.map((requirement: { name: string; file: string }) => [requirement.file, requirement.name])).toEqual([
      ['requirements/prod.txt', 'gunicorn'],
      ['requirements/base.txt', 'django'],
      ['requirements/base.txt', 'requests'],
    ]);
    expect(report.findings).toEqual([]);
  });

  it('gives the same findings as the API for the same file and runtime', async () => {
    const content = 'Django>=3.0,<3.1\n';
    const api = await service.gql(
      `query($c: String!) { scanRequirements(content: $c, filename: "override.txt", runtime: "37.22.0") { findings { code line package severity } } }`,
      { c: content },
    );
    const cli = JSON.parse((await scan(['override.txt', '--runtime', '37.22.0', '--server', service.url, '--format', 'json', '--fail-on', 'never'])).out);
    expect(
      cli.findings.map((finding: Record<string, unknown>) => ({
        code: finding.code,
        line: finding.line,
        package: finding.package,
        severity: finding.severity,
      })),
    ).toEqual(api.data!.scanRequirements.findings);
  });

  describe("the runtime's own lifecycle, on the service's day", () => {
    afterAll(() => service.clock.set(SUPPORTED_DAY));

    it.each([
      ['2019-03-01T15:00:00Z', 'RUNTIME_ANTICIPATED', 'INFO', 0, 'Runtime 37.22.0 is not generally available yet: it is available from 2019-04-01'],
      ['2021-09-01T15:00:00Z', 'RUNTIME_DEPRECATED', 'WARNING', 0, 'Runtime 37.22.0 is deprecated: support ends on 2022-03-31, in 211 days'],
      [
        '2026-11-22T15:00:00Z',
        'RUNTIME_END_OF_LIFE',
        'ERROR',
        1,
        'Runtime 37.22.0 reached its end of life on 2022-03-31 (1697 days ago); it gets no more fixes',
      ],
    ])('on %s: %s (%s), exit code %i, the same as the API says', async (now, code, severity, exitCode, message) => {
      service.clock.set(now);
      const result = await scan(['clean.txt', '--runtime', '37.22.0', '--server', service.url, '--format', 'json']);
      expect(result.code).toBe(exitCode);
      const report = JSON.parse(result.out);
      expect(report.findings).toEqual([expect.objectContaining({ code, severity, message, file: null, line: null, package: null })]);
      const api = await service.gql(`query { scanRequirements(content: "six==1.16.0\\n", runtime: "37.22.0") { findings { code severity message hint } } }`);
      expect(api.data!.scanRequirements.findings).toEqual([{ code, severity, message, hint: report.findings[0].hint }]);
    });
  });

  describe('exit codes', () => {
    it('exits 0 when nothing reaches --fail-on (default error), 1 when something does', async () => {
      expect((await scan(['override.txt', '--runtime', '37.22.0', '--server', service.url])).code).toBe(0);
      expect((await scan(['override.txt', '--runtime', '37.22.0', '--server', service.url, '--fail-on', 'warning'])).code).toBe(1);
      const downgrade = await scan(['downgrade.txt', '--runtime', '37.22.0', '--server', service.url]);
      expect(downgrade.code).toBe(1);
      expect(downgrade.out).toContain('RUNTIME_DOWNGRADE');
      expect(downgrade.out).toContain('downgrade.txt:1');
      expect((await scan(['downgrade.txt', '--runtime', '37.22.0', '--server', service.url, '--fail-on', 'never'])).code).toBe(0);
      expect((await scan(['clean.txt', '--runtime', '37.22.0', '--server', service.url, '--fail-on', 'warning'])).code).toBe(0);
    });

    it('reads the server from PYPE_LIFECYCLE_URL', async () => {
      const result = await scan(['pyproject.toml', '--runtime', '37.22.0'], { PYPE_LIFECYCLE_URL: service.url });
      expect(result.code).toBe(1);
      expect(result.out).toContain('PYTHON_INCOMPATIBLE');
    });

    it('exits 2 for a runtime the server does not have, naming it', async () => {
      const result = await scan(['clean.txt', '--runtime', '99.1.0', '--server', service.url]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('99.1.0');
      expect(result.out).toBe('');
    });

    it('exits 2 when the server cannot be reached', async () => {
      const result = await scan(['clean.txt', '--runtime', '37.22.0', '--server', 'http://127.0.0.1:9']);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/graphql/);
    });

    it('exits 2 for a missing file and for bad usage', async () => {
      expect((await scan(['missing.txt'])).code).toBe(2);
      expect((await scan(['clean.txt', '--format', 'xml'])).code).toBe(2);
      expect((await scan([])).code).toBe(2);
    });

    it('works offline when no runtime is asked for', async () => {
      const result = await scan(['downgrade.txt', '--server', 'http://127.0.0.1:9']);
      expect(result.code).toBe(0); // Django==1.11.29 is pinned and fine without a runtime
    });
  });

  it('scans against a draft runtime with an admin token only', async () => {
    const admin = await service.tokenFor([Role.ADMIN]);
    const withToken = await scan(['clean.txt', '--runtime', '38.30.0', '--server', service.url, '--token', admin]);
    expect(withToken.code).toBe(0);
    const fromEnv = await scan(['downgrade.txt', '--runtime', '38.30.0', '--server', service.url], { PYPE_LIFECYCLE_TOKEN: admin });
    expect(fromEnv.code).toBe(1);
    const anonymous = await scan(['clean.txt', '--runtime', '38.30.0', '--server', service.url]);
    expect(anonymous.code).toBe(2);
    expect(anonymous.err).toContain('38.30.0');
  });

  it('writes SARIF 2.1.0 with rule metadata for every code and results at file and line', async () => {
    const result = await scan(['downgrade.txt', 'override.txt', '--runtime', '37.22.0', '--server', service.url, '--format', 'sarif']);
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const run = sarif.runs[0];
    const codes = ((await service.gql(`{ findingCodes { code } }`)).data!.findingCodes as { code: string }[]).map((entry) => entry.code);
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(codes);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    const downgrade = run.results.find((entry: { ruleId: string }) => entry.ruleId === 'RUNTIME_DOWNGRADE');
    expect(downgrade).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'downgrade.txt', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }],
    });
    expect(run.tool.driver.rules[downgrade.ruleIndex].id).toBe('RUNTIME_DOWNGRADE');
    expect(run.properties).toEqual({ runtime: '37.22.0', pythonVersion: '3.7.3' });
    expect(sarifSchemaViolations(sarif)).toEqual([]);
  });
});

describe('bin/pype-lifecycle.js', () => {
  const BIN = join(__dirname, '..', '..', 'bin', 'pype-lifecycle.js');
  let layout: ReturnType<typeof workspace>;

  beforeAll(() => {
    layout = workspace({});
    mkdirSync(join(layout.dir, 'bin'));
    copyFileSync(BIN, join(layout.dir, 'bin', 'pype-lifecycle.js'));
  });
  afterAll(() => layout.cleanup());

  const runBin = (args: string[]) =>
    spawnSync(process.execPath, [join(layout.dir, 'bin', 'pype-lifecycle.js'), ...args], { cwd: layout.dir, encoding: 'utf8' });

  it('explains what to run when dist/ is missing and it cannot build (no TypeScript installed), with exit code 2', () => {
    const result = runBin(['scan', 'requirements.txt']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the CLI is not built and TypeScript is not installed');
    expect(result.stderr).toContain('npm ci');
    expect(result.stdout).toBe('');
  });

  it("runs the compiled CLI's runCli with the arguments, working directory and environment, and exits with its code", () => {
    mkdirSync(join(layout.dir, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(
      join(layout.dir, 'dist', 'src', 'cli', 'main.js'),
      `exports.runCli = async (argv, io) => { io.stdout.write(JSON.stringify({ argv, cwd: io.cwd, marker: io.env.PYPE_MARKER }) + '\\n'); return 3; };`,
    );
    const result = spawnSync(process.execPath, [join(layout.dir, 'bin', 'pype-lifecycle.js'), 'scan', 'a b.txt', '--runtime', '37.22.0'], {
      cwd: layout.dir,
      encoding: 'utf8',
      env: { ...process.env, PYPE_MARKER: 'yes' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({ argv: ['scan', 'a b.txt', '--runtime', '37.22.0'], cwd: layout.dir, marker: 'yes' });
  });

  it('is executable with a node shebang', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });
});
