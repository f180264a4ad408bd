import { Extensions } from '@nestjs/graphql';
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

const PREFETCHABLE = 'prefetchable';
const PREFETCHED = Symbol('prefetched field values');

type Prefetched = { [PREFETCHED]?: Record<string, unknown> };

/**
 * Marks a `@ResolveField` whose value a parent resolver may already have read (a list that reads
 * its nodes' owning groups in the same statement). Such a value is answered as plain data: no
 * resolver call through Nest's guards, pipes and interceptors, no loader, no promise. Only for
 * fields without arguments, so that the value cannot depend on them.
 */
export const Prefetchable = (): MethodDecorator & PropertyDecorator => Extensions({ [PREFETCHABLE]: true });

/** Attaches values of prefetchable fields to a node; fields left out are resolved as usual. */
export function withPrefetched<T extends object>(node: T, values: Record<string, unknown>): T {
  (node as T & Prefetched)[PREFETCHED] = values;
  return node;
}

/**
 * Wraps every `@Prefetchable()` field's resolver so that a value attached with `withPrefetched`
 * is returned at once. Run once when the schema is built.
 */
export function answerPrefetchedFieldsFirst(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions?.[PREFETCHABLE] !== true) continue;
      if (field.args.length > 0) throw new Error(`${type.name}.${field.name} takes arguments: its value cannot be prefetched once for every use`);
      const resolve = field.resolve;
      if (resolve === undefined) continue;
      const name = field.name;
      const prefetchedFirst: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        const values = (source as Prefetched | null)?.[PREFETCHED];
        return values !== undefined && name in values ? values[name] : resolve(source, args, context, info);
      };
      field.resolve = prefetchedFirst;
    }
  }
  return schema;
}
