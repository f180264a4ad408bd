import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdvisoryIndex } from '../advisories/advisory-index';
import { parseOsvJson } from '../advisories/osv';
import type { Finding } from '../types';
import type { RuntimeRelease } from './checks/runtime-checks';
import { ScanInputError } from './input';
import { scan, scanFile } from './scan';

const RUNTIME: RuntimeRelease = {
  version: '37.21.0',
  pythonVersion: '3.7',
  packages: [
    { name: 'Django', version: '2.0.7' },
    { name: 'requests', version: '2.19.1' },
    { name: 'celery', version: '4.2.1' },
    { name: 'six', version: '1.11.0' },
    { name: 'attrs', version: '18.2.0rc1' },
  ],
};

const ADVISORIES = new AdvisoryIndex(parseOsvJson(readFileSync(join(__dirname, '../../../test/requirements/fixtures/osv/pypi-advisories.json'), 'utf8')));

function findings(content: string, options: Parameters<typeof scanFile>[2] = {}, path = 'requirements.txt'): Finding[] {
  return scanFile(path, content, options).findings;
}

function codes(content: string, options: Parameters<typeof scanFile>[2] = {}, path = 'requirements.txt'): Array<[number | null, string]> {
  return findings(content, options, path).map((finding) => [finding.line, finding.code]);
}

function withCode(content: string, code: string, options: Parameters<typeof scanFile>[2] = {}, path = 'requirements.txt'): Finding[] {
  return findings(content, options, path).filter((finding) => finding.code === code);
}

describe('scan: the two codes the product fixes', () => {
  it('PARSE_ERROR (ERROR) on each bad line, with the rest scanned', () => {
    const result = scanFile('requirements.txt', 'django==2.0.7\nnot a requirement\nsix==1.11.0\n--nope\n');
    expect(result.requirements.map((r) => r.name)).toEqual(['django', 'six']);
    expect(result.findings.filter((f) => f.code === 'PARSE_ERROR').map((f) => [f.line, f.severity])).toEqual([
      [2, 'ERROR'],
      [4, 'ERROR'],
    ]);
  });

  it('RUNTIME_OVERRIDE when the specifier excludes the bundled version and the marker holds', () => {
    const override = withCode('Django>=2.1\n', 'RUNTIME_OVERRIDE', { runtime: RUNTIME });
    expect(override).toHaveLength(1);
    expect(override[0]).toMatchObject({ line: 1, package: 'django', file: 'requirements.txt' });
    expect(override[0].message).toBe('Django >=2.1 excludes 2.0.7, the version bundled with runtime 37.21.0: pip installs another version over it');
  });

  it('no RUNTIME_OVERRIDE when the bundled version satisfies it (an installed pre-release counts)', () => {
    expect(withCode('Django>=2.0,<2.1\nrequests~=2.19\ncelery\nattrs>=18.1\n', 'RUNTIME_OVERRIDE', { runtime: RUNTIME })).toEqual([]);
  });

  it('no RUNTIME_OVERRIDE when the marker does not hold on the runtime (Python 3.7, Linux, CPython)', () => {
    const content = [
      'Django==1.11.15; python_version < "3"',
      'requests==2.25.0; sys_platform == "win32"',
      'six==1.16.0; platform_python_implementation == "PyPy"',
      'celery==5.0.0; python_version >= "3.7" and os_name == "posix"',
    ].join('\n');
    expect(withCode(content, 'RUNTIME_OVERRIDE', { runtime: RUNTIME }).map((f) => f.package)).toEqual(['celery']);
  });

  it('RUNTIME_REPLACED_BY_REFERENCE, not RUNTIME_OVERRIDE, for direct references of a bundled package (no specifier to exclude it)', () => {
    const content = 'django @ git+https://github.com/django/django.git@stable/2.1.x\n';
    expect(withCode(content, 'RUNTIME_OVERRIDE', { runtime: RUNTIME })).toEqual([]);
    expect(withCode(content, 'RUNTIME_REPLACED_BY_REFERENCE', { runtime: RUNTIME })).toHaveLength(1);
  });

  it('RUNTIME_OVERRIDE from a constraint only when something requires the package', () => {
    const result = scan({
      files: [
        { path: 'requirements.txt', content: '-c constraints.txt\ndjango\n' },
        { path: 'constraints.txt', content: 'django==1.11.15\nrequests==2.25.0\n' },
      ],
      runtime: RUNTIME,
    });
    expect(result.findings.filter((f) => f.code === 'RUNTIME_OVERRIDE').map((f) => [f.file, f.line, f.package])).toEqual([['constraints.txt', 1, 'django']]);
  });
});

