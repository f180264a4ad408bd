/**
 * GraphQL enums come from the domain's `as const` arrays, once (issue 8 §3): every enum is
 * registered through graphqlEnum() from such an array, so its values are not listed a second time
 * as a TypeScript enum next to a string union. Role is the one TypeScript enum left: it is its own
 * single definition (and ErrorCode is not a GraphQL type).
 */
import { describe, expect, it } from 'vitest';
import { sourceFilesUnder } from '../setup/source-files';

const SINGLE_DEFINITIONS = new Set(['src/auth/role.ts', 'src/common/errors/domain-error.ts']);

describe('GraphQL enums', () => {
  const sources = sourceFilesUnder('src').filter((file) => !file.path.endsWith('.spec.ts'));

  it('are registered only through graphqlEnum, from a domain array', () => {
    const direct = sources
      .filter((file) => file.path !== 'src/common/graphql/graphql-enum.ts' && !file.path.startsWith('src/auth/'))
      .filter((file) => /registerEnumType\(/.test(file.text))
      .map((file) => file.path);
    expect(direct).toEqual([]);
  });

  it('are not listed again as TypeScript enums', () => {
    const enums = sources.filter((file) => /^export enum /m.test(file.text) && !SINGLE_DEFINITIONS.has(file.path)).map((file) => file.path);
    expect(enums).toEqual([]);
  });
});
