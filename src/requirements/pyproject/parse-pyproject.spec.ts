import { describe, expect, it } from 'vitest';
import { parsePyproject } from './parse-pyproject';

describe('parsePyproject', () => {
  it('reads PEP 621 dependencies, extras, dependency groups and requires-python with their lines', () => {
    const parsed = parsePyproject(
      'pyproject.toml',
      `\ufeff[project]
name = "demo"
requires-python = ">=3.8"
dependencies = [
  "requests[socks]>=2.31",
  "tomli; python_version < '3.11'",
]

[project.optional-dependencies]
test = ["pytest>=7"]

[dependency-groups]
lint = ["ruff==0.1.6", {include-group = "test"}]
`,
    );
    expect(parsed.requirements.map((r) => [r.line, r.name, r.group, r.marker])).toEqual([
      [5, 'requests', null, null],
      [6, 'tomli', null, 'python_version < "3.11"'],
      [10, 'pytest', 'optional:test', null],
      [13, 'ruff', 'group:lint', null],
    ]);
    expect(parsed.pythonRequirements).toEqual([{ file: 'pyproject.toml', line: 3, specifiers: ['>=3.8'], text: '>=3.8', origin: 'project.requires-python' }]);
  });

  it('translates Poetry tables (caret, python, markers, extras, git, path) and keeps their lines', () => {
    const parsed = parsePyproject(
      'pyproject.toml',
      `[tool.poetry.dependencies]
python = "^3.6"
django = "^2.0"
celery = { version = "^4.2", extras = ["redis"] }
dataclasses = { version = "^0.6", python = "~3.6" }
acme = { git = "git@github.com:acme/acme.git", tag = "v1" }
local = { path = "../local", develop = true }

[tool.poetry.group.dev.dependencies]
pytest = "*"
`,
    );
    expect(
      parsed.requirements.map((r) => [r.line, r.name, r.specifiers.map((c) => c.operator + c.version).join(','), r.marker, r.url, r.editable, r.group]),
    ).toEqual([
      [3, 'django', '>=2.0,<3.0', null, null, false, null],
      [4, 'celery', '>=4.2,<5.0', null, null, false, null],
      [5, 'dataclasses', '>=0.6,<0.7', 'python_version >= "3.6" and python_version < "3.7"', null, false, null],
      [6, 'acme', '', null, 'git+ssh://git@github.com/acme/acme.git@v1', false, null],
      [7, 'local', '', null, '../local', true, null],
      [10, 'pytest', '', null, null, false, 'group:dev'],
    ]);
    expect(parsed.pythonRequirements[0]).toMatchObject({ line: 2, specifiers: ['>=3.6,<4.0'], origin: 'tool.poetry.dependencies.python' });
  });

  it('reports bad entries on their own line and reads the rest', () => {
    const parsed = parsePyproject(
      'pyproject.toml',
      `[project]
dependencies = [
  "ok==1.0",
  "not valid!!",
  42,
]
[tool.poetry.dependencies]
broken = "^banana"
fine = "1.0"
`,
    );
    expect(parsed.observations.map((o) => [o.line, o.code])).toEqual([
      [4, 'PARSE_ERROR'],
      [5, 'PARSE_ERROR'],
      [8, 'PARSE_ERROR'],
    ]);
    expect(parsed.requirements.map((r) => r.name)).toEqual(['ok', 'fine']);
  });

  it('refuses a non-local file URL in a PEP 508 dependency, as pip does when it installs the project', () => {
    const parsed = parsePyproject('pyproject.toml', '[project]\ndependencies = [\n  "lib @ file://server/share/lib",\n  "local @ file:///srv/local",\n]\n');
    expect(parsed.observations.map((o) => [o.line, o.code, o.message])).toEqual([
      [
        3,
        'PARSE_ERROR',
        `Invalid requirement "lib @ file://server/share/lib": non-local file URIs are not supported on this platform: 'file://server/share/lib'`,
      ],
    ]);
    expect(parsed.requirements.map((r) => [r.name, r.source])).toEqual([['local', 'path']]);
  });

  it('turns a TOML syntax error into one PARSE_ERROR on the right line', () => {
    const parsed = parsePyproject('pyproject.toml', '[project]\nname = "x"\ndependencies = ["a",\n"b"\n');
    expect(parsed.observations).toHaveLength(1);
    expect(parsed.observations[0]).toMatchObject({ code: 'PARSE_ERROR', line: 5 });
    expect(parsed.observations[0].message).toMatch(/^Invalid TOML: /);
  });

  it('reads Poetry sources as index URLs', () => {
    const parsed = parsePyproject('pyproject.toml', '[[tool.poetry.source]]\nname = "internal"\nurl = "http://mirror/simple"\npriority = "primary"\n');
    expect(parsed.sources).toEqual([{ file: 'pyproject.toml', line: 3, kind: 'index-url', url: 'http://mirror/simple', verifySsl: true }]);
  });
});
