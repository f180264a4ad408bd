import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSatisfiable, parseSpecifierSet } from '../pep440/specifier';
import type { SpecifierClause } from '../types';
import { acceptsVersion, allowsAtOrAbove, boundsSatisfiable, clausesToText, isRequirementSatisfiable, pinnedVersionText } from './requirement-versions';

const release = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
const bound = fc
  .tuple(fc.constantFrom('>=', '>', '<=', '<', '!=') as fc.Arbitrary<SpecifierClause['operator']>, release)
  .map(([operator, version]): SpecifierClause => ({ operator, version }));

function requirementOf(specifiers: SpecifierClause[], alternatives: SpecifierClause[][] | null = null) {
  return { specifiers, alternatives };
}

describe('boundsSatisfiable', () => {
  it('agrees with the interval logic of the packaging port on plain bounds', () => {
    fc.assert(
      fc.property(fc.array(bound, { minLength: 1, maxLength: 4 }), (clauses) => {
        expect(boundsSatisfiable(clauses)).toBe(isSatisfiable(parseSpecifierSet(clausesToText(clauses))));
      }),
      { numRuns: 20_000 },
    );
  });

  it('knows the corner cases', () => {
    expect(boundsSatisfiable([{ operator: '<', version: '0' }])).toBe(false);
    expect(boundsSatisfiable([{ operator: '<', version: '0.0.0' }])).toBe(false);
    expect(boundsSatisfiable([{ operator: '<', version: '0.1' }])).toBe(true);
    expect(
      boundsSatisfiable([
        { operator: '>=', version: '2' },
        { operator: '<', version: '1' },
      ]),
    ).toBe(false);
    expect(
      boundsSatisfiable([
        { operator: '>', version: '1.0' },
        { operator: '<', version: '1.0.0.1' },
      ]),
    ).toBe(true);
    expect(
      boundsSatisfiable([
        { operator: '>=', version: '1.0' },
        { operator: '<=', version: '1' },
      ]),
    ).toBe(true);
    expect(
      boundsSatisfiable([
        { operator: '>', version: '1.0' },
        { operator: '<=', version: '1' },
      ]),
    ).toBe(false);
    expect(
      boundsSatisfiable([
        { operator: '>=', version: '1.0' },
        { operator: '<=', version: '1' },
        { operator: '!=', version: '1.0.0' },
      ]),
    ).toBe(false);
    expect(
      boundsSatisfiable([
        { operator: '>=', version: '1.0' },
        { operator: '<', version: '1.1' },
        { operator: '!=', version: '1.0' },
      ]),
    ).toBe(true);
  });

  it('leaves other operators and versions to the port', () => {
    expect(boundsSatisfiable([{ operator: '!=', version: '1.*' }])).toBeNull();
    expect(boundsSatisfiable([{ operator: '~=', version: '1.0' }])).toBeNull();
    expect(boundsSatisfiable([{ operator: '>=', version: '1.0a1' }])).toBeNull();
  });
});

describe('requirement version questions', () => {
  it('answers satisfiability for single sets and Poetry alternatives', () => {
    expect(
      isRequirementSatisfiable(
        requirementOf([
          { operator: '==', version: '1.0' },
          { operator: '!=', version: '1.0' },
        ]),
      ),
    ).toBe(false);
    expect(
      isRequirementSatisfiable(
        requirementOf([
          { operator: '>', version: '1.0' },
          { operator: '<=', version: '1.0.post0' },
        ]),
      ),
    ).toBe(false);
    expect(
      isRequirementSatisfiable(
        requirementOf(
          [],
          [
            [
              { operator: '>=', version: '2' },
              { operator: '<', version: '1' },
            ],
            [{ operator: '>=', version: '3' }],
          ],
        ),
      ),
    ).toBe(true);
  });

  it('contains an installed pre-release like packaging with prereleases=True', () => {
    expect(acceptsVersion(requirementOf([{ operator: '>=', version: '2.0' }]), '2.1rc1')).toBe(true);
    expect(acceptsVersion(requirementOf([{ operator: '<', version: '3.14.0rc2' }]), '3.14.0rc1')).toBe(true);
    expect(acceptsVersion(requirementOf([{ operator: '>=', version: '2.1' }]), '2.0.7')).toBe(false);
  });

  it('knows when only older versions are allowed', () => {
    expect(allowsAtOrAbove(requirementOf([{ operator: '<', version: '2.0' }]), '2.0.7')).toBe(false);
    expect(allowsAtOrAbove(requirementOf([{ operator: '<', version: '3.0' }]), '2.0.7')).toBe(true);
    expect(allowsAtOrAbove(requirementOf([{ operator: '==', version: '1.11.29' }]), '2.0.7')).toBe(false);
  });

  it('finds the pin of == and === but not of wildcards or unions', () => {
    expect(
      pinnedVersionText(
        requirementOf([
          { operator: '>=', version: '1' },
          { operator: '==', version: '1.2' },
        ]),
      ),
    ).toBe('1.2');
    expect(pinnedVersionText(requirementOf([{ operator: '===', version: 'foo' }]))).toBe('foo');
    expect(pinnedVersionText(requirementOf([{ operator: '==', version: '1.*' }]))).toBeNull();
    expect(pinnedVersionText(requirementOf([], [[{ operator: '==', version: '1' }]]))).toBeNull();
  });
});
