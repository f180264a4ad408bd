import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequirement } from '../pep508/requirement';
import { parsePlainRequirement } from './plain-requirement';

/** The full parser's answer, as plain data or the fact that it failed. */
function fullParse(text: string): unknown {
  try {
    const { rawName, name, extras, specifiers, marker, url } = parseRequirement(text);
    return { rawName, name, extras, specifiers, marker, url };
  } catch {
    return 'error';
  }
}

const SPEC_ALPHABET = [...'0123456789.,*+!=<>~_-abcrpostdevAZv'];

const operator = fc.constantFrom('==', '!=', '>=', '<=', '>', '<', '~=', '===', '=', '!', '<>');
const versionText = fc.oneof(
  fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$/),
  fc.tuple(fc.stringMatching(/^[0-9]{1,2}(\.[0-9]{1,2}){0,2}$/), fc.constantFrom('', '.*', 'a1', 'b2', 'rc1', '.post1', '.dev0', '+local.1', '-1', '.*.*', '*', 'c', '.')).map(([v, s]) => v + s),
  fc.array(fc.constantFrom(...SPEC_ALPHABET), { maxLength: 12 }).map((chars) => chars.join('')),
);
const clause = fc.tuple(operator, versionText).map(([op, version]) => op + version);
const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/);
const plainLooking = fc.tuple(name, fc.array(clause, { maxLength: 4 }), fc.constantFrom('', ',', ',,'))
  .map(([n, clauses, tail]) => n + clauses.join(',') + tail);

describe('parsePlainRequirement (fast path)', () => {
  it('answers like parseRequirement whenever it answers', () => {
    fc.assert(
      fc.property(fc.oneof(plainLooking, fc.array(fc.constantFrom(...SPEC_ALPHABET, ' ', ';', '['), { maxLength: 24 }).map((c) => c.join(''))), (text) => {
        const fast = parsePlainRequirement(text);
        if (fast === null) return;
        expect(fast).toEqual(fullParse(text));
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 30_000) },
    );
  });

  it('takes the common shapes', () => {
    for (const text of ['Django==2.0.7', 'requests>=2.19,<3', 'six', 'zope.interface~=4.5', 'numpy!=1.15.*', 'a==1.0,']) {
      expect(parsePlainRequirement(text)).toEqual(fullParse(text));
    }
  });

  it('leaves everything else to the full parser', () => {
    for (const text of ['Django == 2.0', 'celery[redis]==4.2', 'a==1.0; python_version<"3"', 'a @ https://x/y', 'a===1.0', 'a==1.0,,<2', 'a-==1', '']) {
      expect(parsePlainRequirement(text)).toBeNull();
    }
  });
});
