import { describe, it, expect } from 'vitest';
import { checkCommit, checkEnvironment, checkRuntimeVersion } from './deployment-fields';

describe('checkEnvironment', () => {
  it('accepts any case and answers in upper case', () => {
    expect(checkEnvironment(' prod ', 'environment')).toEqual({ ok: true, value: 'PROD' });
    expect(checkEnvironment('Qual', 'environment')).toEqual({ ok: true, value: 'QUAL' });
  });

  it('lists the environments when the value is not one', () => {
    expect(checkEnvironment('production', 'environment')).toEqual({
      ok: false,
      message: 'environment must be one of TEST, QUAL, BETA, PROD; got "production"',
    });
    expect(checkEnvironment('', 'environment')).toEqual({ ok: false, message: 'environment is required' });
  });
});

describe('checkRuntimeVersion', () => {
  it('accepts x.y.z', () => {
    expect(checkRuntimeVersion(' 37.22.0 ', 'runtime')).toEqual({ ok: true, value: '37.22.0' });
  });

  it.each(['37.22', '37.22.0.1', '37.022.0', '37.22.0-rc1', 'latest', '1234567890.0.0'])('refuses %s', (version) => {
    expect(checkRuntimeVersion(version, 'runtime').ok).toBe(false);
  });

  it('suggests dropping a leading v', () => {
    const result = checkRuntimeVersion('v37.22.0', 'runtime');
    expect(!result.ok && result.message).toContain('write 37.22.0, without the "v"');
  });
});

describe('checkCommit', () => {
  it('accepts 7 to 64 hex digits, lower-cased', () => {
    expect(checkCommit('ABCDEF1', 'commit')).toEqual({ ok: true, value: 'abcdef1' });
    expect(checkCommit('a'.repeat(40), 'commit').ok).toBe(true);
    expect(checkCommit('b'.repeat(64), 'commit').ok).toBe(true);
  });

  it('names the length when it is wrong', () => {
    expect(checkCommit('abc123', 'commit')).toEqual({ ok: false, message: 'commit must be 7–64 hex digits long; got 6 ("abc123")' });
    expect(!checkCommit('a'.repeat(65), 'commit').ok).toBe(true);
  });

  it('says a branch or tag name is not a commit', () => {
    const result = checkCommit('main', 'commit');
    expect(!result.ok && result.message).toContain('not a branch or tag name');
  });
});