describe('scan: runtime checks', () => {
  it('RUNTIME_DOWNGRADE when only older versions are allowed', () => {
    expect(codes('Django==1.11.15\n', { runtime: RUNTIME })).toEqual([
      [1, 'RUNTIME_DOWNGRADE'],
      [1, 'RUNTIME_OVERRIDE'],
    ]);
    expect(withCode('Django>=2.1\n', 'RUNTIME_DOWNGRADE', { runtime: RUNTIME })).toEqual([]);
  });

  it('no RUNTIME_DOWNGRADE when the bundled version is not PEP 440 (nothing is older or newer)', () => {
    const runtime = { ...RUNTIME, packages: [{ name: 'Django', version: '2.0.7-platform' }] };
    expect(codes('Django==2.0.7\n', { runtime })).toEqual([[1, 'RUNTIME_OVERRIDE']]);
  });

  it('PYTHON_INCOMPATIBLE for requires-python, Poetry python and Pipfile [requires]', () => {
    expect(codes('[project]\nname = "x"\nrequires-python = ">=3.8"\n', { runtime: RUNTIME }, 'pyproject.toml')).toEqual([[3, 'PYTHON_INCOMPATIBLE']]);
    expect(codes('[tool.poetry.dependencies]\npython = "~2.7 || ^3.8"\n', { runtime: RUNTIME }, 'pyproject.toml')).toEqual([[2, 'PYTHON_INCOMPATIBLE']]);
    expect(codes('[tool.poetry.dependencies]\npython = "~2.7 || ^3.6"\n', { runtime: RUNTIME }, 'pyproject.toml')).toEqual([]);
    expect(codes('[requires]\npython_version = "3.6"\n', { runtime: RUNTIME }, 'Pipfile')).toEqual([[2, 'PYTHON_INCOMPATIBLE']]);
    expect(codes('[requires]\npython_version = "3.7"\n', { runtime: RUNTIME }, 'Pipfile')).toEqual([]);
  });

  it('MARKER_EXCLUDES_RUNTIME (INFO) for requirements skipped on the runtime', () => {
    const [finding] = withCode('dataclasses==0.6; python_version < "3.7"\n', 'MARKER_EXCLUDES_RUNTIME', { runtime: RUNTIME });
    expect(finding).toMatchObject({ severity: 'INFO', line: 1, package: 'dataclasses' });
  });

  it('needs a valid Python version for the runtime', () => {
    expect(() => scanFile('r.txt', 'a==1', { runtime: { ...RUNTIME, pythonVersion: 'three' } })).toThrow(ScanInputError);
  });
});

