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
  fc
    .tuple(
      fc.stringMatching(/^[0-9]{1,2}(\.[0-9]{1,2}){0,2}$/),
      fc.constantFrom('', '.*', 'a1', 'b2', 'rc1', '.post1', '.dev0', '+local.1', '-1', '.*.*', '*', 'c', '.'),
    )
    .map(([v, s]) => v + s),
  fc.array(fc.constantFrom(...SPEC_ALPHABET), { maxLength: 12 }).map((chars) => chars.join('')),
);
const clause = fc.tuple(operator, versionText).map(([op, version]) => op + version);
const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/);
const plainLooking = fc
  .tuple(name, fc.array(clause, { maxLength: 4 }), fc.constantFrom('', ',', ',,'))
  .map(([n, clauses, tail]) => n + clauses.join(',') + tail);
/** Extras, spaces, tabs and parentheses around and between the clauses, valid or nearly so. */
const space = fc.constantFrom('', '', ' ', '  ', '\t', ' \t');
const extrasText = fc.oneof(
  fc.constant(''),
  fc.array(fc.oneof(name, fc.constantFrom('', 'a-', '_a', 'A_', 'x y')), { minLength: 1, maxLength: 3 }).map((extras) => `[${extras.join(',')}]`),
  fc.constantFrom('[]', '[a,]', '[,a]', '[ a]', '[a ]', '[a]]', '[[a]'),
);
const separator = fc.tuple(space, fc.constantFrom(',', ',', ',', ',,', ''), space).map((parts) => parts.join(''));
const spacedLooking = fc
  .tuple(
    name,
    extrasText,
    space,
    fc.constantFrom('', '(', '( ', '((', ' ('),
    fc.array(fc.tuple(clause, separator), { maxLength: 4 }),
    space,
    fc.constantFrom('', ')', ' )', '))', ')x'),
    space,
  )
  .map(
    ([n, extras, afterName, open, clauses, beforeClose, close, end]) =>
      n + extras + afterName + open + clauses.map(([c, s]) => c + s).join('') + beforeClose + close + end,
  );

describe('parsePlainRequirement (fast path)', () => {
  it('answers like parseRequirement whenever it answers', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          plainLooking,
          spacedLooking,
          fc.array(fc.constantFrom(...SPEC_ALPHABET, ' ', '\t', ';', '[', ']', '(', ')'), { maxLength: 24 }).map((c) => c.join('')),
        ),
        (text) => {
          const fast = parsePlainRequirement(text);
          if (fast === null) return;
          expect(fast).toEqual(fullParse(text));
        },
      ),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 30_000) },
    );
  });

  it('takes the common shapes', () => {
    for (const text of [
      'Django==2.0.7',
      'requests>=2.19,<3',
      'six',
      'zope.interface~=4.5',
      'numpy!=1.15.*',
      'a==1.0,',
      'celery[redis]==4.2',
      'requests[socks,Security]>=2.19',
      'x[b,a,b]',
      'Django (>=2.0, !=2.0.1)',
      'x ( <2 )',
      'x()',
      'x >=1.0 , <2',
      'x[a] (==1.0)',
    ]) {
      expect(parsePlainRequirement(text)).not.toBeNull();
      expect(parsePlainRequirement(text)).toEqual(fullParse(text));
    }
  });

  it('leaves everything else to the full parser', () => {
    for (const text of [
      'Django == 2.0',
      'celery [redis]==4.2',
      'x[a-]==1',
      'x (>=1',
      'x >=1 <2',
      'a==1.0; python_version<"3"',
      'a @ https://x/y',
      'a===1.0',
      'a==1.0,,<2',
      'a-==1',
      '',
    ]) {
      expect(parsePlainRequirement(text)).toBeNull();
    }
  });
});
