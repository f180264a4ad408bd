import { describe, expect, it } from 'vitest';
import { scanFile } from '../scan/scan';
import { detectFormat } from '../scan/detect-format';
import { parsePylock } from './parse-pylock';
import { parseUvLock } from './parse-uv-lock';

const PYLOCK = `lock-version = "1.0"
requires-python = ">=3.8"
created-by = "pip"

[[packages]]
name = "Django"
version = "2.2.4"
index = "https://pypi.org/simple"

[[packages.wheels]]
name = "Django-2.2.4-py3-none-any.whl"
url = "https://files.pythonhosted.org/packages/d/django/Django-2.2.4-py3-none-any.whl"
hashes = { sha256 = "aaaa" }

[packages.sdist]
name = "Django-2.2.4.tar.gz"
hashes = { sha256 = "bbbb" }

[[packages]]
name = "dataclasses"
version = "0.8"
marker = "python_version < '3.7'"

[[packages]]
name = "lib"
[packages.vcs]
type = "git"
url = "https://github.com/org/lib.git"
commit-id = "0f3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"

[[packages]]
name = "tools"
directory = { path = "./libs/tools", editable = true }

[[packages]]
name = "broken"
`;

const UV_LOCK = `version = 1
revision = 2
requires-python = ">=3.12"

[[package]]
name = "portal"
version = "0.1.0"
source = { editable = "." }

[[package]]
name = "requests"
version = "2.19.1"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.pythonhosted.org/requests-2.19.1.tar.gz", hash = "sha256:cccc", size = 1 }
wheels = [
    { url = "https://files.pythonhosted.org/requests-2.19.1-py2.py3-none-any.whl", hash = "sha256:dddd", size = 2 },
]

[[package]]
name = "lib"
version = "1.0"
source = { git = "https://github.com/org/lib.git?rev=main#0f3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b" }
`;

describe('pylock.toml (PEP 751)', () => {
  it('reads every package as an exact pin with marker, hashes and source, on its [[packages]] line', () => {
    const parsed = parsePylock('pylock.toml', PYLOCK);
    expect(
      parsed.requirements.map((requirement) => [
        requirement.line,
        requirement.name,
        requirement.specifiers,
        requirement.marker,
        requirement.url,
        requirement.editable,
        requirement.hashes,
      ]),
    ).toEqual([
      [5, 'django', [{ operator: '==', version: '2.2.4' }], null, null, false, ['sha256:aaaa', 'sha256:bbbb']],
      [19, 'dataclasses', [{ operator: '==', version: '0.8' }], 'python_version < "3.7"', null, false, []],
      [24, 'lib', [], null, 'git+https://github.com/org/lib.git@0f3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b', false, []],
      [31, 'tools', [], null, './libs/tools', true, []],
    ]);
    expect(parsed.observations).toEqual([
      expect.objectContaining({ code: 'PARSE_ERROR', line: 35, message: 'broken: a locked package needs a version, or a vcs, directory or archive source' }),
    ]);
    expect(parsed.pythonRequirements).toEqual([expect.objectContaining({ line: 2, specifiers: ['>=3.8'] })]);
    expect(parsed.sources).toEqual([{ file: 'pylock.toml', line: 5, kind: 'index-url', url: 'https://pypi.org/simple', verifySsl: true }]);
  });

  it('scans as a lock file: runtime checks on its lines, the marker honoured, no UNPINNED', () => {
    const report = scanFile('pylock.toml', PYLOCK, {
      runtime: { version: '37.21.0', pythonVersion: '3.7', packages: [{ name: 'Django', version: '2.1.1' }] },
    });
    expect(report.files).toEqual([{ path: 'pylock.toml', format: 'pylock' }]);
    const codes = report.findings.map((finding) => [finding.line, finding.code]);
    expect(codes).toContainEqual([5, 'RUNTIME_OVERRIDE']);
    expect(codes).toContainEqual([19, 'MARKER_EXCLUDES_RUNTIME']);
    expect(codes).toContainEqual([2, 'PYTHON_INCOMPATIBLE']);
    expect(codes).toContainEqual([31, 'LOCAL_PATH']);
    expect(codes.filter(([, code]) => code === 'UNPINNED')).toEqual([]);
  });

  it('refuses a lock-version it does not know', () => {
    expect(parsePylock('pylock.toml', 'lock-version = "2.0"\n[[packages]]\nname = "x"\nversion = "1"\n').observations).toEqual([
      expect.objectContaining({ code: 'PARSE_ERROR', line: 1, message: expect.stringContaining('lock-version the string "2.0" is not supported') }),
    ]);
  });
});

describe('uv.lock', () => {
  it('reads the packages (not the project itself) with hashes, a git source at its locked commit', () => {
    const parsed = parseUvLock('uv.lock', UV_LOCK);
    expect(parsed.requirements.map((requirement) => [requirement.line, requirement.name, requirement.specifiers, requirement.url, requirement.hashes])).toEqual(
      [
        [10, 'requests', [{ operator: '==', version: '2.19.1' }], null, ['sha256:dddd', 'sha256:cccc']],
        [19, 'lib', [], 'git+https://github.com/org/lib.git@0f3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b', []],
      ],
    );
    expect(parsed.observations).toEqual([]);
  });
});

describe('file formats', () => {
  it.each([
    ['pylock.toml', 'pylock'],
    ['locks/pylock.prod.toml', 'pylock'],
    ['uv.lock', 'uv-lock'],
    ['Cargo.lock', 'unsupported'],
    ['package-lock.json', 'unsupported'],
    ['environment.yml', 'unsupported'],
    ['requirements.txt', 'pip'],
  ])('%s is read as %s', (path, format) => {
    expect(detectFormat(path, '')).toBe(format);
  });

  it('sniffs an unnamed pylock and uv.lock by their content', () => {
    expect(detectFormat('lockfile', PYLOCK)).toBe('pylock');
    expect(detectFormat('lockfile', UV_LOCK)).toBe('uv-lock');
  });

  it('answers an unknown format with ONE finding, not a PARSE_ERROR per line', () => {
    const report = scanFile('pdm.lock', '[metadata]\ngroups = ["default"]\n\n[[package]]\nname = "x"\nversion = "1"\n');
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'UNSUPPORTED_FILE',
        severity: 'ERROR',
        line: null,
        file: 'pdm.lock',
        message: expect.stringContaining('pdm.lock is not a format this scanner reads'),
      }),
    ]);
  });
});
