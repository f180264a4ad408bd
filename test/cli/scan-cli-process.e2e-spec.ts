/**
 * The CLI as users run it: a subprocess in a copy of a fresh checkout (no dist/), through the exact
 * documented commands: `npx pype-lifecycle scan ...` (which builds once, then runs in place) and
 * `npm run -s cli -- ...` (which does not rebuild). stdout carries only the report; every format
 * is checked by a parser: JSON parsed, SARIF against the SARIF 2.1.0 schema, CycloneDX against the
 * CycloneDX 1.6 schema, Markdown by Prettier's Markdown (remark) parser.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../src/requirements';
import { cycloneDxViolations } from '../setup/cyclonedx-schema';
import { sarifSchemaViolations } from '../setup/sarif-schema';
import { cleanCheckoutCopy } from './cli-support';

const OSV = [
  {
    id: 'GHSA-q2q7-5pp4-w6pg',
    aliases: ['CVE-2021-33503'],
    modified: '2022-08-10T20:20:00Z',
    summary: 'Catastrophic backtracking in URL authority parser',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
    affected: [{ package: { ecosystem: 'PyPI', name: 'urllib3' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.25.4' }, { fixed: '1.26.5' }] }] }],
  },
];

const ENV = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let checkout: ReturnType<typeof cleanCheckoutCopy>;
let project: string;

function run(command: string, args: string[], options: { cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: options.cwd ?? project, input: options.input, encoding: 'utf8', env: ENV, timeout: 300_000 });
}

const cli = (args: string[], options: { cwd?: string; input?: string } = {}) =>
  run(process.execPath, [join(checkout.dir, 'bin', 'pype-lifecycle.js'), ...args], options);

/** A node of the Markdown syntax tree (mdast) that Prettier's Markdown parser (remark) builds. */
interface MdNode {
  type: string;
  children?: MdNode[];
}

/** The tables of a Markdown document as a renderer sees them (Prettier's own parser: no extra package). */
async function tablesOf(markdown: string): Promise<MdNode[]> {
  const debug = (prettier as unknown as { __debug: { parse(text: string, options: object): Promise<{ ast: MdNode }> } }).__debug;
  const { ast } = await debug.parse(markdown, { parser: 'markdown' });
  const found: MdNode[] = [];
  const walk = (node: MdNode) => {
    if (node.type === 'table') found.push(node);
    node.children?.forEach(walk);
  };
  walk(ast);
  return found;
}

beforeAll(() => {
  checkout = cleanCheckoutCopy();
  project = join(checkout.dir, 'app');
  mkdirSync(join(project, 'requirements'), { recursive: true });
  writeFileSync(join(project, 'requirements.txt'), 'Django==2.2.4\nurllib3==1.26.4\ncelery>=4 | x\n');
  writeFileSync(join(project, 'requirements', 'base.txt'), 'six==1.16.0\n');
  writeFileSync(join(project, 'requirements', 'prod.txt'), '-r base.txt\ngunicorn==19.9.0\n');
  writeFileSync(join(project, 'osv.json'), JSON.stringify(OSV));
}, 60_000);

afterAll(() => checkout?.cleanup());

describe('a fresh checkout', () => {
  it('runs `npx pype-lifecycle scan requirements.txt`: builds once (on stderr), then only the report on stdout', () => {
    const first = run('npx', ['pype-lifecycle', 'scan', 'requirements/prod.txt']);
    expect(first.stderr).toContain('building the CLI');
    expect(first.stderr).not.toMatch(/ESTRICTALLOWSCRIPTS|npm error/);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('Scanned 2 requirements in 2 files: 0 errors, 0 warnings, 0 info.\n');

    const again = run('npx', ['pype-lifecycle', 'scan', 'requirements/prod.txt']);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(first.stdout);
  }, 300_000);

  it('`npm run -s cli -- scan --format json` writes only JSON and does not rebuild', () => {
    const result = run('npm', ['run', '-s', 'cli', '--', 'scan', 'requirements.txt', '--format', 'json', '--advisories', 'osv.json', '--fail-on', 'never']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.tool).toEqual({ name: 'pype-lifecycle', version: JSON.parse(readFileSync(join(checkout.dir, 'package.json'), 'utf8')).version });
  }, 120_000);

  it('reads paths relative to the directory it runs in, also from a subdirectory of the project', () => {
    const result = run('npx', ['pype-lifecycle', 'scan', 'prod.txt'], { cwd: join(project, 'requirements') });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Scanned 2 requirements in 2 files: 0 errors, 0 warnings, 0 info.\n');
  }, 120_000);
});

