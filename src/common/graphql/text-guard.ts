import { Extensions } from '@nestjs/graphql';
import {
  defaultFieldResolver,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../errors/domain-error';
import { checkStorableText } from '../input-rules/text';
import { checkUuid } from '../input-rules/uuid';

/**
 * The most characters any text argument or input field takes unless it is marked bulk. Fields
 * with a rule of their own (names, slugs, addresses, paths) allow far less.
 */
export const MAX_TEXT_LENGTH = 10_000;

const BULK_TEXT = 'bulkText';
const OWN_TEXT_RULE = 'ownTextRule';
const BULK_TEXT_ARGUMENTS = 'bulkTextArguments';

/**
 * An input field holding a whole file or document, left to the reader that parses it: that
 * reader bounds it in bytes (SCAN_MAX_UPLOAD_BYTES and the like) before any work, refuses binary
 * content, and reports a bad character with its line or row, which a refusal here could not.
 */
export const BulkText = (): PropertyDecorator => Extensions({ [BULK_TEXT]: true });

/**
 * An input field checked by one of the shared input rules (`@Satisfies`), each of which refuses
 * NUL and half characters and bounds the length itself: checking it here first would answer
 * with other words than the import and the CLI use for the same value.
 */
export const OwnTextRule = (): PropertyDecorator => Extensions({ [OWN_TEXT_RULE]: true });

/** The same as BulkText, for arguments of a query or mutation: put it on the resolver method. */
export const BulkTextArguments = (...names: string[]): MethodDecorator => Extensions({ [BULK_TEXT_ARGUMENTS]: names });

type Check = (value: unknown, field: string) => void;

/** `input.slug` is called `slug`, as the input classes' own errors call it. */
const childField = (parent: string, name: string): string => (parent === 'input' ? name : `${parent}.${name}`);

function checkText(value: unknown, field: string): void {
  if (typeof value !== 'string') return; // GraphQL's own coercion already refused anything else
  const checked = checkStorableText(value, field, MAX_TEXT_LENGTH);
  if (!checked.ok) throw badInput(field, checked.message);
}

function checkId(value: unknown, field: string): void {
  if (typeof value !== 'string') return;
  const checked = checkUuid(value, field);
  if (!checked.ok) throw badInput(field, checked.message);
}

/**
 * The check of every text and id inside a value of `type`, or null when it holds none. Built once
 * per type when the schema is built, so a request only walks what can hold text.
 */
function checkFor(type: GraphQLInputType, checkedElsewhere: boolean, building: Map<GraphQLInputType, Check | null>): Check | null {
  if (checkedElsewhere) return null;
  if (isNonNullType(type)) return checkFor(type.ofType, false, building);
  if (isListType(type)) {
    const item = checkFor(type.ofType, false, building);
    if (!item) return null;
    return (value, field) => {
      if (Array.isArray(value)) value.forEach((entry, index) => entry != null && item(entry, `${field}[${index}]`));
    };
  }
  if (isScalarType(type) && type.name === 'String') return checkText;
  if (isScalarType(type) && type.name === 'ID') return checkId;
  if (!isInputObjectType(type)) return null; // enums, numbers, booleans and custom scalars parse themselves
  if (building.has(type)) return (value, field) => building.get(type)?.(value, field); // a type that contains itself
  building.set(type, null);
  const fields = Object.values(type.getFields()).flatMap((inputField) => {
    const ownRule = inputField.extensions?.[BULK_TEXT] === true || inputField.extensions?.[OWN_TEXT_RULE] === true;
    const check = checkFor(inputField.type, ownRule, building);
    return check ? [{ name: inputField.name, check }] : [];
  });
  const check: Check | null =
    fields.length === 0
      ? null
      : (value, field) => {
          const object = value as Record<string, unknown>;
          for (const { name, check: inner } of fields) if (object[name] != null) inner(object[name], childField(field, name));
        };
  building.set(type, check);
  return check;
}

function argumentChecks(field: GraphQLField<unknown, unknown>, building: Map<GraphQLInputType, Check | null>): { name: string; check: Check }[] {
  const bulk = new Set((field.extensions?.[BULK_TEXT_ARGUMENTS] as string[] | undefined) ?? []);
  return field.args.flatMap((argument: GraphQLArgument) => {
    const check = checkFor(argument.type, bulk.has(argument.name), building);
    return check ? [{ name: argument.name, check }] : [];
  });
}

/**
 * Every text argument and input field of every operation, checked before its resolver runs: no
 * NUL, no half characters, at most MAX_TEXT_LENGTH characters, and every ID a UUID (bulk documents and
 * fields with a shared input rule aside: those are checked where they are read).
 * Applied to the schema as a whole, so a new argument cannot be left out. Failing values are
 * BAD_USER_INPUT naming the argument; fields with their own rules check more afterwards.
 */
export function guardTextArguments(schema: GraphQLSchema): GraphQLSchema {
  const building = new Map<GraphQLInputType, Check | null>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const checks = argumentChecks(field, building);
      if (checks.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        for (const { name, check } of checks) if (args[name] != null) check(args[name], name);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
