import { describe, expect, it } from 'vitest';
import { defaultTargetOf, opensMigrations, retargetProblem } from './opening';

describe('opening migrations', () => {
  it('opens from the notice start on', () => {
    expect(opensMigrations({ noticeStart: '2018-07-31' }, '2018-07-30')).toBe(false);
    expect(opensMigrations({ noticeStart: '2018-07-31' }, '2018-07-31')).toBe(true);
    expect(opensMigrations({ noticeStart: '2018-07-31' }, '2020-01-01')).toBe(true);
  });

  it('targets the release’s migration target, else the recommended release, never the source', () => {
    expect(defaultTargetOf({ version: '27.11.0', migrationTargetVersion: '36.11.0' }, '37.22.0')).toBe('36.11.0');
    expect(defaultTargetOf({ version: '36.20.0', migrationTargetVersion: null }, '37.22.0')).toBe('37.22.0');
    expect(defaultTargetOf({ version: '37.22.0', migrationTargetVersion: null }, '37.22.0')).toBeNull();
  });

  it('retargets only to a newer, published release that is not at end of life', () => {
    const release = (version: string, state: 'DRAFT' | 'PUBLISHED' = 'PUBLISHED', endOfSupport = '2022-03-31') => ({ version, state, endOfSupport });
    expect(retargetProblem('36.20.0', release('37.22.0'), '37.22.0', '2019-01-01')).toBeNull();
    expect(retargetProblem('36.20.0', null, '9.9.9', '2019-01-01')).toContain('no runtime release');
    expect(retargetProblem('36.20.0', release('36.20.0'), '36.20.0', '2019-01-01')).toContain('moving off');
    expect(retargetProblem('36.20.0', release('38.1.0', 'DRAFT'), '38.1.0', '2019-01-01')).toContain('draft');
    expect(retargetProblem('36.20.0', release('37.21.0', 'PUBLISHED', '2018-12-01'), '37.21.0', '2019-01-01')).toContain('end of life');
    expect(retargetProblem('36.20.0', release('36.11.0'), '36.11.0', '2019-01-01')).toContain('older');
  });
});
