import { describe, expect, it } from 'vitest';
import { checkRuntimeLifecycle } from './lifecycle-checks';
import type { RuntimeLifecycle } from './runtime-checks';

const lifecycle = (status: RuntimeLifecycle['status'], daysUntilEndOfSupport: number, migrationTarget: string | null = '38.30.0'): RuntimeLifecycle => ({
  status,
  generalAvailability: '2019-04-01',
  endOfSupport: '2022-03-31',
  daysUntilEndOfSupport,
  migrationTarget,
});

describe('checkRuntimeLifecycle', () => {
  it('END_OF_LIFE: an ERROR with the date and the migration target, about no file', () => {
    expect(checkRuntimeLifecycle({ version: '37.22.0', lifecycle: lifecycle('END_OF_LIFE', -1697) })).toEqual([
      {
        code: 'RUNTIME_END_OF_LIFE',
        severity: 'ERROR',
        file: null,
        line: null,
        package: null,
        message: 'Runtime 37.22.0 reached its end of life on 2022-03-31 (1697 days ago); it gets no more fixes',
        hint: 'Migrate to 38.30.0, its migration target.',
      },
    ]);
  });

  it('DEPRECATED: a WARNING with the days left and the target', () => {
    const [finding] = checkRuntimeLifecycle({ version: '37.22.0', lifecycle: lifecycle('DEPRECATED', 1) });
    expect(finding).toMatchObject({ code: 'RUNTIME_DEPRECATED', severity: 'WARNING' });
    expect(finding.message).toBe('Runtime 37.22.0 is deprecated: support ends on 2022-03-31, in 1 day');
    expect(finding.hint).toBe('Migrate to 38.30.0, its migration target before 2022-03-31.');
  });

  it('ANTICIPATED: INFO naming the day it becomes available', () => {
    const [finding] = checkRuntimeLifecycle({ version: '37.22.0', lifecycle: lifecycle('ANTICIPATED', 1095) });
    expect(finding).toMatchObject({ code: 'RUNTIME_ANTICIPATED', severity: 'INFO' });
    expect(finding.message).toBe('Runtime 37.22.0 is not generally available yet: it is available from 2019-04-01');
  });

  it('says so when the catalog names no migration target', () => {
    expect(checkRuntimeLifecycle({ version: '27.11.0', lifecycle: lifecycle('END_OF_LIFE', 0, null) })[0].hint).toBe(
      'Migrate to a supported release (the catalog names none as its migration target).',
    );
  });

  it('nothing for a SUPPORTED release, or without a lifecycle', () => {
    expect(checkRuntimeLifecycle({ version: '37.22.0', lifecycle: lifecycle('SUPPORTED', 500) })).toEqual([]);
    expect(checkRuntimeLifecycle({ version: '37.22.0' })).toEqual([]);
  });
});
