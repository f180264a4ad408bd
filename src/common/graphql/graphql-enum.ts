import { registerEnumType, type EnumOptions } from '@nestjs/graphql';

/** `{ A: 'A', B: 'B' }`: what GraphQL enums are registered from, and what code names values by (`Environment.PROD`). */
export type EnumObject<T extends string> = { readonly [K in T]: K };

/**
 * A GraphQL enum from a domain's `as const` array: its values are listed once, in the domain, and
 * the GraphQL type, the TypeScript union and this object all follow from that list.
 */
export function graphqlEnum<const T extends readonly string[]>(values: T, options: EnumOptions<EnumObject<T[number]>>): EnumObject<T[number]> {
  const object = Object.fromEntries(values.map((value) => [value, value])) as EnumObject<T[number]>;
  registerEnumType(object, options);
  return object;
}
