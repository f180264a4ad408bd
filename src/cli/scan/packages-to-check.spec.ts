import { describe, expect, it } from 'vitest';
import { packagesToCheck } from './packages-to-check';

describe('packagesToCheck', () => {
  it("lists the requirements' names and the runtime's bundled packages, canonical, once each, sorted", () => {
    const requirements = [{ name: 'requests' }, { name: null }, { name: 'django' }, { name: 'requests' }];
    const runtime = {
      packages: [
        { name: 'Django', version: '2.2' },
        { name: 'PyYAML', version: '5.1' },
      ],
    };
    expect(packagesToCheck(requirements, runtime)).toEqual(['django', 'pyyaml', 'requests']);
  });

  it('without a runtime, only the requirements', () => {
    expect(packagesToCheck([{ name: 'six' }], null)).toEqual(['six']);
    expect(packagesToCheck([], null)).toEqual([]);
  });
});