describe('scan: static checks', () => {
  it('UNPINNED without == or ===, not for pins, constraints or direct references', () => {
    expect(codes('a>=1\nb==1.0\nc===1.0\nd==1.*\ne\n')).toEqual([
      [1, 'UNPINNED'],
      [4, 'UNPINNED'],
      [5, 'UNPINNED'],
    ]);
  });

  it('UNSATISFIABLE for impossible specifiers, alone or together with a duplicate or constraint', () => {
    expect(codes('urllib3>=2,<1.26\n')).toEqual([
      [1, 'UNSATISFIABLE'],
      [1, 'UNPINNED'],
    ]);
    const combined = scan({
      files: [
        { path: 'requirements.txt', content: '-c constraints.txt\nrequests>=2.20\n' },
        { path: 'constraints.txt', content: 'requests==2.19.1\n' },
      ],
    });
    expect(combined.findings.filter((f) => f.code === 'UNSATISFIABLE').map((f) => [f.file, f.line])).toEqual([['requirements.txt', 2]]);
  });

  it('DUPLICATE under the same marker only', () => {
    expect(
      codes('requests==2.19.1\nsix==1.11.0\nRequests>=2.0\nnumpy==1.15; python_version<"3.7"\nnumpy==1.19; python_version>="3.7"\n').filter(
        ([, code]) => code === 'DUPLICATE',
      ),
    ).toEqual([[3, 'DUPLICATE']]);
  });

  it('HASHES_INCOMPLETE when some requirements have --hash and others do not', () => {
    const result = codes('a==1.0 --hash=sha256:aaa\nb==2.0\nc>=1 --hash=sha256:ccc\n-e ./local\n');
    expect(result.filter(([, code]) => code === 'HASHES_INCOMPLETE')).toEqual([
      [2, 'HASHES_INCOMPLETE'],
      [3, 'HASHES_INCOMPLETE'],
      [4, 'HASHES_INCOMPLETE'],
    ]);
    expect(withCode('--require-hashes\na==1.0\n', 'HASHES_INCOMPLETE')[0].message).toContain('turned on by --require-hashes at requirements.txt line 1');
    expect(withCode('a==1.0\nb==2.0\n', 'HASHES_INCOMPLETE')).toEqual([]);
  });

  it('PARSE_ERROR on a non-local file URL, as pip refuses it; local ones are LOCAL_PATH', () => {
    expect(codes('requests==2.19.1\npkg @ file://.\nlib @ file:///srv/lib\n')).toEqual([
      [2, 'PARSE_ERROR'],
      [3, 'LOCAL_PATH'],
    ]);
  });

  it('HASHES_INCOMPLETE skips lines whose marker is false on the runtime, as pip drops them before checking hashes', () => {
    const content = 'a==1.0 --hash=sha256:aaa\ndataclasses==0.8; python_version < "3.7"\nb==2.0; python_version >= "3.7"\n';
    // On Python 3.7 pip ignores line 2 ("markers don't match your environment") and refuses line 3.
    expect(withCode(content, 'HASHES_INCOMPLETE', { runtime: RUNTIME }).map((finding) => finding.line)).toEqual([3]);
    // Without a runtime both may be installed somewhere, so both are reported.
    expect(withCode(content, 'HASHES_INCOMPLETE').map((finding) => finding.line)).toEqual([2, 3]);
    // A hashed line turns hash-checking mode on even when its own marker is false (pip checks
    // `has_hash_options` on every parsed requirement before it evaluates markers).
    const excludedTrigger = 'a==1.0 --hash=sha256:aaa; python_version < "3.7"\nb==2.0\n';
    expect(withCode(excludedTrigger, 'HASHES_INCOMPLETE', { runtime: RUNTIME }).map((finding) => finding.line)).toEqual([2]);
  });

  it('HASHES_INCOMPLETE: a constraint with --hash turns hash-checking mode on, as in pip', () => {
    const result = scan({
      files: [
        { path: 'requirements.txt', content: '-c constraints.txt\nrequests==2.19.1\n' },
        { path: 'constraints.txt', content: 'requests==2.19.1 --hash=sha256:abc\n' },
      ],
    });
    expect(result.findings.filter((f) => f.code === 'HASHES_INCOMPLETE').map((f) => [f.file, f.line])).toEqual([['requirements.txt', 2]]);
  });

  it('DUPLICATE across an include points back to the line pip read first', () => {
    const result = scan({
      files: [
        { path: 'prod.txt', content: '# production\n-r base.txt\ngunicorn==19.9.0\n\n\n\n\nDjango==2.0.7\n' },
        { path: 'base.txt', content: 'six==1.11.0\nrequests==2.19.1\n\ndjango==2.0.7\n' },
      ],
    });
    const duplicates = result.findings.filter((f) => f.code === 'DUPLICATE');
    expect(duplicates.map((f) => [f.file, f.line])).toEqual([['prod.txt', 8]]);
    expect(duplicates[0].message).toBe('Django is already required at base.txt line 4');
  });

  it('DUPLICATE: a line before the include is the first one read', () => {
    const result = scan({
      files: [
        { path: 'prod.txt', content: 'django==2.0.7\n-r base.txt\n' },
        { path: 'base.txt', content: 'Django==2.0.7\n' },
      ],
    });
    expect(result.findings.filter((f) => f.code === 'DUPLICATE').map((f) => [f.file, f.line, f.message])).toEqual([
      ['base.txt', 1, 'Django is already required at prod.txt line 1'],
    ]);
  });

  it('UNAPPROVED_INDEX against the allow-list, ignoring credentials and case of the host', () => {
    const content = '--index-url https://ci:${TOKEN}@PyPI.Internal.example/simple\n--extra-index-url https://pypi.org/simple\n-f ./wheels\n';
    const policy = { allowedIndexUrls: ['https://pypi.internal.example/'] };
    expect(codes(content, { policy })).toEqual([
      [1, 'ENV_VAR_UNDEFINED'],
      [2, 'UNAPPROVED_INDEX'],
    ]);
    expect(withCode(content, 'UNAPPROVED_INDEX')).toEqual([]);
  });

  it('INSECURE_INDEX, TRUSTED_HOST and INSECURE_URL for plain HTTP and switched-off TLS', () => {
    expect(codes('-i http://mirror.local/simple\n--trusted-host mirror.local\nlib @ http://files.example/lib-1.0.tar.gz#sha256=ab\n')).toEqual([
      [1, 'INSECURE_INDEX'],
      [2, 'TRUSTED_HOST'],
      [3, 'INSECURE_URL'],
    ]);
    expect(codes('[[source]]\nurl = "https://x/simple"\nverify_ssl = false\nname = "x"\n', {}, 'Pipfile')).toEqual([[2, 'INSECURE_INDEX']]);
  });

  it('UNPINNED_DIRECT_REFERENCE for moving VCS revisions and unhashed URLs', () => {
    const sha = '0f3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b';
    const content = [
      'lib @ git+https://github.com/org/lib.git@main',
      `lib2 @ git+https://github.com/org/lib2.git@${sha}`,
      'lib3 @ https://files.example/lib3-1.0.tar.gz',
      'lib4 @ https://files.example/lib4-1.0.tar.gz#sha256=abc',
      'lib5 @ https://files.example/lib5-1.0.tar.gz --hash=sha256:abc',
    ].join('\n');
    expect(withCode(content, 'UNPINNED_DIRECT_REFERENCE').map((f) => f.line)).toEqual([1, 3]);
  });

  it('EDITABLE, LOCAL_PATH and UNNAMED_REQUIREMENT', () => {
    expect(codes('-e ./libs/core\nhttps://files.example/archive.zip#sha256=ab\n')).toEqual([
      [1, 'EDITABLE'],
      [1, 'LOCAL_PATH'],
      [1, 'UNNAMED_REQUIREMENT'],
      [2, 'UNNAMED_REQUIREMENT'],
    ]);
  });

  it('INCLUDE_NOT_FOUND and INCLUDE_CYCLE', () => {
    const result = scan({
      files: [
        { path: 'a.txt', content: '-r b.txt\n-r missing.txt\n' },
        { path: 'b.txt', content: '-r a.txt\n' },
      ],
    });
    expect(result.findings.map((f) => [f.file, f.line, f.code])).toEqual([
      ['a.txt', 2, 'INCLUDE_NOT_FOUND'],
      ['b.txt', 1, 'INCLUDE_CYCLE'],
    ]);
  });

  it('PRERELEASE_PIN and IGNORED_OPTION', () => {
    expect(codes('django==2.1rc1\nsix==1.11.0 --pre\n')).toEqual([
      [1, 'PRERELEASE_PIN'],
      [2, 'IGNORED_OPTION'],
    ]);
  });
});

