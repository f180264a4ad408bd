import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePipfileLock } from './parse-pipfile-lock';

const LOCK = readFileSync(join(__dirname, '../../../test/requirements/fixtures/locks/Pipfile.lock'), 'utf8');

describe('parsePipfileLock', () => {
  const parsed = parsePipfileLock('Pipfile.lock', LOCK);

  it('reads default and develop pins with hashes, markers and git refs on their key lines', () => {
    expect(
      parsed.requirements.map((r) => [r.line, r.name, r.specifiers.map((c) => c.operator + c.version).join(','), r.marker, r.group, r.hashes.length]),
    ).toEqual([
      [19, 'django', '==2.0.7', null, null, 2],
      [27, 'pytz', '==2018.5', null, null, 1],
      [33, 'acme-auth', '', null, null, 0],
      [38, 'pywin32', '==224', 'sys_platform == "win32"', null, 0],
      [44, 'pytest', '==3.7.1', null, 'develop', 1],
    ]);
    expect(parsed.requirements[2]).toMatchObject({ editable: true, url: 'git+https://github.com/acme/acme-auth.git@5b3c2e8f2d7a1e4c9f0b6a8d3e2c1f0a9b8c7d6e' });
  });

  it('reads _meta: the Python requirement and the sources', () => {
    expect(parsed.pythonRequirements.map((p) => p.specifiers)).toEqual([['==3.7.*']]);
    expect(parsed.sources.map((s) => s.url)).toEqual(['https://pypi.org/simple']);
  });

  it('reports invalid JSON', () => {
    expect(parsePipfileLock('Pipfile.lock', '{"default": ').observations[0].message).toMatch(/^Invalid JSON: /);
  });
});
