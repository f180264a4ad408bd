import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePoetryLock } from './parse-poetry-lock';

const LOCK = readFileSync(join(__dirname, '../../../test/requirements/fixtures/locks/poetry.lock'), 'utf8');

describe('parsePoetryLock', () => {
  it('reads every locked package as a pin with hashes on its [[package]] line', () => {
    const parsed = parsePoetryLock('poetry.lock', LOCK);
    expect(parsed.observations).toEqual([]);
    expect(parsed.requirements.map((r) => [r.line, r.name, r.specifiers.map((c) => c.operator + c.version).join(','), r.hashes.length, r.source])).toEqual([
      [3, 'asgiref', '==3.7.2', 2, 'index'],
      [20, 'django', '==4.2.7', 1, 'index'],
      [30, 'acme-common', '', 0, 'vcs'],
    ]);
    expect(parsed.requirements[2]).toMatchObject({
      url: 'git+https://github.com/acme/common.git@0f3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b#subdirectory=python',
      vcs: { vcs: 'git', immutable: true },
    });
  });

  it('reports a broken lock file on its line', () => {
    expect(parsePoetryLock('poetry.lock', '[[package]]\nname = "x"\n').observations.map((o) => [o.line, o.code])).toEqual([[1, 'PARSE_ERROR']]);
    expect(parsePoetryLock('poetry.lock', '[[package]\n').observations[0].code).toBe('PARSE_ERROR');
  });
});