describe('scan: vulnerabilities', () => {
  it('VULNERABLE for a pinned version an advisory affects, naming id, severity and fix', () => {
    const [finding] = withCode('Django==2.0.7\nurllib3>=1.25\n', 'VULNERABLE', { advisories: ADVISORIES });
    expect(finding).toMatchObject({ line: 1, package: 'django', severity: 'ERROR', hint: 'Upgrade to 2.0.8 or later (see GHSA-6rr2-2v3q-mh48).' });
    expect(finding.message).toBe(
      'Django 2.0.7 is affected by GHSA-6rr2-2v3q-mh48 (MODERATE): Open redirect in django.middleware.common.CommonMiddleware. Fixed in 2.0.8.',
    );
  });

  it('also for wheel file names and constraints, and accepts a plain advisory list', () => {
    const result = scan({
      files: [
        { path: 'requirements.txt', content: '-c constraints.txt\nhttps://h/PyYAML-5.1.1-cp37-cp37m-linux_x86_64.whl\n' },
        { path: 'constraints.txt', content: 'urllib3==1.26.4\n' },
      ],
      advisories: parseOsvJson(readFileSync(join(__dirname, '../../../test/requirements/fixtures/osv/pypi-advisories.json'), 'utf8')),
    });
    expect(result.findings.filter((f) => f.code === 'VULNERABLE').map((f) => [f.file, f.package])).toEqual([
      ['requirements.txt', 'pyyaml'],
      ['constraints.txt', 'urllib3'],
    ]);
  });

  it('RUNTIME_VULNERABLE for bundled versions the files keep, not for ones they replace', () => {
    const kept = scanFile('requirements.txt', 'Django>=2.0\n', { runtime: RUNTIME, advisories: ADVISORIES }).findings.filter(
      (f) => f.code === 'RUNTIME_VULNERABLE',
    );
    expect(kept.map((f) => [f.line, f.package])).toEqual([
      [1, 'django'],
      [null, 'requests'],
    ]);
    const replaced = scanFile('requirements.txt', 'Django==2.0.8\nrequests==2.31.0\n', { runtime: RUNTIME, advisories: ADVISORIES }).findings;
    expect(replaced.filter((f) => f.code === 'RUNTIME_VULNERABLE')).toEqual([]);
  });
});

