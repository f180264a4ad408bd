import { describe, it, expect } from 'vitest';
import { checkEnvironment, checkRuntimeVersion } from './deployment-fields';

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