describe('formats (the built CLI as a subprocess)', () => {
  it('json: each vulnerability as fields (id, aliases, package, version, fixed versions, score)', () => {
    const result = cli(['scan', 'requirements.txt', '--format', 'json', '--advisories', 'osv.json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    const vulnerable = report.findings.find((finding: { code: string }) => finding.code === 'VULNERABLE');
    expect(vulnerable).toMatchObject({
      file: 'requirements.txt',
      line: 2,
      package: 'urllib3',
      vulnerability: {
        id: 'GHSA-q2q7-5pp4-w6pg',
        aliases: ['CVE-2021-33503'],
        package: 'urllib3',
        version: '1.26.4',
        fixedVersions: ['1.26.5'],
        cvssScore: 7.5,
        severity: 'HIGH',
      },
    });
    expect(report.suppressed).toEqual({ count: 0, findings: [] });
    expect(report.summary.ERROR).toBe(report.findings.filter((finding: { severity: string }) => finding.severity === 'ERROR').length);
  });

  it('sarif: valid SARIF 2.1.0; rules carry security-severity and tags; results carry the vulnerability', () => {
    const result = cli(['scan', 'requirements.txt', '--format', 'sarif', '--advisories', 'osv.json', '-o', 'out.sarif']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(join(project, 'out.sarif'), 'utf8'));
    expect(sarifSchemaViolations(sarif)).toEqual([]);
    const { rules } = sarif.runs[0].tool.driver;
    expect(rules.map((rule: { id: string }) => rule.id)).toEqual(FINDING_CODES.map((info) => info.code));
    for (const rule of rules) {
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(rule.properties.tags).toContain('dependencies');
    }
    expect(rules.find((rule: { id: string }) => rule.id === 'VULNERABLE').properties.tags).toEqual(expect.arrayContaining(['security', 'vulnerability']));
    const vulnerable = sarif.runs[0].results.find((entry: { ruleId: string }) => entry.ruleId === 'VULNERABLE');
    expect(vulnerable.properties).toMatchObject({
      package: 'urllib3',
      'security-severity': '7.5',
      vulnerability: { id: 'GHSA-q2q7-5pp4-w6pg', aliases: ['CVE-2021-33503'], fixedVersions: ['1.26.5'] },
    });
    expect(vulnerable.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'requirements.txt', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2 },
    });
  });

  it('markdown: a table with one row per finding, pipes in messages escaped', async () => {
    const result = cli(['scan', 'requirements.txt', '--format', 'markdown', '--advisories', 'osv.json']);
    const json = JSON.parse(cli(['scan', 'requirements.txt', '--format', 'json', '--advisories', 'osv.json']).stdout);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^## PyPE Lifecycle scan\n/);
    const [table] = await tablesOf(result.stdout);
    expect(table.children).toHaveLength(1 + json.findings.length);
    for (const row of table.children!) expect(row.children).toHaveLength(5);
  });

  it('cyclonedx: a CycloneDX 1.6 SBOM of what the files install, valid against the schema', () => {
    const result = cli(['scan', 'requirements.txt', 'requirements/prod.txt', '--format', 'cyclonedx', '--fail-on', 'never']);
    expect(result.status).toBe(0);
    const bom = JSON.parse(result.stdout);
    expect(cycloneDxViolations(bom)).toEqual([]);
    expect(bom).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { name: 'app' }, tools: { components: [{ name: 'pype-lifecycle' }] } },
    });
    const purls = bom.components.map((component: { purl?: string }) => component.purl).filter(Boolean);
    expect(purls).toEqual(expect.arrayContaining(['pkg:pypi/django@2.2.4', 'pkg:pypi/urllib3@1.26.4', 'pkg:pypi/six@1.16.0', 'pkg:pypi/gunicorn@19.9.0']));
  });

  it('reads standard input for -, and -r/--requirement files besides positional ones', () => {
    const piped = cli(['scan', '-', '-r', 'requirements/base.txt', '--requirement=requirements/prod.txt', '--format', 'json'], { input: 'celery>=4\n' });
    expect(piped.status).toBe(0);
    const report = JSON.parse(piped.stdout);
    expect(report.files.map((file: { path: string }) => file.path)).toEqual(['<stdin>', 'requirements/base.txt', 'requirements/prod.txt']);
    expect(report.findings.map((finding: { file: string; code: string }) => [finding.file, finding.code])).toEqual([['<stdin>', 'UNPINNED']]);
  });
});

describe('commands, help and errors', () => {
  it('--version and version print the package version', () => {
    const { version } = JSON.parse(readFileSync(join(checkout.dir, 'package.json'), 'utf8'));
    for (const args of [['--version'], ['version'], ['scan', '--version']]) {
      const result = cli(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`pype-lifecycle ${version}\n`);
    }
  });

  it('answers --help for every command, and `help` lists every command and every scan option', () => {
    const overview = cli(['help']);
    expect(overview.status).toBe(0);
    const commands = [...overview.stdout.matchAll(/^ {2}([a-z][a-z:-]+)\b/gm)].map((match) => match[1]);
    expect(commands).toEqual(expect.arrayContaining(['scan', 'user:create', 'token:create', 'advisories:import', 'inventory:import', 'help', 'version']));
    for (const command of commands) {
      const result = cli([command, '--help']);
      expect(result.status, command).toBe(0);
      expect(result.stdout, command).toContain(`Usage: pype-lifecycle ${command}`);
    }
    const source = readFileSync(join(checkout.dir, 'src', 'cli', 'scan', 'arguments.ts'), 'utf8');
    const flags = new Set([...source.matchAll(/'(--[a-z-]+|-[a-zA-Z])'/g)].map((match) => match[1]).filter((flag) => flag !== '--'));
    expect(flags.size).toBeGreaterThan(10);
    for (const flag of flags) expect(overview.stdout, flag).toMatch(new RegExp(`(^|[\\s,])${flag}[\\s,=]`, 'm'));
  });

  it('answers a mistyped command with "unknown command", a suggestion and the list, exit code 2', () => {
    const result = cli(['scna', 'requirements.txt']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("unknown command 'scna'. Did you mean 'scan'?");
    expect(result.stderr).toMatch(/Commands: scan, user:create, .*inventory:import, .*help, version/);
  });

  it('exits 2 on an unknown option, naming it, with nothing on stdout', () => {
    const result = cli(['scan', 'requirements.txt', '--formt', 'json']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown option --formt');
  });
});