describe('scan: lock files', () => {
  it('checks every locked pin of poetry.lock and Pipfile.lock against the runtime and advisories', () => {
    const locks = join(__dirname, '../../../test/requirements/fixtures/locks');
    const result = scan({
      files: [
        { path: 'poetry.lock', content: readFileSync(join(locks, 'poetry.lock'), 'utf8') },
        { path: 'Pipfile.lock', content: readFileSync(join(locks, 'Pipfile.lock'), 'utf8') },
      ],
      runtime: RUNTIME,
      advisories: ADVISORIES,
    });
    expect(result.files.map((f) => f.format)).toEqual(['poetry-lock', 'pipfile-lock']);
    expect(result.findings.map((f) => [f.file, f.line, f.code, f.package])).toEqual([
      ['poetry.lock', 20, 'RUNTIME_OVERRIDE', 'django'],
      ['Pipfile.lock', 19, 'VULNERABLE', 'django'],
      ['Pipfile.lock', 33, 'EDITABLE', 'acme-auth'],
      ['Pipfile.lock', 38, 'MARKER_EXCLUDES_RUNTIME', 'pywin32'],
      [null, null, 'RUNTIME_VULNERABLE', 'requests'],
    ]);
  });
});

describe('scan: shape of the report', () => {
  it('orders findings by file as given, line, severity and code, without repeats', () => {
    const result = scan({
      files: [
        { path: 'b.txt', content: 'x>=1\ny>=2,<1\n' },
        { path: 'a.txt', content: '-r b.txt\nbroken line\n' },
      ],
      runtime: RUNTIME,
      advisories: ADVISORIES,
    });
    expect(result.findings.map((f) => [f.file, f.line, f.code])).toEqual([
      ['b.txt', 1, 'UNPINNED'],
      ['b.txt', 2, 'UNSATISFIABLE'],
      ['b.txt', 2, 'UNPINNED'],
      ['a.txt', 2, 'PARSE_ERROR'],
      [null, null, 'RUNTIME_VULNERABLE'],
      [null, null, 'RUNTIME_VULNERABLE'],
    ]);
    expect(result.findings.slice(-2).map((f) => f.package)).toEqual(['django', 'requests']);
    expect(
      scan({
        files: [
          { path: 'b.txt', content: 'x>=1\ny>=2,<1\n' },
          { path: 'a.txt', content: '-r b.txt\nbroken line\n' },
        ],
        runtime: RUNTIME,
        advisories: ADVISORIES,
      }),
    ).toEqual(result);
  });

  it('marks requirements read through -c as constraints and lists the files with their format', () => {
    const result = scan({
      files: [
        { path: 'requirements.txt', content: '-c constraints.txt\nrequests\n' },
        { path: 'constraints.txt', content: 'requests==2.19.1\n' },
        { path: 'pyproject.toml', content: '[project]\ndependencies = ["six"]\n' },
      ],
    });
    expect(result.requirements.map((r) => [r.file, r.name, r.constraint, r.format])).toEqual([
      ['requirements.txt', 'requests', false, 'pip'],
      ['constraints.txt', 'requests', true, 'pip'],
      ['pyproject.toml', 'six', false, 'pyproject'],
    ]);
    expect(result.files).toEqual([
      { path: 'requirements.txt', format: 'pip' },
      { path: 'constraints.txt', format: 'pip' },
      { path: 'pyproject.toml', format: 'pyproject' },
    ]);
  });

  it('gives every finding a catalogue severity and a hint', () => {
    for (const finding of findings('Django>=2.1\n-e .\n--trusted-host x\nbroken line\n', { runtime: RUNTIME })) {
      expect(['ERROR', 'WARNING', 'INFO']).toContain(finding.severity);
      expect(finding.hint).toBeTruthy();
    }
  });

  it('scans 100 000 lines completely (the time it takes is measured by `npm run bench -- requirements`)', () => {
    const content = Array.from(
      { length: 100_000 },
      (_, i) => `package-${i}==${i % 50}.${i % 7}.${i % 3}${i % 9 === 0 ? ' ; python_version >= "3.6"' : ''}`,
    ).join('\n');
    const report = scanFile('requirements.txt', content, { runtime: RUNTIME, maxBytes: 32 * 1024 * 1024 });
    expect(report.requirements).toHaveLength(100_000);
    expect(report.findings.filter((finding) => finding.code === 'PARSE_ERROR')).toEqual([]);
  });
});
