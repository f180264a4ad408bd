import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format';

describe('detectFormat', () => {
  it('decides by file name first', () => {
    expect(detectFormat('app/pyproject.toml', '')).toBe('pyproject');
    expect(detectFormat('Pipfile', '')).toBe('pipfile');
    expect(detectFormat('requirements/base.txt', '[packages]')).toBe('pip');
    expect(detectFormat('requirements.in', '')).toBe('pip');
  });

  it('sniffs TOML section headers when the name says nothing, and defaults to pip', () => {
    expect(detectFormat('deps', '[[source]]\nurl = "x"\n[packages]\n')).toBe('pipfile');
    expect(detectFormat('build.toml', '# x\n[project]\nname = "x"\n')).toBe('pyproject');
    expect(detectFormat('deps', 'requests==2.0\n')).toBe('pip');
  });
});
