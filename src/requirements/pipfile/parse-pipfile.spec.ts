import { describe, expect, it } from 'vitest';
import { parsePipfile } from './parse-pipfile';

const PIPFILE = `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[[source]]
url = "https://internal.example/simple"
verify_ssl = false
name = "internal"

[packages]
django = "==2.0.7"
requests = "*"
pywin32 = {version = "*", sys_platform = "== 'win32'"}
celery = {extras = ["redis"], version = ">=4.2", markers = "python_version >= '3.6'"}
auth = {git = "https://github.com/acme/auth.git", ref = "v2", editable = true}
bad = "1.0"

[dev-packages]
pytest = ">=3"

[docs]
sphinx = "==7.2.6"

[requires]
python_version = "3.6"
`;

describe('parsePipfile', () => {
  const parsed = parsePipfile('Pipfile', PIPFILE);

  it('reads packages, dev-packages and other categories with their lines', () => {
    expect(parsed.requirements.map((r) => [r.line, r.name, r.specifiers.map((c) => c.operator + c.version).join(','), r.marker, r.group])).toEqual([
      [12, 'django', '==2.0.7', null, null],
      [13, 'requests', '', null, null],
      [14, 'pywin32', '', 'sys_platform == "win32"', null],
      [15, 'celery', '>=4.2', 'python_version >= "3.6"', null],
      [16, 'auth', '', null, null],
      [20, 'pytest', '>=3', null, 'dev-packages'],
      [23, 'sphinx', '==7.2.6', null, 'docs'],
    ]);
    expect(parsed.requirements[4]).toMatchObject({ url: 'git+https://github.com/acme/auth.git@v2', editable: true, source: 'vcs' });
  });

  it('reports a version without operator on its line', () => {
    expect(parsed.observations.map((o) => [o.line, o.code, o.package])).toEqual([[17, 'PARSE_ERROR', 'bad']]);
  });

  it('reads [requires] as a Python requirement and sources with their TLS setting', () => {
    expect(parsed.pythonRequirements).toEqual([{ file: 'Pipfile', line: 26, specifiers: ['==3.6.*'], text: '3.6', origin: '[requires] python_version' }]);
    expect(parsed.sources.map((s) => [s.line, s.kind, s.url, s.verifySsl])).toEqual([
      [2, 'index-url', 'https://pypi.org/simple', true],
      [7, 'extra-index-url', 'https://internal.example/simple', false],
    ]);
  });

  it('prefers python_full_version', () => {
    const full = parsePipfile('Pipfile', '[requires]\npython_version = "3.6"\npython_full_version = "3.6.5"\n');
    expect(full.pythonRequirements.map((p) => p.specifiers)).toEqual([['==3.6.5']]);
  });
});
