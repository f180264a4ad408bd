import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error';
import { MAX_ADVISORY_QUERY_PACKAGES } from './advisory-query-limits';
import { checkPackageNames } from './check-package-names';

const badInputAt = (field: string) => expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field }) });

describe('checkPackageNames', () => {
  it('canonicalises names per PEP 503 and lists each once', () => {
    expect(checkPackageNames([' Django ', 'django', 'Oslo.Concurrency', 'oslo_concurrency', 'PyYAML'])).toEqual(['django', 'oslo-concurrency', 'pyyaml']);
    expect(checkPackageNames([])).toEqual([]);
  });

  it('accepts the limit and refuses one more, naming the argument', () => {
    const names = Array.from({ length: MAX_ADVISORY_QUERY_PACKAGES + 1 }, (_, index) => `pkg${index}`);
    expect(checkPackageNames(names.slice(1))).toHaveLength(MAX_ADVISORY_QUERY_PACKAGES);
    expect(() => checkPackageNames(names)).toThrow(DomainError);
    expect(() => checkPackageNames(names)).toThrow(badInputAt('packages'));
    expect(() => checkPackageNames(names)).toThrow(`at most ${MAX_ADVISORY_QUERY_PACKAGES}`);
  });

  it('refuses a blank or overlong name, naming the entry', () => {
    expect(() => checkPackageNames(['six', '  '])).toThrow(badInputAt('packages[1]'));
    expect(() => checkPackageNames(['x'.repeat(201)])).toThrow(badInputAt('packages[0]'));
  });
});
