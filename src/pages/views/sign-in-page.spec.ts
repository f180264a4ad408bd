import { describe, expect, it } from 'vitest';
import { safeNextPath } from './sign-in-page';

describe('safeNextPath', () => {
  it('keeps paths of this site', () => {
    expect(safeNextPath('/apps/billing?x=1')).toBe('/apps/billing?x=1');
    expect(safeNextPath('/')).toBe('/');
  });

  it('refuses other sites, schemes and odd input', () => {
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/a b', '', undefined, 42, '/'.padEnd(600, 'a')]) {
      expect(safeNextPath(next)).toBe('/');
    }
  });
});
