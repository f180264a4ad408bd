import { describe, it, expect } from 'vitest';
import { checkReleaseShape, parsePythonVersion, versionPrefixForPython, type ReleaseShapeCandidate } from './release-shape';

const valid: ReleaseShapeCandidate = {
  version: '37.22.0',
  pythonVersion: '3.7.2',
  track: 'LTS',
  generalAvailability: '2019-04-01',
  endOfSupport: '2022-04-01',
};

const codes = (candidate: Partial<ReleaseShapeCandidate>) => checkReleaseShape({ ...valid, ...candidate }).map((v) => v.code);

describe('checkReleaseShape', () => {
  it('accepts a well-formed release', () => {
    expect(checkReleaseShape(valid)).toEqual([]);
  });

  it.each([
    ['37.22.0', '3.7'],
    ['27.11.0', '2.7.18'],
    ['36.11.0', '3.6.15'],
    ['310.1.0', '3.10.4'],
    ['313.0.12', '3.13'],
    ['40.1.0', '4.0.0'],
  ])('accepts version %s with Python %s', (version, pythonVersion) => {
    expect(checkReleaseShape({ ...valid, version, pythonVersion })).toEqual([]);
  });

  it.each(['37.22', '37', 'v37.22.0', '=37.22.0', '037.22.0', '37.022.0', ' 37.22.0', '37.22.0 ', '37.22.x', '', 'latest'])(
    'rejects version %j as not plain semver',
    (version) => {
      const [violation] = checkReleaseShape({ ...valid, version });
      expect(violation).toMatchObject({ code: 'INVALID_VERSION', field: 'version', requires: 'NOTHING_CAN_OVERRIDE' });
      expect(violation.message).toContain('x.y.z');
      expect(violation.message).toContain(JSON.stringify(version));
    },
  );

  it.each(['37.22.0-rc.1', '37.22.0+build.5', '37.22.0-beta+exp'])('rejects version %s for its suffix', (version) => {
    expect(checkReleaseShape({ ...valid, version })).toEqual([
      {
        code: 'INVALID_VERSION',
        field: 'version',
        message: `version "${version}" has a pre-release or build suffix; runtime releases are plain x.y.z such as 37.22.0`,
        requires: 'NOTHING_CAN_OVERRIDE',
      },
    ]);
  });

  it.each(['3', '3.7.0rc1', '3.7.0.1', '3.07', '03.7', '3.7.', 'v3.7', '1!3.7', '3.7+local', '3.7.post1', '3.7.*', ''])(
    'rejects pythonVersion %j',
    (pythonVersion) => {
      expect(checkReleaseShape({ ...valid, pythonVersion })).toEqual([
        {
          code: 'INVALID_PYTHON_VERSION',
          field: 'pythonVersion',
          message: `pythonVersion must be a Python release written X.Y or X.Y.Z with digits only, such as 3.7 or 3.7.4; got ${JSON.stringify(pythonVersion)}`,
          requires: 'NOTHING_CAN_OVERRIDE',
        },
      ]);
    },
  );

  it.each([
    ['37.22.0', '3.8.1', '38'],
    ['37.22.0', '3.10.0', '310'],
    ['310.1.0', '3.1.0', '31'],
    ['36.11.0', '2.7', '27'],
  ])('says version %s does not match Python %s and what it should start with', (version, pythonVersion, expected) => {
    const violations = checkReleaseShape({ ...valid, version, pythonVersion });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ code: 'VERSION_PYTHON_MISMATCH', field: 'version', requires: 'NOTHING_CAN_OVERRIDE' });
    expect(violations[0].message).toContain(`pythonVersion ${pythonVersion} needs it to start with ${expected}`);
  });

  it('rejects an unknown track', () => {
    expect(checkReleaseShape({ ...valid, track: 'BETA' })).toEqual([
      { code: 'INVALID_TRACK', field: 'track', message: 'track must be LTS or STABLE; got "BETA"', requires: 'NOTHING_CAN_OVERRIDE' },
    ]);
    expect(codes({ track: 'lts' })).toEqual(['INVALID_TRACK']);
  });

  it('rejects malformed dates, naming each field', () => {
    expect(checkReleaseShape({ ...valid, generalAvailability: '2019-02-29', endOfSupport: '2022/04/01' })).toEqual([
      expect.objectContaining({ code: 'INVALID_DATE', field: 'generalAvailability', message: expect.stringContaining('"2019-02-29"') }),
      expect.objectContaining({ code: 'INVALID_DATE', field: 'endOfSupport', message: expect.stringContaining('"2022/04/01"') }),
    ]);
  });

  it('requires end of support strictly after general availability', () => {
    expect(checkReleaseShape({ ...valid, endOfSupport: '2019-03-31' })).toEqual([
      {
        code: 'END_NOT_AFTER_GENERAL_AVAILABILITY',
        field: 'endOfSupport',
        message: 'endOfSupport 2019-03-31 must be after generalAvailability 2019-04-01',
        requires: 'NOTHING_CAN_OVERRIDE',
      },
    ]);
    expect(codes({ endOfSupport: valid.generalAvailability })).toEqual(['END_NOT_AFTER_GENERAL_AVAILABILITY']);
  });

  it('reports every problem at once, version mismatch only when both versions parse', () => {
    expect(codes({ version: 'x', pythonVersion: 'y', track: 'Z', endOfSupport: '2000-01-01' })).toEqual([
      'INVALID_VERSION',
      'INVALID_PYTHON_VERSION',
      'INVALID_TRACK',
      'END_NOT_AFTER_GENERAL_AVAILABILITY',
    ]);
    expect(codes({ version: '38.1.0-rc.1', pythonVersion: '3.7' })).toEqual(['INVALID_VERSION']);
  });
});

describe('parsePythonVersion and versionPrefixForPython', () => {
  it('reads major, minor and optional micro', () => {
    expect(parsePythonVersion('3.10.4')).toEqual({ major: 3, minor: 10, micro: 4 });
    expect(parsePythonVersion('2.7')).toEqual({ major: 2, minor: 7, micro: null });
    expect(parsePythonVersion('3.7rc1')).toBeNull();
  });

  it('writes major followed by minor', () => {
    expect(versionPrefixForPython({ major: 3, minor: 7 })).toBe('37');
    expect(versionPrefixForPython({ major: 2, minor: 7 })).toBe('27');
    expect(versionPrefixForPython({ major: 3, minor: 10 })).toBe('310');
  });
});
